package io.vfiorig.controller.http;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testng.SkipException;

/**
 * Runs Debian's {@code promtool} (package prometheus, installed by .ci/run). Missing on a
 * developer machine: the test is skipped, saying how to install it; missing in CI ({@code CI=true}):
 * the test fails, since CI must check what it claims to.
 */
public final class Promtool {
    private Promtool() {}

    public static Path binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "promtool");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String why = "promtool not found on PATH: apt-get install prometheus (Debian) provides it";
        if ("true".equals(System.getenv("CI"))) {
            fail(why + "; CI must install it (.ci/run)");
        }
        throw new SkipException(why);
    }

    /** Runs {@code promtool ARGS}, feeding {@code stdin}; asserts exit 0 and returns the output. */
    public static String run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary().toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("promtool " + args[0] + " did not finish in 60 s");
        }
        assertEquals(p.exitValue(), 0, "promtool " + String.join(" ", args) + " said:\n" + out);
        return out;
    }
}
