package io.vfiorig.controller.bisect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command in a directory, output to a log file, with a time limit. */
final class Shell {
    /** @param exit exit code (-1 on timeout) @param output the command's output (stdout and stderr) */
    record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }

        /** @return the last lines of the output, for one-line error messages */
        String tail() {
            List<String> lines = output.strip().lines().toList();
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        }
    }

    private Shell() {}

    static Result run(List<String> command, Path dir, Map<String, String> env, Path log, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            return new Result(-1, Files.readString(log) + "\ntimed out after " + timeout);
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    static Result sh(String script, Path dir, Map<String, String> env, Path log, Duration timeout)
            throws IOException, InterruptedException {
        return run(List.of("sh", "-c", script), dir, env, log, timeout);
    }
}
