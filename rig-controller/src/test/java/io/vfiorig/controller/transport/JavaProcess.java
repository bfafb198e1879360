package io.vfiorig.controller.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Child JVMs on the test class path, output to a log file, for kill -9 tests. */
final class JavaProcess {
    private JavaProcess() {}

    static Process start(Class<?> main, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits for a line in the child's log; fails with the log if the child dies first. */
    static void awaitLine(Process p, Path log, String line, long timeoutMillis) throws Exception {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readAllLines(log).contains(line)) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("child exited with " + p.exitValue() + " before '" + line + "':\n"
                        + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + line + "' from child in " + timeoutMillis + " ms:\n" + Files.readString(log));
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    static void kill9(Process p) throws InterruptedException {
        p.destroyForcibly();
        p.waitFor();
    }
}
