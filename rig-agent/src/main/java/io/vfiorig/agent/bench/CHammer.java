package io.vfiorig.agent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The C reference hammer ({@code bench/hammer.c} on the class path), compiled at bench time with
 * {@code gcc -O2 -pthread} and run as a child process on the memfd the JVM created.
 */
final class CHammer implements AutoCloseable {
    /** Class-path resource holding the C source. */
    static final String SOURCE_RESOURCE = "/bench/hammer.c";
    /** The flags the brief fixes; the compiler name is configurable. */
    static final List<String> CFLAGS = List.of("-O2", "-pthread");

    private final Path dir;
    private final boolean ownsDir;
    private final Path binary;
    private final String compilerVersion;
    private final ObjectMapper json;

    private CHammer(Path dir, boolean ownsDir, Path binary, String compilerVersion, ObjectMapper json) {
        this.dir = dir;
        this.ownsDir = ownsDir;
        this.binary = binary;
        this.compilerVersion = compilerVersion;
        this.json = json;
    }

    /**
     * Extracts {@code hammer.c} and compiles it.
     *
     * @param workDir  where to put the source and binary, or {@code null} for a temporary directory
     *                 (deleted by {@link #close()})
     * @param compiler the C compiler command, normally {@code gcc}
     * @param json     the mapper to parse the hammer's output with
     * @return the built hammer
     * @throws IllegalStateException if the compiler is missing or the build fails
     */
    static CHammer build(Path workDir, String compiler, ObjectMapper json) throws IOException, InterruptedException {
        boolean own = workDir == null;
        Path dir = own ? Files.createTempDirectory("rig-bench-hammer") : Files.createDirectories(workDir);
        boolean ok = false;
        try {
            Path source = dir.resolve("hammer.c");
            try (InputStream in = CHammer.class.getResourceAsStream(SOURCE_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(SOURCE_RESOURCE + " is not on the class path (broken rig-agent jar?)");
                }
                Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
            }
            String version = firstLine(exec(dir, List.of(compiler, "--version"), compiler));
            Path binary = dir.resolve("hammer");
            List<String> cmd = new ArrayList<>();
            cmd.add(compiler);
            cmd.addAll(CFLAGS);
            cmd.addAll(List.of("-o", binary.toString(), source.toString()));
            exec(dir, cmd, compiler);
            ok = true;
            return new CHammer(dir, own, binary, version, json);
        } finally {
            if (!ok && own) {
                deleteTree(dir);
            }
        }
    }

    /** @return the first line of {@code <compiler> --version}, e.g. {@code gcc (Debian 12.2.0-14) 12.2.0} */
    String compilerVersion() {
        return compilerVersion;
    }

    /** @return the compiled hammer */
    Path binary() {
        return binary;
    }

    /**
     * Runs the C hammer once and waits for its JSON line.
     *
     * @param fdPath  {@code /proc/<pid>/fd/<memfd>} of the JVM
     * @param size    bytes to hammer (the memfd is at least this large)
     * @param mode    what to do
     * @param threads hammer threads
     * @param seconds how long
     * @return the hammer's result
     * @throws IllegalStateException if it fails, hangs or prints no result
     */
    ModeResult run(String fdPath, long size, HammerMode mode, int threads, double seconds)
            throws IOException, InterruptedException {
        List<String> cmd = List.of(binary.toString(), "--fd-path", fdPath, "--size", Long.toString(size),
                "--threads", Integer.toString(threads), "--seconds", Double.toString(seconds), "--mode", mode.id());
        Path stderr = dir.resolve("hammer.stderr");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(stderr.toFile()).start();
        // The result is one short line, far below the pipe's capacity: wait first, so a hung hammer
        // cannot block this thread in a read.
        if (!p.waitFor((long) seconds + 60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("C hammer did not finish within " + ((long) seconds + 60) + " s: " + cmd);
        }
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String err = Files.readString(stderr).strip();
        if (p.exitValue() != 0) {
            throw new IllegalStateException("C hammer failed (exit " + p.exitValue() + "): " + String.join(" ", cmd)
                    + (err.isEmpty() ? "" : "\n" + err));
        }
        String line = out.strip().lines().reduce((a, b) -> b).orElse("");
        if (line.isEmpty()) {
            throw new IllegalStateException("C hammer printed no result: " + String.join(" ", cmd)
                    + (err.isEmpty() ? "" : "\n" + err));
        }
        JsonNode node = json.readTree(line);
        return ModeResult.fromCJson(line, node);
    }

    @Override
    public void close() throws IOException {
        if (ownsDir) {
            deleteTree(dir);
        }
    }

    private static String exec(Path dir, List<String> cmd, String compiler) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the C compiler '" + compiler + "' (" + e.getMessage()
                    + "): the bench builds its C hammer at run time; install gcc (apt-get install gcc)"
                    + " or point --cc at a C compiler", e);
        }
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("'" + String.join(" ", cmd) + "' did not finish within 120 s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("'" + String.join(" ", cmd) + "' failed (exit " + p.exitValue() + "):\n"
                    + out.strip());
        }
        return out;
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("unknown");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
