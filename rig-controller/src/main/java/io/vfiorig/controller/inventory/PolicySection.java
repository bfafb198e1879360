package io.vfiorig.controller.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Binds what judges and keeps results: {@code baselines:}, {@code thresholds:}, {@code retention:}. */
final class PolicySection {
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    static final double MAX_RELATIVE_SHIFT = 10;
    static final long MAX_RETENTION_DAYS = 36500;

    private PolicySection() {}

    static List<Baseline> baselines(Node n, Binding b) {
        List<Baseline> out = new ArrayList<>();
        b.values().list(n, false, "- device-model: \"8086:0b25\"").ifPresent(items -> items.forEach(item -> baseline(item, b).ifPresent(out::add)));
        return out;
    }

    private static Optional<Baseline> baseline(Node item, Binding b) {
        Values v = b.values();
        return b.mapping(item, "a baseline", "write device-model:, suite: and run: under the '- '", f -> {
            Optional<Node> modelNode = f.required("device-model", "device-model: \"8086:0b25\"");
            Optional<String> model = modelNode.flatMap(x -> v.parsed(x, PolicySection::model));
            model.ifPresent(m -> b.names().referModel(m, modelNode.orElseThrow()));
            Optional<Node> suiteNode = f.required("suite", "suite: nightly");
            Optional<String> suite = suiteNode.flatMap(x -> v.name(x, "suite name"));
            suite.ifPresent(s -> b.names().referSuite(s, suiteNode.orElseThrow()));
            Optional<String> run = f.required("run", "run: latest-good").flatMap(x -> v.parsed(x, PolicySection::run));
            if (model.isEmpty() || suite.isEmpty() || run.isEmpty()) {
                return Optional.empty();
            }
            b.names().declare(Names.Kind.BASELINE, "", "", model.get() + " " + suite.get(), f.node());
            return Optional.of(new Baseline(model.get(), suite.get(), run.get()));
        });
    }

    private static String model(String s) {
        if (s.equals("sim")) {
            return s;
        }
        try {
            return PciId.parse(s).toString();
        } catch (BadValue e) {
            throw new BadValue("'" + Values.shorten(s) + "' is not a device model",
                    "write the PCI vendor:device id (a device's expect:, e.g. 8086:0b25; edu is 1234:11e8) or sim");
        }
    }

    private static String run(String s) {
        if (!RUN_ID.matcher(s).matches()) {
            throw new BadValue("'" + Values.shorten(s) + "' is not a run id", "write latest-good, or a run id as rig lists it");
        }
        return s;
    }

    static Optional<Thresholds> thresholds(Node n, Binding b) {
        return b.mapping(n, "thresholds", "write default: and per-metric entries such as p99: {relative-shift: 0.05, confidence: 0.99}", f -> {
            Optional<Node> defNode = f.optional("default");
            Optional<Threshold> defaults = defNode.isPresent() ? defNode.flatMap(x -> threshold(x, b)) : Optional.of(Threshold.DEFAULT);
            Map<String, Threshold> per = new LinkedHashMap<>();
            boolean ok = defaults.isPresent();
            for (String metric : Thresholds.METRICS) {
                Optional<Node> node = f.optional(metric);
                if (node.isPresent()) {
                    Optional<Threshold> t = node.flatMap(x -> threshold(x, b));
                    t.ifPresent(x -> per.put(metric, x));
                    ok &= t.isPresent();
                }
            }
            return ok ? Optional.of(new Thresholds(defaults.get(), per)) : Optional.empty();
        });
    }

    private static Optional<Threshold> threshold(Node n, Binding b) {
        Values v = b.values();
        return b.mapping(n, "a threshold", "write {relative-shift: 0.1, confidence: 0.95}", f -> {
            Optional<Double> shift = f.required("relative-shift", "relative-shift: 0.1")
                    .flatMap(x -> v.number(x, 0, MAX_RELATIVE_SHIFT, "0.1 (a 10 % shift)"));
            Optional<Node> confNode = f.required("confidence", "confidence: 0.95");
            Optional<Double> confidence = confNode.flatMap(x -> v.number(x, 0, 1, "0.95"));
            if (confidence.isPresent() && confidence.get() >= 1) {
                b.problems().add(confNode.orElseThrow(), "confidence 1 can never be reached", "write a value below 1, e.g. 0.95 or 0.99");
                confidence = Optional.empty();
            }
            if (shift.isEmpty() || confidence.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Threshold(shift.get(), confidence.get()));
        });
    }

    static Optional<Retention> retention(Node n, Binding b) {
        return b.mapping(n, "retention", "write runs-days: 90 under it", f ->
                f.required("runs-days", "runs-days: 90").flatMap(x -> b.values().integer(x, 1, MAX_RETENTION_DAYS))
                        .map(d -> new Retention(d.intValue())));
    }
}
