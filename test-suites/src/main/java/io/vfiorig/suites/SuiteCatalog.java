package io.vfiorig.suites;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.testng.xml.XmlSuite;
import org.testng.xml.internal.Parser;

/** The suites shipped in this module ({@code suites/index.txt} lists them; XML beside it). */
public final class SuiteCatalog {
    private SuiteCatalog() {}

    public static List<String> names() {
        try (InputStream in = resource("suites/index.txt").orElseThrow()) {
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .map(String::strip).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a shipped suite, or explains which suites exist. */
    public static List<XmlSuite> load(String name) {
        if (!names().contains(name)) {
            throw new IllegalArgumentException("unknown suite '" + name + "'; known: " + String.join(", ", names()));
        }
        try (InputStream in = resource("suites/" + name + ".xml").orElseThrow()) {
            return new Parser(in).parseToList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse suite " + name, e);
        }
    }

    private static Optional<InputStream> resource(String path) {
        return Optional.ofNullable(SuiteCatalog.class.getClassLoader().getResourceAsStream(path));
    }
}
