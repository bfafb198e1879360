package io.vfiorig.controller.inventory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects problems while the loader keeps going, so the user sees all of them at once. */
final class Problems {
    private final String file;
    private final List<Problem> list = new ArrayList<>();
    private final Set<String> misspeltSections = new HashSet<>();

    Problems(String file) {
        this.file = file;
    }

    void add(Location at, String path, String message, String fix) {
        Problem p = new Problem(file, at.line(), at.column(), path, message, fix);
        if (!list.contains(p)) {
            list.add(p);
        }
    }

    void add(Node at, String message, String fix) {
        add(at.at(), at.path(), message, fix);
    }

    /** A top-level key was probably meant to be {@code section} (e.g. {@code Hosts:}): its content is missing. */
    void misspelt(String section) {
        misspeltSections.add(section);
    }

    /**
     * True when something in one of these top-level sections is already wrong. References into them
     * are then not resolved: a typo in a host name would otherwise also turn up as an unknown target.
     */
    boolean touches(String... sections) {
        Set<String> wanted = Set.of(sections);
        return Arrays.stream(sections).anyMatch(misspeltSections::contains)
                || list.stream().anyMatch(p -> wanted.contains(p.path().split("[.\\[]", 2)[0]));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    int size() {
        return list.size();
    }

    /** In file order; the sort is stable, so problems on one spot keep the order they were found in. */
    List<Problem> sorted() {
        List<Problem> out = new ArrayList<>(list);
        out.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        return out;
    }
}
