package io.vfiorig.agent.device.vfio;

import io.vfiorig.vfio.ffm.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * PCI config space through the CONFIG region: pread/pwrite at {@code region.offset + reg}, the
 * offset the kernel reported (never {@code 7 << 40}: that shift is vfio-pci's private detail).
 * Read-modify-write is serialised, so a revoke and a restore cannot interleave their halves.
 */
final class ConfigSpace {
    private final DeviceFd fd;
    private final long base;

    ConfigSpace(DeviceFd fd, Region config) {
        this.fd = fd;
        this.base = config.offset();
    }

    long base() {
        return base;
    }

    int read16(int reg) {
        return fd.with("read config register 0x" + Integer.toHexString(reg), f -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment buf = arena.allocate(ValueLayout.JAVA_SHORT);
                long n = Libc.pread(f, buf, 2, base + reg);
                if (n != 2) {
                    throw new IllegalStateException("short config read at 0x" + Integer.toHexString(reg) + ": " + n + " bytes");
                }
                return Short.toUnsignedInt(buf.get(ValueLayout.JAVA_SHORT, 0));
            }
        });
    }

    void write16(int reg, int value) {
        fd.with("write config register 0x" + Integer.toHexString(reg), f -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment buf = arena.allocate(ValueLayout.JAVA_SHORT);
                buf.set(ValueLayout.JAVA_SHORT, 0, (short) value);
                long n = Libc.pwrite(f, buf, 2, base + reg);
                if (n != 2) {
                    throw new IllegalStateException("short config write at 0x" + Integer.toHexString(reg) + ": " + n + " bytes");
                }
                return null;
            }
        });
    }

    /** Sets or clears {@code bits} of a 16-bit register; returns the value before. */
    synchronized int update16(int reg, int bits, boolean set) {
        int before = read16(reg);
        int after = set ? before | bits : before & ~bits;
        if (after != before) {
            write16(reg, after);
        }
        return before;
    }
}
