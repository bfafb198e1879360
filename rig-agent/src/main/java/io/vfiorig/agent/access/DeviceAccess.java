package io.vfiorig.agent.access;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;

/**
 * The only code that loads from or stores to device memory.
 *
 * <p>A SIGBUS on a revoked mapping normally surfaces as {@link InternalError}, but when C2 inlines a
 * 32-bit load into a caller that widens it to {@code long} it emits a sign-extending load
 * ({@code movslq}) and a SIGBUS on that instruction aborts the whole JVM (see
 * shared/reference/vfio-uapi-and-fault-path.md). So these methods must never be inlined: the
 * probe JVM is started with {@link #COMPILE_COMMAND}, and class initialisation also installs an
 * equivalent compiler directive at run time for JVMs started without it (tests, benches).
 * {@code DeviceAccessC2Test} checks every method here, C2-compiled, against SIGBUS.
 */
public final class DeviceAccess {
    /** JVM flag that keeps device accesses out of line; the probe supervisor passes it. */
    public static final String COMPILE_COMMAND =
            "-XX:CompileCommand=dontinline,io.vfiorig.agent.access.DeviceAccess::*";

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final boolean DIRECTIVE_INSTALLED = installNoInlineDirective();

    private DeviceAccess() {}

    /** Reads a 32-bit register or word. Throws InternalError when the mapping is revoked. */
    public static int read32(MemorySegment bar, long offset) {
        return bar.get(INT, offset);
    }

    /** Writes a 32-bit register or word. Throws InternalError when the mapping is revoked. */
    public static void write32(MemorySegment bar, long offset, int value) {
        bar.set(INT, offset, value);
    }

    /** Reads one byte (a first touch that faults a page in without disturbing its data). */
    public static byte read8(MemorySegment bar, long offset) {
        return bar.get(BYTE, offset);
    }

    /** True when the run-time no-inline directive is in force (or the JVM flag was given). */
    public static boolean protectedFromInlining() {
        return DIRECTIVE_INSTALLED;
    }

    private static boolean installNoInlineDirective() {
        if (ManagementFactory.getRuntimeMXBean().getInputArguments().contains(COMPILE_COMMAND)) {
            return true;
        }
        try {
            Path directive = Files.createTempFile("rig-device-access", ".json");
            try {
                Files.writeString(directive,
                        "[{ match: \"*.*\", inline: \"-io.vfiorig.agent.access.DeviceAccess::*\" }]");
                ManagementFactory.getPlatformMBeanServer().invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "compilerDirectivesAdd",
                        new Object[] {new String[] {directive.toString()}},
                        new String[] {String[].class.getName()});
            } finally {
                Files.deleteIfExists(directive);
            }
            return true;
        } catch (Exception | LinkageError e) {
            System.err.println("vfio-rig: WARNING: could not install the no-inline compiler directive for"
                    + " device accesses (" + e + "); start the JVM with " + COMPILE_COMMAND);
            return false;
        }
    }
}
