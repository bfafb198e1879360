package io.vfiorig.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testng.SkipException;

/** Debian's chromium, run headless on a local file with no network, for report tests. */
public final class HeadlessChromium {
    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_S = 120;

    private final Path work;

    private HeadlessChromium(Path work) {
        this.work = work;
    }

    /** The browser, or a skip (a failure under CI=true, where .ci/run installs it). */
    public static HeadlessChromium require(Path work) {
        if (!Files.isExecutable(BINARY)) {
            String why = BINARY + " not found; install it with 'apt-get install -y chromium' (.ci/run does)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true but " + why);
            }
            throw new SkipException(why);
        }
        return new HeadlessChromium(work);
    }

    /** Deletes every browser profile under {@code dir} (they are large); pages, screenshots and DOMs stay. */
    public static void removeProfiles(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(p -> dir.relativize(p).toString().contains("profile-"))
                    .sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Screenshot of {@code page} at the given window size. */
    public Path screenshot(Path page, int width, int height) throws IOException, InterruptedException {
        Path png = work.resolve("screenshot.png");
        run(List.of("--screenshot=" + png, "--window-size=" + width + "," + height, "--hide-scrollbars"), page, "screenshot");
        return png;
    }

    /** The DOM after parsing, as chromium serialises it. */
    public String dumpDom(Path page) throws IOException, InterruptedException {
        return Files.readString(run(List.of("--dump-dom"), page, "dom"));
    }

    private Path run(List<String> extra, Path page, String name) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + work.resolve("profile-" + name)));
        cmd.addAll(extra);
        cmd.add(page.toUri().toString());
        Path out = work.resolve(name + ".out");
        Path log = work.resolve(name + ".log");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("chromium did not finish within " + TIMEOUT_S + " s; log: " + log);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("chromium exited " + p.exitValue() + ": " + Files.readString(log));
        }
        return out;
    }
}
