package io.vfiorig.controller.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Binds {@code suites:}: custom suites, each a built-in suite run with another duration scale. */
final class SuitesSection {
    static final double MAX_DURATION_SCALE = 1000;

    private SuitesSection() {}

    static List<Suite> read(Node n, Binding b) {
        List<Suite> out = new ArrayList<>();
        b.values().list(n, false, "- name: soak").ifPresent(items -> items.forEach(item -> suite(item, b).ifPresent(out::add)));
        return out;
    }

    private static Optional<Suite> suite(Node item, Binding b) {
        Values v = b.values();
        return b.mapping(item, "a suite", "write name:, base: and duration-scale: under the '- '", f -> {
            Optional<Node> nameNode = f.required("name", "name: soak");
            Optional<String> name = nameNode.flatMap(x -> v.name(x, "suite name"));
            if (name.isPresent() && Suite.BUILT_IN.contains(name.get())) {
                b.problems().add(nameNode.orElseThrow(), "'" + name.get() + "' is a built-in suite and cannot be redefined",
                        "pick another name and set base: " + name.get());
                name = Optional.empty();
            }
            name.ifPresent(s -> b.names().declare(Names.Kind.SUITE, "", "", s, nameNode.orElseThrow()));
            Optional<Node> baseNode = f.required("base", "base: nightly");
            Optional<String> base = baseNode.flatMap(x -> v.name(x, "suite name")).filter(s -> {
                if (Suite.BUILT_IN.contains(s)) {
                    return true;
                }
                b.problems().add(baseNode.orElseThrow(), "base '" + s + "' is not a built-in suite",
                        DidYouMean.closest(s, Suite.BUILT_IN).map(x -> "did you mean '" + x + "'? ").orElse("")
                                + "a custom suite runs one of " + String.join(", ", Suite.BUILT_IN));
                return false;
            });
            Optional<Double> scale = f.required("duration-scale", "duration-scale: 4")
                    .flatMap(x -> v.number(x, 0, MAX_DURATION_SCALE, "4 (four times as long as the base suite)"));
            Optional<Node> descNode = f.optional("description");
            Optional<String> description = descNode.flatMap(v::text);
            if (name.isEmpty() || base.isEmpty() || scale.isEmpty() || descNode.isPresent() && description.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Suite(name.get(), base.get(), scale.get(), description));
        });
    }
}
