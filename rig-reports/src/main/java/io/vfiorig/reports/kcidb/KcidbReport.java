package io.vfiorig.reports.kcidb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vfiorig.agent.invariant.Evidence;
import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.agent.result.Environment;
import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.InfraError;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

/**
 * A run as KCIDB I/O schema v5 JSON (checkouts → builds → tests), for submission to KernelCI with
 * {@code kcidb-submit}. The kernel under test is the checkout (identified by its release, as the
 * rig does not know the commit) and its build; each test, each invariant and each latency
 * percentile is a KCIDB test, the percentiles with {@code number} in seconds (metric prefix).
 */
public final class KcidbReport {
    /** The schema version written: {@code version.major/minor}. */
    public static final int MAJOR = 5;
    public static final int MINOR = 3;
    /** KCIDB origins are {@code [a-z0-9_]+}: "vfio-rig" would be refused, hence the underscore. */
    public static final String DEFAULT_ORIGIN = "vfio_rig";

    private static final Pattern ORIGIN = Pattern.compile("[a-z0-9_]+");
    private static final Pattern PATH_UNSAFE = Pattern.compile("[^a-zA-Z0-9_-]+");
    private static final int MAX_EXCERPT = 16_384;
    /** A percentile submitted as a number, with its path suffix. */
    private record Percentile(String suffix, ToLongFunction<HistogramSummary> value) {}

    private static final List<Percentile> PERCENTILES = List.of(new Percentile("p50", HistogramSummary::p50),
            new Percentile("p90", HistogramSummary::p90), new Percentile("p99", HistogramSummary::p99),
            new Percentile("p99_9", HistogramSummary::p999), new Percentile("max", HistogramSummary::max));
    /** Every path starts here, so the rig's tests form one subtree in KernelCI. */
    private static final String PATH_ROOT = "vfio_rig";
    private static final List<String> COUNTERS = List.of("faults", "sigbus", "disruptions", "accesses");

    private final ObjectMapper json = ResultsJson.mapper();
    private final RunResults r;
    private final String origin;

    private KcidbReport(RunResults r, String origin) {
        this.r = r;
        this.origin = origin;
    }

    /**
     * @param origin the submitting CI system's name, {@code [a-z0-9_]+}
     * @throws IllegalArgumentException if the origin is not a valid KCIDB origin
     */
    public static ObjectNode render(RunResults r, String origin) {
        if (origin == null || !ORIGIN.matcher(origin).matches()) {
            throw new IllegalArgumentException("KCIDB origin '" + origin + "' is invalid: use lower-case letters, digits"
                    + " and '_' only (e.g. " + DEFAULT_ORIGIN + ")");
        }
        return new KcidbReport(r, origin).build();
    }

    /** Writes the KCIDB JSON atomically. */
    public static void write(RunResults r, String origin, Path file) throws IOException {
        ObjectNode doc = render(r, origin);
        byte[] bytes = ResultsJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        ResultsJson.writeAtomically(file, bytes);
    }

    private ObjectNode build() {
        ObjectNode doc = json.createObjectNode();
        doc.putObject("version").put("major", MAJOR).put("minor", MINOR);
        String checkoutId = id("checkout");
        String buildId = id("build");
        doc.putArray("checkouts").add(checkout(checkoutId));
        doc.putArray("builds").add(build(checkoutId, buildId));
        ArrayNode tests = doc.putArray("tests");
        for (TestResult t : r.tests() == null ? List.<TestResult>of() : r.tests()) {
            addTest(tests, buildId, t);
        }
        List<InfraError> errors = r.infrastructureErrors() == null ? List.of() : r.infrastructureErrors();
        for (int i = 0; i < errors.size(); i++) {
            InfraError e = errors.get(i);
            ObjectNode n = test(tests, buildId, "infra" + i, PATH_ROOT + ".infrastructure." + segment(e.kind()), "MISS");
            excerpt(n, e.message() + (blank(e.duringTest()) ? "" : "\nduring test " + e.duringTest())
                    + (blank(e.artifact()) ? "" : "\nartifact " + e.artifact()));
        }
        return doc;
    }

    private ObjectNode checkout(String id) {
        Environment env = r.environment();
        ObjectNode c = json.createObjectNode().put("id", id).put("origin", origin);
        if (env != null && !blank(env.kernelRelease())) {
            c.put("comment", "Linux " + env.kernelRelease());
        }
        time(c, r.startedAt());
        c.put("valid", true);
        ObjectNode misc = c.putObject("misc");
        if (env != null) {
            misc.put("kernel_release", env.kernelRelease()).put("kernel_version", env.kernelVersion());
        }
        return c;
    }

    private ObjectNode build(String checkoutId, String id) {
        Environment env = r.environment();
        ObjectNode b = json.createObjectNode().put("checkout_id", checkoutId).put("id", id).put("origin", origin);
        if (env != null) {
            b.put("architecture", kernelArch(env.arch()));
            if (!blank(env.kernelVersion())) {
                b.put("comment", env.kernelVersion());
            }
        }
        time(b, r.startedAt());
        // The kernel booted and ran the suite: as a build it is good.
        b.put("status", "PASS");
        return b;
    }

    private void addTest(ArrayNode tests, String buildId, TestResult t) {
        String base = PATH_ROOT + "." + segment(t.suite()) + "." + segment(method(t.test()));
        String key = "t" + t.sequence();
        ObjectNode n = test(tests, buildId, key, base, status(t.status()));
        environment(n, t);
        n.put("duration", t.durationMs() / 1000.0);
        if (!blank(t.message())) {
            excerpt(n, t.message());
        }
        ObjectNode misc = n.putObject("misc");
        misc.put("test", t.test()).put("device", t.device()).put("backend", t.backend()).put("run_id", r.runId());
        if (t.counters() != null) {
            ObjectNode c = misc.putObject("counters");
            t.counters().forEach(c::put);
        }
        if (t.facts() != null) {
            ObjectNode f = misc.putObject("facts");
            t.facts().forEach(f::put);
        }
        for (InvariantOutcome o : t.invariants() == null ? List.<InvariantOutcome>of() : t.invariants()) {
            ObjectNode inv = test(tests, buildId, key + "." + o.invariant(), base + "." + segment(o.invariant()),
                    o.status() == null ? "FAIL" : o.status().name());
            environment(inv, t);
            excerpt(inv, invariantText(o));
            inv.putObject("misc").put("violations", o.violations());
        }
        for (HistogramSummary h : t.latencies() == null ? List.<HistogramSummary>of() : t.latencies()) {
            if (h == null || h.count() == 0) {
                continue;
            }
            for (Percentile p : PERCENTILES) {
                String suffix = segment(h.metric()) + "." + p.suffix();
                ObjectNode m = test(tests, buildId, key + "." + suffix, base + "." + suffix, "DONE");
                environment(m, t);
                m.putObject("number").put("value", seconds(p.value().applyAsLong(h), h.unit()))
                        .put("unit", "s").put("prefix", "metric");
                m.putObject("misc").put("samples", h.count());
            }
        }
        for (String counter : COUNTERS) {
            Long v = t.counters() == null ? null : t.counters().get(counter);
            if (v != null) {
                ObjectNode c = test(tests, buildId, key + ".count." + counter, base + ".count." + counter, "DONE");
                environment(c, t);
                c.putObject("number").put("value", v).put("prefix", "metric");
            }
        }
    }

    private ObjectNode test(ArrayNode tests, String buildId, String key, String path, String status) {
        ObjectNode n = tests.addObject().put("build_id", buildId).put("id", id("test." + key)).put("origin", origin)
                .put("path", path).put("status", status);
        time(n, r.startedAt());
        return n;
    }

    private void environment(ObjectNode n, TestResult t) {
        Environment env = r.environment();
        ObjectNode e = n.putObject("environment");
        e.put("comment", (env == null ? "" : env.host() + ": ") + t.device() + " (backend " + t.backend() + ")");
        ObjectNode misc = e.putObject("misc").put("device", t.device()).put("backend", t.backend());
        if (env != null) {
            misc.put("host", env.host()).put("cpus", env.cpus()).put("java", env.javaVersion())
                    .put("rig_version", env.rigVersion());
        }
    }

    private static String invariantText(InvariantOutcome o) {
        StringBuilder b = new StringBuilder(o.summary() == null ? "" : o.summary());
        for (Evidence e : o.evidence() == null ? List.<Evidence>of() : o.evidence()) {
            b.append('\n').append(blank(e.thread()) ? "" : "[" + e.thread() + "] ").append(e.detail() == null ? "" : e.detail());
        }
        return b.toString();
    }

    /** log_excerpt: at most 16 KiB, and KCIDB forbids NUL. */
    private static void excerpt(ObjectNode n, String text) {
        String s = text.replace('\0', '\uFFFD');
        n.put("log_excerpt", s.length() > MAX_EXCERPT ? s.substring(0, MAX_EXCERPT) : s);
    }

    private static void time(ObjectNode n, String iso) {
        if (!blank(iso)) {
            n.put("start_time", iso);
        }
    }

    private String id(String what) {
        return origin + ":" + r.runId() + "." + what;
    }

    static String status(TestStatus s) {
        if (s == null) {
            return "ERROR";
        }
        return switch (s) {
            case PASS -> "PASS";
            case FAIL -> "FAIL";
            case SKIP -> "SKIP";
            // The rig's ERROR never reached the device: KCIDB's MISS (harness failure, code untested).
            case ERROR -> "MISS";
        };
    }

    /** One KCIDB path segment: [a-zA-Z0-9_-]+. */
    static String segment(String s) {
        String seg = PATH_UNSAFE.matcher(s == null ? "" : s).replaceAll("_");
        return seg.isEmpty() ? "unnamed" : seg;
    }

    private static String method(String test) {
        String t = test == null ? "" : test;
        return t.substring(t.lastIndexOf('.') + 1);
    }

    /** The kernel's name for the JVM's os.arch. */
    static String kernelArch(String jvmArch) {
        String a = jvmArch == null ? "" : jvmArch.toLowerCase(Locale.ROOT);
        return switch (a) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "arm64";
            case "x86", "i386", "i686" -> "i386";
            default -> a.replaceAll("[^a-z0-9_]", "_");
        };
    }

    private static double seconds(long value, String unit) {
        return switch (unit == null ? "ns" : unit) {
            case "us", "µs" -> value / 1e6;
            case "ms" -> value / 1e3;
            case "s" -> value;
            default -> value / 1e9;
        };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
