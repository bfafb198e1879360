package io.vfiorig.agent.vm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Smallest ELF64 relocatable object with a .modinfo section: a stand-in kernel module for tests. */
final class TestElf {
    private TestElf() {}

    static byte[] module(String... modinfo) {
        byte[] info = (String.join("\0", modinfo) + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] names = "\0.modinfo\0.shstrtab\0".getBytes(StandardCharsets.US_ASCII);
        int infoOff = 64;
        int namesOff = infoOff + info.length;
        int shoff = (namesOff + names.length + 7) & ~7;
        ByteBuffer b = ByteBuffer.allocate(shoff + 3 * 64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        b.putShort(0x10, (short) 1).putShort(0x12, (short) 0x3E).putInt(0x14, 1);
        b.putLong(0x28, shoff).putShort(0x34, (short) 64).putShort(0x3A, (short) 64).putShort(0x3C, (short) 3)
                .putShort(0x3E, (short) 2);
        b.put(infoOff, info).put(namesOff, names);
        section(b, shoff + 64, 1, infoOff, info.length);
        section(b, shoff + 128, 10, namesOff, names.length);
        return b.array();
    }

    private static void section(ByteBuffer b, int at, int name, int offset, int size) {
        b.putInt(at, name).putInt(at + 4, name == 10 ? 3 : 1).putLong(at + 0x18, offset).putLong(at + 0x20, size);
    }
}
