package io.vfiorig.controller.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository the tests check: the sample inventory and the published schema. */
public final class Repo {
    private Repo() {}

    /** The checkout's root: found upwards from the working directory (surefire runs in the module). */
    public static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("inventory.yaml")) && Files.isRegularFile(p.resolve("docs/inventory.schema.json"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root with inventory.yaml above " + Path.of("").toAbsolutePath());
    }

    static Path sample() {
        return root().resolve("inventory.yaml");
    }

    static String sampleText() {
        return read(sample());
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads {@code text} as "inventory.yaml" and returns its problems; fails the test if it loads. */
    static java.util.List<Problem> problems(String text) {
        try {
            Inventory inv = InventoryLoader.parse(text, "inventory.yaml");
            throw new AssertionError("expected problems, but it loaded: " + inv);
        } catch (InventoryException e) {
            return e.problems();
        }
    }
}
