package io.vfiorig.agent.vm.guest;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The probe's class path for tests in rig-agent. The probe ({@code ProbeMain}) and the suites live
 * in test-suites, which Maven builds after rig-agent's tests run; so this compiles
 * test-suites/src/main against this JVM's class path (rig-agent, TestNG, Jackson) into
 * {@code rig-agent/target/guest-probe-suites}. {@code -Drig.probe.classpath=...} skips that.
 */
final class ProbeClasspath {
    private ProbeClasspath() {}

    static String get() throws IOException {
        String given = System.getProperty("rig.probe.classpath");
        if (given != null && !given.isBlank()) {
            return given;
        }
        Path root = GuestTestKernel.repoRoot();
        Path out = root.resolve("rig-agent/target/guest-probe-suites");
        compile(root.resolve("test-suites/src/main/java"), out);
        copyTree(root.resolve("test-suites/src/main/resources"), out);
        return out + ":" + System.getProperty("java.class.path");
    }

    private static void compile(Path sources, Path out) throws IOException {
        deleteTree(out);
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of("--release", "25", "-proc:none", "-nowarn", "-d", out.toString(),
                "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> s = Files.walk(sources)) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        }
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        if (javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("test-suites did not compile against rig-agent:\n" + diagnostics);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
