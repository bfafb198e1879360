package io.vfiorig.agent.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Boots a guest under QEMU, runs one payload in it and collects the result: the virtual lab host.
 *
 * <p>The guest gets the host JDK read-only over 9p at its host path and a writable results share
 * at {@link GuestInit#OUT}; there is no network. The serial console goes to {@code console.log}.
 * Whatever goes wrong with QEMU or the guest comes back as a {@link GuestFailure} in the
 * {@link GuestRun}, never as an exception and never as a payload result.
 */
public final class VirtualHost {
    public static final String JDK_TAG = "jdk";
    public static final String OUT_TAG = "rigout";
    private static final long POLL_MS = 100;
    /** After the exit file appears, /init only syncs and powers off. */
    private static final Duration POWEROFF_GRACE = Duration.ofSeconds(20);

    private final int niceness;
    private final String qemuName;

    /** QEMU at the lowest CPU priority: guests share CI machines with timing-sensitive tests. */
    public VirtualHost() {
        this(19);
    }

    /** @param niceness {@code nice -n} for QEMU; 0 for none */
    public VirtualHost(int niceness) {
        this(niceness, HostTools.QEMU);
    }

    /** @param qemuName the QEMU program to look up on PATH (tests use a missing one) */
    VirtualHost(int niceness, String qemuName) {
        this.niceness = niceness;
        this.qemuName = qemuName;
    }

    public GuestRun run(GuestRequest req) {
        return run(req, () -> false);
    }

    /**
     * @param tearDown polled while the guest runs: true stops QEMU at once (the supervisor saw a
     *                 thread stuck in the guest's kernel and has what it needs); the run then
     *                 ends with a {@link GuestFailure#TORN_DOWN} failure
     */
    public GuestRun run(GuestRequest req, java.util.function.BooleanSupplier tearDown) {
        long start = System.nanoTime();
        Path work = req.workDir().toAbsolutePath();
        Path out = work.resolve("out");
        Path console = work.resolve("console.log");
        Path qemuLog = work.resolve("qemu.log");
        String release = req.kernel().release();
        QemuCommand cmd;
        try {
            prepare(work, out, console);
            Path javaHome = req.javaHome().toRealPath();
            List<Share> shares = new ArrayList<>();
            shares.add(Share.samePathReadOnly(JDK_TAG, javaHome));
            shares.add(Share.writable(OUT_TAG, out, GuestInit.OUT));
            shares.addAll(req.shares());
            Path initrd = work.resolve("initramfs.cpio.gz");
            cmd = new QemuCommand(HostTools.qemu(qemuName), req.accel(), req.memoryMiB(), req.cpus(), req.kernel().bzImage(),
                    initrd, req.devices(), shares, Optional.of(console), req.extraAppend());
            Map<String, String> env = new LinkedHashMap<>();
            env.put("JAVA_HOME", javaHome.toString());
            env.put("HOME", "/root");
            env.put("RIG_OUT", GuestInit.OUT);
            env.put("RIG_BDFS", String.join(" ", cmd.guestBdfs()));
            env.put("RIG_KERNEL_ORIGIN", req.kernel().origin());
            env.putAll(req.env());
            InitramfsBuilder.build(req.kernel(), javaHome, new GuestInit(shares, cmd.guestBdfs(), env, req.payload()), initrd);
            Files.writeString(work.resolve("qemu-command.txt"), shellLine(command(cmd)) + "\n", StandardCharsets.UTF_8);
        } catch (GuestSetupException e) {
            return failed(req, work, out, console, start, e.failure());
        } catch (IOException | IllegalArgumentException e) {
            return failed(req, work, out, console, start, new GuestFailure(GuestFailure.INITRAMFS,
                    "cannot prepare the guest in " + work + ": " + e.getMessage(), ""));
        }

        Process qemu;
        long qemuStart = System.nanoTime();
        try {
            qemu = new ProcessBuilder(command(cmd)).redirectErrorStream(true)
                    .redirectOutput(qemuLog.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            return failed(req, work, out, console, start, new GuestFailure(GuestFailure.QEMU_FAILED,
                    "cannot start " + cmd.qemu() + ": " + e.getMessage(), "apt-get install --no-install-recommends qemu-system-x86"));
        }
        // a rig killed by SIGTERM/Ctrl-C must not leave a guest burning a CPU
        Thread reaper = new Thread(qemu::destroyForcibly, "vm-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        ConsoleLog log = new ConsoleLog(console, qemuStart);
        Path exitFile = out.resolve("exit-code");
        long deadline = qemuStart + req.timeout().toNanos();
        boolean timedOut = false;
        boolean tornDown = false;
        try {
            while (true) {
                boolean exited = qemu.waitFor(POLL_MS, TimeUnit.MILLISECONDS);
                log.poll();
                if (exited) {
                    break;
                }
                if (tearDown.getAsBoolean()) {
                    tornDown = true;
                    qemu.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    break;
                }
                if (Files.exists(exitFile)) { // done: give /init its poweroff, then stop waiting
                    if (!qemu.waitFor(POWEROFF_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                        qemu.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                    break;
                }
                if (System.nanoTime() > deadline) {
                    timedOut = true;
                    qemu.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    break;
                }
            }
        } catch (InterruptedException e) {
            qemu.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down; the hook kills QEMU
            }
        }
        log.poll();
        OptionalInt payloadExit = readExit(exitFile);
        OptionalInt qemuExit = !timedOut && !qemu.isAlive() ? OptionalInt.of(qemu.exitValue()) : OptionalInt.empty();
        Optional<GuestFailure> failure = tornDown && payloadExit.isEmpty()
                ? Optional.of(new GuestFailure(GuestFailure.TORN_DOWN, "the supervisor tore the guest down; console: " + console, ""))
                : GuestOutcome.classify(payloadExit, timedOut, qemuExit, log.initStarted(), log.text(),
                        readQuietly(qemuLog), req.timeout(), console);
        Optional<Duration> boot = log.initStarted() ? Optional.of(Duration.ofNanos(log.bootToInitNanos())) : Optional.empty();
        return new GuestRun(release, cmd.guestBdfs(), payloadExit, work, console, out, boot,
                Duration.ofNanos(System.nanoTime() - start), guestTimes(out.resolve("guest-times")), failure);
    }

    /** QEMU's argument list behind {@code nice}. nice execs QEMU, so the process we hold is QEMU itself. */
    List<String> command(QemuCommand cmd) {
        List<String> c = new ArrayList<>();
        Optional<Path> nice = niceness > 0 ? HostTools.which("nice") : Optional.empty();
        if (nice.isPresent()) {
            c.addAll(List.of(nice.get().toString(), "-n", Integer.toString(niceness)));
        }
        c.addAll(cmd.args());
        return c;
    }

    /** The command as a shell line, for reproducing a run by hand. */
    static String shellLine(List<String> args) {
        List<String> q = new ArrayList<>();
        for (String a : args) {
            q.add(a.matches("[A-Za-z0-9_./:=,+@%-]+") ? a : GuestInit.quote(a));
        }
        return String.join(" ", q);
    }

    /** A fresh results folder: a stale exit-code file would make the next run look finished. */
    private static void prepare(Path work, Path out, Path console) throws IOException {
        Files.createDirectories(work);
        if (Files.exists(out)) {
            try (Stream<Path> s = Files.walk(out)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(out);
        Files.deleteIfExists(console);
    }

    private static GuestRun failed(GuestRequest req, Path work, Path out, Path console, long start, GuestFailure f) {
        return new GuestRun(req.kernel().release(), List.of(), OptionalInt.empty(), work, console, out, Optional.empty(),
                Duration.ofNanos(System.nanoTime() - start), Map.of(), Optional.of(f));
    }

    private static OptionalInt readExit(Path exitFile) {
        try {
            return Files.exists(exitFile) ? OptionalInt.of(Integer.parseInt(Files.readString(exitFile).strip())) : OptionalInt.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** /init's "STEP UPTIME" lines. */
    static Map<String, Double> guestTimes(Path file) {
        Map<String, Double> times = new LinkedHashMap<>();
        for (String line : readQuietly(file).split("\n")) {
            String[] w = line.strip().split(" ");
            if (w.length == 2) {
                try {
                    times.put(w[0], Double.parseDouble(w[1]));
                } catch (NumberFormatException ignored) {
                    // a torn line: skip it
                }
            }
        }
        return times;
    }

    private static String readQuietly(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
