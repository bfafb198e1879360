package io.vfiorig.agent.report;

import io.vfiorig.agent.invariant.Evidence;
import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.result.Environment;
import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.InfraError;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a run as JUnit XML (the de-facto schema Jenkins and GitLab read): one testsuite, one
 * testcase per test, plus one testcase per infrastructure error that belongs to no test.
 */
public final class JunitXml {
    private static final byte[] XML_DECLARATION =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.UTF_8);

    private JunitXml() {}

    /**
     * Writes {@code r} as a JUnit XML report, atomically (temp file + rename).
     *
     * @param r    the run's results
     * @param file destination, e.g. {@code junit.xml}; parent directories are created
     * @throws IOException if the file cannot be written
     */
    public static void write(RunResults r, Path file) throws IOException {
        ResultsJson.writeAtomically(file, render(r));
    }

    /** The report as UTF-8 bytes. */
    static byte[] render(RunResults r) {
        Document doc = newDocument();
        doc.appendChild(new SuiteBuilder(doc, r).build());
        return serialize(doc);
    }

    /**
     * Infrastructure errors that no test result accounts for: those raised outside a test, and
     * those whose test never produced a result (the probe died mid-test). Reports show these as
     * results of their own so they cannot go unnoticed.
     */
    static List<InfraError> standaloneInfraErrors(RunResults r) {
        Set<String> tests = new LinkedHashSet<>();
        for (TestResult t : SummaryTable.tests(r)) {
            tests.add(t.test());
        }
        List<InfraError> out = new ArrayList<>();
        for (InfraError e : SummaryTable.infraErrors(r)) {
            if (e.duringTest() == null || e.duringTest().isBlank() || !tests.contains(e.duringTest())) {
                out.add(e);
            }
        }
        return out;
    }

    /** Builds the {@code <testsuite>} element; one instance per report. */
    private static final class SuiteBuilder {
        private final Document doc;
        private final RunResults r;

        SuiteBuilder(Document doc, RunResults r) {
            this.doc = doc;
            this.r = r;
        }

        Element build() {
            List<TestResult> tests = SummaryTable.tests(r);
            List<InfraError> standalone = standaloneInfraErrors(r);
            Element suite = element("testsuite");
            suite.setAttribute("name", text(r.suite()));
            suite.setAttribute("tests", Integer.toString(tests.size() + standalone.size()));
            suite.setAttribute("failures", Long.toString(count(tests, TestStatus.FAIL)));
            suite.setAttribute("errors", Long.toString(count(tests, TestStatus.ERROR) + standalone.size()));
            suite.setAttribute("skipped", Long.toString(count(tests, TestStatus.SKIP)));
            suite.setAttribute("time", seconds(suiteMillis(tests)));
            String timestamp = timestamp(r.startedAt());
            if (!timestamp.isEmpty()) {
                suite.setAttribute("timestamp", timestamp);
            }
            Environment env = r.environment();
            suite.setAttribute("hostname", text(env == null ? "" : env.host()));
            suite.appendChild(properties(env, tests));
            for (TestResult t : tests) {
                suite.appendChild(testcase(t));
            }
            for (InfraError e : standalone) {
                suite.appendChild(infraTestcase(e));
            }
            return suite;
        }

        private Element properties(Environment env, List<TestResult> tests) {
            Element props = element("properties");
            property(props, "kernel.release", env == null ? "" : env.kernelRelease());
            property(props, "backend", backends(tests));
            property(props, "device", r.device());
            property(props, "rig.version", env == null ? "" : env.rigVersion());
            property(props, "schema.version", Integer.toString(r.schemaVersion()));
            property(props, "run.id", r.runId());
            return props;
        }

        private void property(Element props, String name, String value) {
            Element p = element("property");
            p.setAttribute("name", name);
            p.setAttribute("value", text(value));
            props.appendChild(p);
        }

        private String backends(List<TestResult> tests) {
            Set<String> backends = new LinkedHashSet<>();
            for (TestResult t : tests) {
                if (t.backend() != null && !t.backend().isBlank()) {
                    backends.add(t.backend());
                }
            }
            if (backends.isEmpty() && r.device() != null) {
                // No test ran: the device spec still names the backend ("sim:bug=..." -> "sim").
                int colon = r.device().indexOf(':');
                return colon < 0 ? r.device() : r.device().substring(0, colon);
            }
            return String.join(",", backends);
        }

        private Element testcase(TestResult t) {
            String test = SummaryTable.oneLine(t.test());
            int dot = test.lastIndexOf('.');
            Element tc = element("testcase");
            tc.setAttribute("classname", text(dot < 0 ? r.suite() : test.substring(0, dot)));
            tc.setAttribute("name", text(test.substring(dot + 1) + "[" + SummaryTable.oneLine(t.device()) + "]"));
            tc.setAttribute("time", seconds(t.durationMs()));
            TestStatus status = t.status() == null ? TestStatus.ERROR : t.status();
            switch (status) {
                case FAIL -> tc.appendChild(failure(t));
                case ERROR -> tc.appendChild(outcome("error", t.message(), "error", t.message()));
                case SKIP -> {
                    Element skipped = element("skipped");
                    skipped.setAttribute("message", text(t.message()));
                    tc.appendChild(skipped);
                }
                case PASS -> { }
            }
            tc.appendChild(textElement("system-out", systemOut(t)));
            String err = attachedInfraErrors(t);
            if (!err.isEmpty()) {
                tc.appendChild(textElement("system-err", err));
            }
            return tc;
        }

        private Element failure(TestResult t) {
            List<String> broken = t.invariants() == null ? List.of() : t.brokenInvariants();
            String message = t.message() == null || t.message().isBlank()
                    ? (broken.isEmpty() ? "failed" : "broken invariants: " + String.join(", ", broken))
                    : t.message();
            StringBuilder body = new StringBuilder();
            if (t.message() != null && !t.message().isBlank()) {
                body.append(t.message()).append('\n');
            }
            for (InvariantOutcome o : t.invariants() == null ? List.<InvariantOutcome>of() : t.invariants()) {
                if (o.failed()) {
                    body.append(brokenInvariant(o));
                }
            }
            return outcome("failure", message, "invariant", body.toString());
        }

        private static String brokenInvariant(InvariantOutcome o) {
            StringBuilder b = new StringBuilder();
            b.append(o.invariant()).append(": ").append(o.summary() == null ? "" : o.summary())
                    .append(" (").append(o.violations()).append(o.violations() == 1 ? " violation)" : " violations)")
                    .append('\n');
            if (o.evidence() != null) {
                for (Evidence e : o.evidence()) {
                    b.append("  - ").append(evidence(e)).append('\n');
                }
            }
            return b.toString();
        }

        private static String evidence(Evidence e) {
            StringBuilder b = new StringBuilder();
            if (e.thread() != null && !e.thread().isEmpty()) {
                b.append("[").append(e.thread()).append("] ");
            }
            if (e.offset() >= 0) {
                b.append("offset 0x").append(Long.toHexString(e.offset())).append(' ');
            }
            if (e.value() != null) {
                b.append("value 0x").append(Long.toHexString(e.value())).append(' ');
            }
            if (e.nanos() != 0) {
                b.append("at ").append(e.nanos()).append("ns ");
            }
            return b.append(e.detail() == null ? "" : e.detail()).toString().strip();
        }

        private Element outcome(String tag, String message, String type, String body) {
            Element el = element(tag);
            el.setAttribute("message", text(SummaryTable.oneLine(message)));
            el.setAttribute("type", type);
            el.setTextContent(text(body));
            return el;
        }

        private String systemOut(TestResult t) {
            StringBuilder b = new StringBuilder();
            b.append("status: ").append(t.status()).append('\n');
            b.append("device: ").append(t.device()).append(" (backend ").append(t.backend()).append(")\n");
            sortedInto(b, "counters", t.counters());
            if (t.latencies() != null && !t.latencies().isEmpty()) {
                b.append("latency (µs):\n");
                for (HistogramSummary h : t.latencies()) {
                    b.append("  ").append(latencyLine(h)).append('\n');
                }
            }
            if (t.invariants() != null && !t.invariants().isEmpty()) {
                b.append("invariants:\n");
                for (InvariantOutcome o : t.invariants()) {
                    b.append("  ").append(o.status()).append(' ').append(o.invariant()).append(": ")
                            .append(o.summary() == null ? "" : o.summary()).append('\n');
                }
            }
            sortedInto(b, "facts", t.facts());
            return b.toString();
        }

        private static String latencyLine(HistogramSummary h) {
            String u = h.unit();
            return h.metric() + ": n=" + h.count() + " min=" + SummaryTable.micros(h.min(), u)
                    + " p50=" + SummaryTable.micros(h.p50(), u) + " p90=" + SummaryTable.micros(h.p90(), u)
                    + " p99=" + SummaryTable.micros(h.p99(), u) + " p99.9=" + SummaryTable.micros(h.p999(), u)
                    + " max=" + SummaryTable.micros(h.max(), u)
                    + " mean=" + SummaryTable.micros(Math.round(h.mean()), u);
        }

        private String attachedInfraErrors(TestResult t) {
            StringBuilder b = new StringBuilder();
            for (InfraError e : SummaryTable.infraErrors(r)) {
                if (e.duringTest() != null && e.duringTest().equals(t.test())) {
                    b.append(infraText(e)).append('\n');
                }
            }
            return b.toString();
        }

        private Element infraTestcase(InfraError e) {
            Element tc = element("testcase");
            tc.setAttribute("classname", "infrastructure");
            tc.setAttribute("name", text("infrastructure:" + SummaryTable.oneLine(e.kind())));
            tc.setAttribute("time", seconds(0));
            Element err = outcome("error", e.message(), text(SummaryTable.oneLine(e.kind())), infraText(e));
            tc.appendChild(err);
            return tc;
        }

        private static String infraText(InfraError e) {
            StringBuilder b = new StringBuilder("infrastructure error ").append(e.kind()).append(": ")
                    .append(e.message() == null ? "" : e.message());
            if (e.duringTest() != null && !e.duringTest().isBlank()) {
                b.append("\nduring test: ").append(e.duringTest());
            }
            if (e.artifact() != null && !e.artifact().isBlank()) {
                b.append("\nartifact: ").append(e.artifact());
            }
            return b.toString();
        }

        /** Wall-clock time of the run when both ends are known, else the sum of the tests' durations. */
        private long suiteMillis(List<TestResult> tests) {
            Instant start = instant(r.startedAt());
            Instant end = instant(r.finishedAt());
            if (start != null && end != null && !end.isBefore(start)) {
                return ChronoUnit.MILLIS.between(start, end);
            }
            return tests.stream().mapToLong(TestResult::durationMs).sum();
        }

        private Element element(String tag) {
            return doc.createElement(tag);
        }

        private Element textElement(String tag, String content) {
            Element el = element(tag);
            el.setTextContent(text(content));
            return el;
        }
    }

    private static long count(List<TestResult> tests, TestStatus status) {
        return tests.stream().filter(t -> t.status() == status).count();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** An ISO-8601 instant or offset date-time, or null when absent or unparseable. */
    private static Instant instant(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(iso.strip()).toInstant(); // also takes the 'Z' form
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The JUnit schema's timestamp is a zone-less ISO date-time, so convert to UTC; anything
     * unparseable is passed through rather than dropped.
     */
    private static String timestamp(String startedAt) {
        Instant start = instant(startedAt);
        if (start == null) {
            return text(startedAt == null ? "" : startedAt.strip());
        }
        return LocalDateTime.ofInstant(start, ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    /**
     * Null-safe text with characters XML 1.0 cannot carry even escaped (NUL, other C0 controls,
     * lone surrogates) replaced by U+FFFD; a probe's garbage must not make the report unparseable.
     */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean legal = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            b.appendCodePoint(legal ? cp : 0xFFFD);
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    private static Document newDocument() {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("JDK XML parser unavailable", e);
        }
    }

    private static byte[] serialize(Document doc) {
        try {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            // The JDK serializer puts the root element on the declaration's line; write it ourselves.
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(XML_DECLARATION);
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialise JUnit XML", e);
        }
    }

    /** Appends "  key = value" lines in key order, so reports of two runs diff cleanly. */
    private static void sortedInto(StringBuilder b, String title, Map<String, ?> m) {
        if (m == null || m.isEmpty()) {
            return;
        }
        b.append(title).append(":\n");
        new TreeMap<>(m).forEach((k, v) -> b.append("  ").append(k).append(" = ").append(v).append('\n'));
    }
}
