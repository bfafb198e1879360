package io.vfiorig.agent.access;

import io.vfiorig.vfio.ffm.Libc;
import java.lang.foreign.MemorySegment;

/**
 * Child-JVM program for {@link DeviceAccessC2Test}: warms every device access form until C2
 * compiles it, inside callers that widen the loaded value to {@code long} (the pattern that makes
 * C2 emit a crash-prone sign-extending load when the access is inlined), then revokes the mapping
 * and checks each form still turns SIGBUS into InternalError.
 */
public final class DeviceAccessC2Check {
    private static final long SIZE = 1 << 20;

    private DeviceAccessC2Check() {}

    static long sumRead32(MemorySegment bar) {
        long sum = 0;
        for (long off = 0; off < 4096; off += 4) {
            sum += DeviceAccess.read32(bar, off);
        }
        return sum;
    }

    static long sumRead8(MemorySegment bar) {
        long sum = 0;
        for (long off = 0; off < 4096; off += 64) {
            sum += DeviceAccess.read8(bar, off);
        }
        return sum;
    }

    static long writeAll(MemorySegment bar) {
        for (long off = 0; off < 4096; off += 4) {
            DeviceAccess.write32(bar, off, (int) off);
        }
        return 1;
    }

    interface Form {
        long apply(MemorySegment bar);
    }

    public static void main(String[] args) {
        int fd = Libc.memfdCreate("c2-check", Libc.MFD_CLOEXEC);
        Libc.ftruncate(fd, SIZE);
        MemorySegment bar = Libc.mmap(MemorySegment.NULL, SIZE, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd, 0);
        Form[] forms = {DeviceAccessC2Check::sumRead32, DeviceAccessC2Check::sumRead8, DeviceAccessC2Check::writeAll};
        String[] names = {"read32", "read8", "write32"};
        long sink = 0;
        for (int i = 0; i < 40_000; i++) {
            for (Form f : forms) {
                sink += f.apply(bar);
            }
        }
        Libc.ftruncate(fd, 0); // revoke
        StringBuilder out = new StringBuilder("CAUGHT");
        for (int k = 0; k < forms.length; k++) {
            int caught = 0;
            for (int i = 0; i < 1000; i++) {
                try {
                    sink += forms[k].apply(bar);
                } catch (InternalError expected) {
                    caught++;
                }
            }
            out.append(' ').append(names[k]).append('=').append(caught);
        }
        System.out.println(out + " directive=" + DeviceAccess.protectedFromInlining() + " sink=" + (sink & 1));
    }
}
