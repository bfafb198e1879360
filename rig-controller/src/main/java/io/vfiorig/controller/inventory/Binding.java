package io.vfiorig.controller.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What every section binder needs: where problems go, typed reading, and the name registry. */
record Binding(Problems problems, Values values, Names names) {
    static Binding of(Problems problems) {
        return new Binding(problems, new Values(problems), new Names(Suite.BUILT_IN, problems));
    }

    /** A list of suite names; each is registered as a reference so unknown ones are found at the end. */
    Optional<List<String>> suites(Node n) {
        return values.list(n, true, "[smoke, nightly]").map(items -> {
            List<String> out = new ArrayList<>();
            for (Node item : items) {
                values.name(item, "suite name").ifPresent(s -> {
                    names.referSuite(s, item);
                    out.add(s);
                });
            }
            return List.copyOf(out);
        });
    }

    /** Runs {@code body} on the mapping at {@code n} and then reports its missing and unknown keys. */
    <T> Optional<T> mapping(Node n, String what, String example, java.util.function.Function<Fields, Optional<T>> body) {
        return Fields.of(n, what, example, problems).flatMap(f -> {
            Optional<T> out = body.apply(f);
            f.finish();
            return out;
        });
    }
}
