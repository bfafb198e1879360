package io.vfiorig.controller.inventory;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys of one mapping as the binder asks for them. Asking declares a key known; {@link #finish()}
 * reports required keys that are missing (one problem listing all) and every key nobody asked for,
 * with a did-you-mean for near misses. Call the lookups first, {@code finish()} last.
 */
final class Fields {
    private final Node.MapNode map;
    private final Problems problems;
    private final Set<String> known = new LinkedHashSet<>();
    private final Map<String, String> missing = new LinkedHashMap<>();

    private Fields(Node.MapNode map, Problems problems) {
        this.map = map;
        this.problems = problems;
    }

    /** The mapping at {@code n}, or empty after reporting that {@code n} is something else. */
    static Optional<Fields> of(Node n, String what, String example, Problems problems) {
        if (n instanceof Node.MapNode m) {
            return Optional.of(new Fields(m, problems));
        }
        if (n instanceof Node.ScalarNode s && s.kind() == Node.ScalarNode.Kind.INVALID) {
            return Optional.empty();
        }
        problems.add(n, "expected " + what + " (a mapping of keys), got " + n.describe(), example);
        return Optional.empty();
    }

    /** @param example a line to add when the key is missing, e.g. {@code address: lab-host-01.example.net} */
    Optional<Node> required(String key, String example) {
        known.add(key);
        Node.Entry e = map.entries().get(key);
        if (e == null) {
            missing.put(key, example);
            return Optional.empty();
        }
        return Optional.of(e.value());
    }

    Optional<Node> optional(String key) {
        known.add(key);
        return Optional.ofNullable(map.entries().get(key)).map(Node.Entry::value);
    }

    Node.MapNode node() {
        return map;
    }

    void finish() {
        Map<String, String> stillMissing = new LinkedHashMap<>(missing);
        for (Node.Entry e : map.entries().values()) {
            if (!known.contains(e.key())) {
                Optional<String> near = DidYouMean.closest(e.key(), known);
                // a misspelt required key is one mistake: say it once, as the typo
                near.ifPresent(stillMissing::remove);
                if (map.path().isEmpty()) {
                    near.ifPresent(problems::misspelt);
                }
                String fix = near.map(k -> "did you mean '" + k + "'?")
                        .orElse("remove it; the keys here are " + String.join(", ", known));
                problems.add(e.keyAt(), Node.child(map.path(), e.key()), "unknown key '" + Values.shorten(e.key()) + "'", fix);
            }
        }
        if (!stillMissing.isEmpty()) {
            String keys = String.join("', '", stillMissing.keySet());
            problems.add(map, "missing required key" + (stillMissing.size() > 1 ? "s '" : " '") + keys + "'",
                    "add " + String.join(" and ", stillMissing.values()));
        }
    }
}
