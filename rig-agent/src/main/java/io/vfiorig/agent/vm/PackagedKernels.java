package io.vfiorig.agent.vm;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fetches a Debian kernel package for the guest, without touching the machine's own apt state:
 * a private apt configuration (own sources list, lists and cache folders) on the mirror the
 * machine already uses, {@code apt-get download}, {@code dpkg -x} into a cache folder.
 *
 * <p>Debian names them {@code linux-image-RELEASE} up to 6.x; from 7.x a kernel is split into
 * {@code linux-binary-ABI-amd64} (vmlinuz under /usr/lib/modules), {@code linux-modules-...} and
 * {@code linux-base-...} (config only, not needed to boot).
 *
 * <p>A kernel already in the cache is returned without network access: a second call is instant.
 */
public final class PackagedKernels {
    /** ABI names like {@code 7.3.4+deb13} or {@code 6.1.0-40}; flavours other than plain amd64 (cloud, rt) excluded. */
    static final Pattern PACKAGE = Pattern.compile("linux-(image|binary)-(\\d+\\.\\d+[0-9.]*(?:\\+deb\\d+)?(?:-\\d+)?)-amd64");
    private static final String COMPLETE = "complete";
    private static final Object LOCK = new Object();

    /**
     * @param abi   e.g. {@code 7.3.4+deb13}
     * @param split true for the 7.x binary/modules packages, false for a single linux-image package
     */
    record Candidate(String abi, boolean split) {
        String release() {
            return abi + "-amd64";
        }

        List<String> packages() {
            return split ? List.of("linux-binary-" + release(), "linux-modules-" + release()) : List.of("linux-image-" + release());
        }
    }

    private PackagedKernels() {}

    /** {@code $XDG_CACHE_HOME/vfio-rig/kernels}, else {@code ~/.cache/vfio-rig/kernels}. */
    public static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("vfio-rig").resolve("kernels");
    }

    /** The newest kernel matching {@code want} ({@code 7.3}, {@code 7.3.4}, {@code 6.12}, {@code 6.1}), from the cache when there. */
    public static GuestKernel fetch(String want, Path cacheDir) throws GuestSetupException {
        return fetch(want, cacheDir, false);
    }

    /** @param refresh ask the mirror even when a matching kernel is cached (a newer upload may exist) */
    public static GuestKernel fetch(String want, Path cacheDir, boolean refresh) throws GuestSetupException {
        synchronized (LOCK) { // FileLock is per process; threads in this JVM queue here
            try {
                Files.createDirectories(cacheDir);
                try (FileChannel ch = FileChannel.open(cacheDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    ch.lock(); // another rig process fetching into the same cache waits here; closing the channel releases it
                    if (!refresh) {
                        Optional<GuestKernel> cached = cached(want, cacheDir);
                        if (cached.isPresent()) {
                            return cached.get();
                        }
                    }
                    return download(want, cacheDir);
                }
            } catch (GuestSetupException e) {
                throw e;
            } catch (IOException e) {
                throw fetchFailed("cannot fetch Debian kernel " + want + ": " + e.getMessage(), e);
            }
        }
    }

    /** Suites of the mirror that carry {@code want}: 6.1 is bookworm's, 6.12 trixie's, newer ones trixie-backports'. */
    static List<String> suitesFor(String want) {
        Matcher m = Pattern.compile("(\\d+)\\.(\\d+)").matcher(want);
        String series = m.lookingAt() ? m.group(1) + "." + m.group(2) : want;
        return switch (series) {
            case "6.1" -> List.of("bookworm-security", "bookworm");
            case "6.12" -> List.of("trixie-security", "trixie");
            default -> List.of("trixie-backports");
        };
    }

    /** True when the ABI {@code abi} is what {@code want} asks for: equal, or {@code want} plus a non-digit. */
    static boolean matches(String abi, String want) {
        String w = want.endsWith("-amd64") ? want.substring(0, want.length() - "-amd64".length()) : want;
        return abi.equals(w) || abi.startsWith(w) && !Character.isDigit(abi.charAt(w.length()));
    }

    /** The newest candidate among package names (as {@code apt-cache pkgnames} lists them). */
    static Optional<Candidate> newest(Collection<String> packageNames, String want) {
        List<Candidate> c = new ArrayList<>();
        for (String name : packageNames) {
            Matcher m = PACKAGE.matcher(name.strip());
            if (m.matches() && matches(m.group(2), want)) {
                c.add(new Candidate(m.group(2), m.group(1).equals("binary")));
            }
        }
        // from 7.x a linux-image-X is only a meta package beside linux-binary-X: prefer the split form
        return c.stream().max(Comparator.comparing(Candidate::abi, PackagedKernels::compareVersions)
                .thenComparing(Candidate::split));
    }

    /** Compares version strings number by number ("7.3.10" after "7.3.4"). */
    static int compareVersions(String a, String b) {
        List<String> ta = tokens(a);
        List<String> tb = tokens(b);
        for (int i = 0; i < Math.min(ta.size(), tb.size()); i++) {
            String x = ta.get(i);
            String y = tb.get(i);
            int r = Character.isDigit(x.charAt(0)) && Character.isDigit(y.charAt(0))
                    ? Long.compare(Long.parseLong(x), Long.parseLong(y)) : x.compareTo(y);
            if (r != 0) {
                return r;
            }
        }
        return Integer.compare(ta.size(), tb.size());
    }

    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\d{1,18}|\\D+").matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Releases fully fetched into {@code cacheDir} ({@code 7.3.4+deb13-amd64}), sorted; empty when none. */
    public static List<String> cachedReleases(Path cacheDir) throws IOException {
        if (!Files.isDirectory(cacheDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cacheDir)) {
            return s.filter(d -> Files.isRegularFile(d.resolve(COMPLETE))).map(d -> d.getFileName().toString())
                    .sorted(PackagedKernels::compareVersions).toList();
        }
    }

    /** The Debian suites {@code debian:SERIES} is fetched from, in the order they are asked. */
    public static List<String> suites(String series) {
        return suitesFor(series);
    }

    private static Optional<GuestKernel> cached(String want, Path cacheDir) throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(cacheDir)) {
            dirs = s.filter(d -> Files.isRegularFile(d.resolve(COMPLETE))).toList();
        }
        Optional<Path> best = dirs.stream()
                .filter(d -> d.getFileName().toString().endsWith("-amd64"))
                .filter(d -> matches(d.getFileName().toString().replaceFirst("-amd64$", ""), want))
                .max(Comparator.comparing(d -> d.getFileName().toString(), PackagedKernels::compareVersions));
        if (best.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(kernelIn(best.get(), best.get().getFileName().toString(),
                Files.readString(best.get().resolve(COMPLETE), StandardCharsets.UTF_8).strip()));
    }

    private static GuestKernel download(String want, Path cacheDir) throws IOException {
        Path apt = cacheDir.resolve("apt");
        AptSources sources = AptSources.fromMachine();
        List<String> suites = suitesFor(want);
        writeSourcesList(apt, sources, suites);
        Mirror m = new Mirror(apt);
        m.run("update", List.of("apt-get", "-qq", "update"), cacheDir);
        String names = m.run("list packages", List.of("apt-cache", "pkgnames", "linux-"), cacheDir);
        Candidate c = newest(List.of(names.split("\n")), want).orElseThrow(() -> fetchFailed("no Debian kernel package "
                + "matching '" + want + "' in " + String.join(", ", suites) + " on " + sources.main(), null));
        Path dir = cacheDir.resolve(c.release());
        Path debs = dir.resolve("debs");
        Path root = dir.resolve("root");
        deleteTree(dir); // an earlier attempt that did not complete
        Files.createDirectories(debs);
        List<String> download = new ArrayList<>(List.of("apt-get", "-qq", "download"));
        download.addAll(c.packages());
        m.run("download " + String.join(" ", c.packages()), download, debs);
        List<String> origins = new ArrayList<>();
        try (Stream<Path> s = Files.list(debs)) {
            for (Path deb : s.filter(p -> p.toString().endsWith(".deb")).sorted().toList()) {
                run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), debs, "dpkg-deb -x " + deb.getFileName());
                String[] f = deb.getFileName().toString().split("_");
                origins.add(f[0] + "=" + (f.length > 1 ? f[1].replace("%3a", ":") : "?"));
            }
        }
        deleteTree(debs); // 100+ MB of packages; the extracted tree is what boots
        String origin = "debian:" + String.join(",", origins);
        GuestKernel k = kernelIn(dir, c.release(), origin);
        Files.writeString(dir.resolve(COMPLETE), origin + "\n", StandardCharsets.UTF_8); // last: marks the cache entry usable
        return k;
    }

    /** vmlinuz and modules in the extracted tree (usr/lib/modules from 7.x, /boot and /lib/modules before). */
    private static GuestKernel kernelIn(Path dir, String release, String origin) throws IOException {
        Path root = dir.resolve("root");
        List<Path> images = List.of(root.resolve("usr/lib/modules/" + release + "/vmlinuz"), root.resolve("boot/vmlinuz-" + release));
        List<Path> modules = List.of(root.resolve("usr/lib/modules/" + release), root.resolve("lib/modules/" + release));
        Path image = images.stream().filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IOException("no vmlinuz for " + release + " in " + root));
        Path mods = modules.stream().filter(p -> Files.isDirectory(p.resolve("kernel"))).findFirst()
                .orElseThrow(() -> new IOException("no modules for " + release + " in " + root));
        String headerRelease = BzImageHeader.release(image);
        if (!headerRelease.equals(release)) {
            throw new IOException(image + " says it is " + headerRelease + ", not " + release);
        }
        return new GuestKernel(image, Optional.of(mods), release, origin);
    }

    private static void writeSourcesList(Path apt, AptSources sources, List<String> suites) throws IOException {
        StringBuilder sb = new StringBuilder("# written by vfio-rig: private apt configuration for guest kernels\n");
        String opts = sources.signedBy().map(k -> "[signed-by=" + k + "] ").orElse("");
        for (String suite : suites) {
            sb.append("deb ").append(opts).append(sources.uriFor(suite)).append(' ').append(suite).append(" main\n");
        }
        for (String d : List.of("etc", "lists/partial", "cache/archives/partial")) {
            Files.createDirectories(apt.resolve(d));
        }
        Files.writeString(apt.resolve("etc/sources.list"), sb.toString(), StandardCharsets.UTF_8);
    }

    /** apt-get/apt-cache with the private configuration: the machine's sources, lists and cache stay untouched. */
    private record Mirror(Path apt) {
        List<String> options() {
            return List.of("-o", "Dir::Etc::sourcelist=" + apt.resolve("etc/sources.list"),
                    "-o", "Dir::Etc::sourceparts=-",
                    "-o", "Dir::State::Lists=" + apt.resolve("lists"),
                    "-o", "Dir::Cache=" + apt.resolve("cache"),
                    "-o", "Acquire::Languages=none",
                    // as root apt drops to the _apt user, which cannot write into a private folder
                    "-o", "APT::Sandbox::User=root");
        }

        String run(String what, List<String> cmd, Path cwd) throws IOException {
            List<String> full = new ArrayList<>(cmd.subList(0, 1));
            full.addAll(options());
            full.addAll(cmd.subList(1, cmd.size()));
            return PackagedKernels.run(full, cwd, "apt " + what);
        }
    }

    private static String run(List<String> cmd, Path cwd, String what) throws IOException {
        HostTools.require(cmd.getFirst(), cmd.getFirst().startsWith("dpkg") ? "dpkg" : "apt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Path err = Files.createTempFile("rig-apt", ".err");
        try {
            Process p = pb.redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw fetchFailed(what + " did not finish in 15 minutes", null);
            }
            if (p.exitValue() != 0) {
                String e = Files.readString(err, StandardCharsets.UTF_8).strip();
                throw fetchFailed(what + " failed (exit " + p.exitValue() + "): "
                        + (e.isEmpty() ? "no message" : String.join(" | ", e.lines().limit(4).toList())), null);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + what, e);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static GuestSetupException fetchFailed(String message, Throwable cause) {
        GuestFailure f = new GuestFailure(GuestFailure.KERNEL_FETCH, message,
                "check that this machine reaches its apt mirror, or boot your own kernel with --kernel PATH");
        return cause == null ? new GuestSetupException(f) : new GuestSetupException(f, cause);
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
