package io.vfiorig.agent.vm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the kernel version string from an x86 bzImage's setup header (Documentation/arch/x86/boot.rst)
 * without booting or decompressing it: results must name the guest's release even when the
 * guest never comes up.
 */
public final class BzImageHeader {
    /** "HdrS": the setup header's magic, present since boot protocol 2.00. */
    static final int MAGIC_OFFSET = 0x202;
    static final int PROTOCOL_OFFSET = 0x206;
    /** 16-bit pointer to the version string, relative to the start of the setup code at 0x200. */
    static final int KERNEL_VERSION_PTR = 0x20E;
    private static final int SETUP_START = 0x200;
    private static final int MAX_READ = SETUP_START + 0x10000 + 256;

    private BzImageHeader() {}

    /** The full version string, e.g. {@code 7.3.4 (root@vm) #2 SMP PREEMPT_DYNAMIC Wed Nov 25 ...}. */
    public static String versionString(Path bzImage) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(bzImage)) {
            head = in.readNBytes(MAX_READ);
        }
        return versionString(head, bzImage.toString());
    }

    /** The release (first word of the version string): what {@code uname -r} prints in the guest. */
    public static String release(Path bzImage) throws IOException {
        return releaseOf(versionString(bzImage));
    }

    static String releaseOf(String versionString) {
        int sp = versionString.indexOf(' ');
        return sp < 0 ? versionString : versionString.substring(0, sp);
    }

    static String versionString(byte[] head, String what) throws IOException {
        if (head.length < KERNEL_VERSION_PTR + 2) {
            throw new IOException(what + " is too short to be a bzImage (" + head.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(MAGIC_OFFSET) != 0x53726448) { // "HdrS" little-endian
            throw new IOException(what + " is not an x86 bzImage (no HdrS setup header at 0x202)");
        }
        int protocol = Short.toUnsignedInt(b.getShort(PROTOCOL_OFFSET));
        int ptr = Short.toUnsignedInt(b.getShort(KERNEL_VERSION_PTR));
        if (protocol < 0x200 || ptr == 0) {
            throw new IOException(what + ": boot protocol " + Integer.toHexString(protocol) + " has no kernel_version");
        }
        int start = SETUP_START + ptr;
        int end = start;
        while (end < head.length && head[end] != 0) {
            end++;
        }
        if (start >= head.length || end == head.length) {
            throw new IOException(what + ": kernel_version pointer 0x" + Integer.toHexString(ptr) + " is outside the file");
        }
        String s = new String(head, start, end - start, StandardCharsets.US_ASCII).strip();
        if (s.isEmpty() || !Character.isDigit(s.charAt(0))) {
            throw new IOException(what + ": kernel_version string is not a version: '" + s + "'");
        }
        return s;
    }
}
