package io.vfiorig.agent.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Debian mirrors this machine's apt already uses. Kernels from other suites are fetched from
 * the same mirror (a local cache or proxy in many labs), never from a hard-coded host.
 *
 * @param main     URI of the main archive (e.g. {@code http://deb.debian.org/debian})
 * @param security URI of the security archive, if the machine lists one
 * @param signedBy keyring the machine's sources name, if any
 */
public record AptSources(String main, Optional<String> security, Optional<String> signedBy) {

    /** Reads /etc/apt/sources.list.d/*.sources (deb822), then *.list and /etc/apt/sources.list (one-line). */
    public static AptSources fromMachine() throws IOException {
        return fromDir(Path.of("/etc/apt"));
    }

    static AptSources fromDir(Path etcApt) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Path d = etcApt.resolve("sources.list.d");
        if (Files.isDirectory(d)) {
            try (Stream<Path> s = Files.list(d)) {
                for (Path p : s.sorted().toList()) {
                    String f = p.getFileName().toString();
                    if (f.endsWith(".sources")) {
                        entries.addAll(parseDeb822(Files.readString(p)));
                    } else if (f.endsWith(".list")) {
                        entries.addAll(parseOneLine(Files.readString(p)));
                    }
                }
            }
        }
        if (Files.isRegularFile(etcApt.resolve("sources.list"))) {
            entries.addAll(parseOneLine(Files.readString(etcApt.resolve("sources.list"))));
        }
        return of(entries).orElseThrow(() -> new IOException("no Debian 'deb' source in " + etcApt
                + "/sources.list or sources.list.d: cannot tell which mirror to fetch kernels from"));
    }

    /** One source: a URI and its suites. */
    record Entry(String uri, List<String> suites, Optional<String> signedBy) {
        boolean isSecurity() {
            return suites.stream().anyMatch(s -> s.endsWith("-security") || s.endsWith("/updates"));
        }
    }

    static Optional<AptSources> of(List<Entry> entries) {
        Optional<Entry> main = entries.stream().filter(e -> !e.isSecurity()).findFirst();
        Optional<Entry> security = entries.stream().filter(Entry::isSecurity).findFirst();
        return main.map(m -> new AptSources(m.uri(), security.map(Entry::uri), m.signedBy()));
    }

    /** deb822 stanzas; only {@code Types: deb} ones with URIs and Suites; disabled ones (Enabled: no) skipped. */
    static List<Entry> parseDeb822(String text) {
        List<Entry> out = new ArrayList<>();
        for (String stanza : text.split("\n\\s*\n")) {
            String types = "", uris = "", suites = "", signedBy = "", enabled = "yes";
            for (String line : stanza.split("\n")) {
                if (line.startsWith("#") || !line.contains(":") || Character.isWhitespace(line.isEmpty() ? 'x' : line.charAt(0))) {
                    continue;
                }
                String key = line.substring(0, line.indexOf(':')).strip().toLowerCase(java.util.Locale.ROOT);
                String value = line.substring(line.indexOf(':') + 1).strip();
                switch (key) {
                    case "types" -> types = value;
                    case "uris" -> uris = value;
                    case "suites" -> suites = value;
                    case "signed-by" -> signedBy = value;
                    case "enabled" -> enabled = value;
                    default -> { }
                }
            }
            if (List.of(types.split("\\s+")).contains("deb") && !uris.isEmpty() && !suites.isEmpty() && !enabled.equals("no")) {
                Optional<String> key = signedBy.startsWith("/") ? Optional.of(signedBy) : Optional.empty();
                for (String uri : uris.split("\\s+")) {
                    out.add(new Entry(stripSlash(uri), List.of(suites.split("\\s+")), key));
                }
            }
        }
        return out;
    }

    /** {@code deb [options] URI SUITE COMPONENTS...} lines. */
    static List<Entry> parseOneLine(String text) {
        List<Entry> out = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (!line.startsWith("deb ") && !line.startsWith("deb\t")) {
                continue;
            }
            line = line.substring(4).strip();
            Optional<String> signedBy = Optional.empty();
            if (line.startsWith("[")) {
                int end = line.indexOf(']');
                if (end < 0) {
                    continue;
                }
                for (String opt : line.substring(1, end).strip().split("\\s+")) {
                    if (opt.startsWith("signed-by=") && opt.contains("/")) {
                        signedBy = Optional.of(opt.substring("signed-by=".length()));
                    }
                }
                line = line.substring(end + 1).strip();
            }
            String[] w = line.split("\\s+");
            if (w.length >= 2) {
                out.add(new Entry(stripSlash(w[0]), List.of(w[1]), signedBy));
            }
        }
        return out;
    }

    /** The mirror URI for a suite: security suites come from the security archive. */
    String uriFor(String suite) throws IOException {
        if (suite.endsWith("-security")) {
            return security.orElseThrow(() -> new IOException("this machine's apt sources name no security archive for " + suite));
        }
        return main;
    }

    private static String stripSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
