package io.vfiorig.cli;

import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.agent.result.RunResults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the real {@code rig} command in-process (the probe is still a real child JVM). */
final class RigRunner {
    record Outcome(int exit, String out, String err, Path dir) {
        RunResults results() throws IOException {
            return ResultsJson.read(dir.resolve("results.json"));
        }
    }

    private RigRunner() {}

    static Outcome rig(Path dir, String... args) {
        CommandLine cl = Rig.commandLine();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Outcome(exit, out.toString(), err.toString(), dir);
    }

    static Path tempDir(String name) throws IOException {
        return Files.createTempDirectory("rig-" + name + "-");
    }
}
