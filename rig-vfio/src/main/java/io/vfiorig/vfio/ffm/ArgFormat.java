package io.vfiorig.vfio.ffm;

import java.lang.foreign.MemorySegment;
import java.util.StringJoiner;

/** Renders call arguments for {@link NativeCallException} messages: flag words as names, pointers with sizes. */
final class ArgFormat {
    private ArgFormat() {
    }

    static String pointer(MemorySegment segment) {
        if (segment == null || segment.address() == 0) {
            return "NULL";
        }
        String address = "0x" + Long.toHexString(segment.address());
        return segment.byteSize() == 0 ? address : address + "[" + segment.byteSize() + " B]";
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    static String prot(int prot) {
        if (prot == Libc.PROT_NONE) {
            return "PROT_NONE";
        }
        return bits(prot, new int[] {Libc.PROT_READ, Libc.PROT_WRITE, Libc.PROT_EXEC},
                new String[] {"PROT_READ", "PROT_WRITE", "PROT_EXEC"});
    }

    static String mapFlags(int flags) {
        return bits(flags,
                new int[] {Libc.MAP_SHARED, Libc.MAP_PRIVATE, Libc.MAP_FIXED, Libc.MAP_ANONYMOUS,
                    Libc.MAP_NORESERVE, Libc.MAP_POPULATE, Libc.MAP_FIXED_NOREPLACE},
                new String[] {"MAP_SHARED", "MAP_PRIVATE", "MAP_FIXED", "MAP_ANONYMOUS",
                    "MAP_NORESERVE", "MAP_POPULATE", "MAP_FIXED_NOREPLACE"});
    }

    static String openFlags(int flags) {
        String access = switch (flags & 3) {
            case Libc.O_RDONLY -> "O_RDONLY";
            case Libc.O_WRONLY -> "O_WRONLY";
            case Libc.O_RDWR -> "O_RDWR";
            default -> "O_ACCMODE?";
        };
        int rest = flags & ~3;
        return rest == 0 ? access : access + "|" + bits(rest,
                new int[] {Libc.O_CREAT, Libc.O_NONBLOCK, Libc.O_CLOEXEC},
                new String[] {"O_CREAT", "O_NONBLOCK", "O_CLOEXEC"});
    }

    private static String bits(int value, int[] masks, String[] names) {
        StringJoiner out = new StringJoiner("|");
        int left = value;
        for (int i = 0; i < masks.length; i++) {
            if ((left & masks[i]) == masks[i]) {
                out.add(names[i]);
                left &= ~masks[i];
            }
        }
        if (left != 0 || out.length() == 0) {
            out.add(hex(Integer.toUnsignedLong(left)));
        }
        return out.toString();
    }
}
