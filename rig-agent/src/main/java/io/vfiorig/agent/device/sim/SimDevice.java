package io.vfiorig.agent.device.sim;

import io.vfiorig.agent.device.Bar;
import io.vfiorig.agent.device.DeviceProfile;
import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.device.DeviceUnderTest;
import io.vfiorig.agent.device.FaultExpectation;
import io.vfiorig.agent.kernel.KernelHang;
import io.vfiorig.vfio.ffm.Libc;
import io.vfiorig.vfio.ffm.Mappings;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The simulated device: a "BAR" backed by a memfd mapped {@code MAP_SHARED}, so every first touch
 * is a real kernel page fault. Revocation truncates the memfd to 0 (accesses then SIGBUS, as a
 * revoked vfio BAR does); restore grows it back and re-initialises the registers through
 * {@code pwrite}, the "device side", so the user mapping must fault again.
 */
public final class SimDevice implements DeviceUnderTest {
    public static final long DEFAULT_SIZE = 8L << 20;
    private static final int CORRUPT_ID = 0x0badc0de;
    private static final Path SHMEM_THP = Path.of("/sys/kernel/mm/transparent_hugepage/shmem_enabled");

    private final String name;
    private final SimBug bug;
    private final long size;
    private final DeviceProfile profile = DeviceProfile.simEdu();
    private final Arena arena = Arena.ofShared();
    private final MemorySegment image;
    private final Bar bar;
    /** revoke-hang's stuck-in-the-kernel call; null for the other bug classes. */
    private final KernelHang hang;
    private volatile int fd;

    public SimDevice(DeviceSpec spec) {
        validate(spec);
        this.name = spec.text();
        this.bug = SimBug.parse(spec.option("bug", "none"));
        this.size = DeviceSpec.parseSize(spec.option("size", "8M"));
        this.image = registerImage(arena, size, profile);
        this.fd = Libc.memfdCreate("rig-sim-bar0", Libc.MFD_CLOEXEC);
        Libc.ftruncate(fd, size);
        writeRegisters(false);
        // Aligned like a vfio BAR mapping so that huge (PMD) faults are possible where shmem THP allows.
        MemorySegment map = Mappings.mapAligned(size, Mappings.alignFor(size),
                Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd, 0);
        Libc.madvise(map, size, Libc.MADV_HUGEPAGE);
        this.bar = new Bar(0, map, size);
        this.hang = bug == SimBug.REVOKE_HANG ? KernelHang.create() : null;
    }

    /** Checks a sim spec without opening anything; the message names the bad value and the choices. */
    public static void validate(DeviceSpec spec) {
        for (String key : spec.options().keySet()) {
            if (key.equals(DeviceSpec.TARGET)) {
                throw new IllegalArgumentException("device '" + spec.text() + "': the sim takes options, not a target ('"
                        + spec.options().get(key) + "'); use sim:bug=NAME,size=BYTES");
            }
            if (!key.equals("bug") && !key.equals("size")) {
                throw new IllegalArgumentException("device '" + spec.text() + "': unknown sim option '" + key
                        + "'; known: bug=" + SimBug.known() + ", size=BYTES[K|M|G]");
            }
        }
        SimBug.parse(spec.option("bug", "none"));
        long size = DeviceSpec.parseSize(spec.option("size", "8M"));
        if (size < (4L << 20) || Long.bitCount(size) != 1) {
            throw new IllegalArgumentException("device '" + spec.text() + "': sim size must be a power of two >= 4M, got "
                    + size);
        }
    }

    public SimBug bug() {
        return bug;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String backend() {
        return "sim";
    }

    @Override
    public DeviceProfile profile() {
        return profile;
    }

    @Override
    public Bar primaryBar() {
        return bar;
    }

    @Override
    public List<Bar> bars() {
        return List.of(bar);
    }

    @Override
    public void revoke() {
        switch (bug) {
            case STALE_MAPPING -> { } // announced, but the pages stay mapped
            case REVOKE_HANG -> hang.hang();
            default -> Libc.ftruncate(openFd(), 0);
        }
    }

    @Override
    public void restore() {
        if (bug == SimBug.NO_RECOVERY) {
            return;
        }
        Libc.ftruncate(openFd(), size);
        writeRegisters(bug == SimBug.CORRUPT_AFTER_RESTORE);
    }

    @Override
    public void reset() {
        revoke();
        restore();
    }

    @Override
    public void closeDeviceFd() {
        int old = fd;
        fd = -1;
        if (old >= 0) {
            Libc.close(old);
        }
    }

    @Override
    public FaultExpectation faultExpectation(Bar b) {
        long region = Math.min(FaultExpectation.PMD, b.size());
        long offset = b.size() >= 2 * FaultExpectation.PMD ? FaultExpectation.PMD : 0;
        String thp = shmemThpMode();
        boolean huge = region == FaultExpectation.PMD && switch (thp) {
            case "always", "advise", "force", "within_size" -> true;
            default -> false;
        };
        return new FaultExpectation(offset, region, huge, true,
                "memfd (shmem) mapping, shmem_enabled=" + thp + ", 2 MiB-aligned, MADV_HUGEPAGE");
    }

    @Override
    public void onFirstTouch(long offset) {
        if (bug == SimBug.SLOW_FAULT && ThreadLocalRandom.current().nextInt(20) == 0) {
            LockSupport.parkNanos(3_000_000L);
        }
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("sim.bug", bug.id());
        facts.put("sim.size", Long.toString(size));
        facts.put("shmem_enabled", shmemThpMode());
        return facts;
    }

    @Override
    public void close() {
        if (hang != null) {
            hang.close(); // frees the stuck thread's kernel side; the Java thread stays parked
        }
        Libc.munmap(bar.memory(), size);
        closeDeviceFd();
        arena.close();
    }

    private int openFd() {
        int f = fd;
        if (f < 0) {
            throw new IllegalStateException("sim device " + name + ": the device fd was closed (close-while-mapped)");
        }
        return f;
    }

    /** Device side: write the reset state through the file, not the user mapping. */
    private void writeRegisters(boolean corrupt) {
        long written = 0;
        while (written < size) {
            written += Libc.pwrite(openFd(), image.asSlice(written), size - written, written);
        }
        if (corrupt) {
            MemorySegment bad = arena.allocate(ValueLayout.JAVA_INT);
            bad.set(ValueLayout.JAVA_INT, 0, CORRUPT_ID);
            Libc.pwrite(openFd(), bad, 4, profile.idOffset());
            Libc.pwrite(openFd(), bad, 4, size / 2);
        }
    }

    private static MemorySegment registerImage(Arena arena, long size, DeviceProfile profile) {
        MemorySegment img = arena.allocate(size, 4096);
        for (long off = profile.patternStart(); off < size; off += 4) {
            img.set(ValueLayout.JAVA_INT, off, DeviceProfile.patternWord(off));
        }
        img.set(ValueLayout.JAVA_INT, profile.idOffset(), profile.idValue());
        return img;
    }

    private static String shmemThpMode() {
        try {
            String line = Files.readString(SHMEM_THP).trim();
            int open = line.indexOf('[');
            int close = line.indexOf(']');
            return open >= 0 && close > open ? line.substring(open + 1, close) : line;
        } catch (IOException e) {
            return "unknown";
        }
    }

}
