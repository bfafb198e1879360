package io.vfiorig.agent.report;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.result.InfraError;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.testng.annotations.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

public class JunitXmlTest {

    @Test
    public void suiteHasTheRightCountsAndProperties() throws Exception {
        Element suite = writeAndParse(SampleResults.run()).getDocumentElement();
        assertEquals(suite.getTagName(), "testsuite");
        assertEquals(suite.getAttribute("name"), "smoke");
        assertEquals(suite.getAttribute("tests"), "5", "4 tests + 1 infrastructure error");
        assertEquals(suite.getAttribute("failures"), "1");
        assertEquals(suite.getAttribute("errors"), "2", "1 ERROR test + 1 infrastructure error");
        assertEquals(suite.getAttribute("skipped"), "1");
        assertEquals(suite.getAttribute("time"), "12.500");
        assertEquals(suite.getAttribute("timestamp"), "2025-03-01T10:00:00");
        assertEquals(suite.getAttribute("hostname"), "rig-host-1");

        Map<String, String> props = new HashMap<>();
        for (Element p : children(suite, "property")) {
            props.put(p.getAttribute("name"), p.getAttribute("value"));
        }
        assertEquals(props.get("kernel.release"), "6.15.0-rc3");
        assertEquals(props.get("backend"), "sim");
        assertEquals(props.get("device"), SampleResults.DEVICE);
        assertEquals(props.get("rig.version"), "0.1.0-SNAPSHOT");
        assertEquals(props.get("schema.version"), Integer.toString(RunResults.SCHEMA_VERSION));
    }

    @Test
    public void oneTestcasePerTestNamedByClassAndMethodAndDevice() throws Exception {
        List<Element> cases = children(writeAndParse(SampleResults.run()).getDocumentElement(), "testcase");
        assertEquals(cases.size(), 5);
        Element first = cases.get(0);
        assertEquals(first.getAttribute("classname"), "io.vfiorig.suites.RevokeTests");
        assertEquals(first.getAttribute("name"), "revokeWhileHammering[" + SampleResults.DEVICE + "]");
        assertEquals(first.getAttribute("time"), "1.500");
        assertTrue(children(first, "failure").isEmpty());
        assertTrue(children(first, "error").isEmpty());
        assertTrue(children(first, "skipped").isEmpty());

        String out = children(first, "system-out").get(0).getTextContent();
        assertTrue(out.contains("faults = 1000"), out);
        assertTrue(out.contains("disruptions = 37"), out);
        String p99 = SummaryTable.micros(SampleResults.faultLatency().p99(), "ns");
        assertTrue(out.contains("fault_latency: n=1000") && out.contains("p99=" + p99), out);
    }

    @Test
    public void failureListsEachBrokenInvariantWithEvidence() throws Exception {
        Element failed = children(writeAndParse(SampleResults.run()).getDocumentElement(), "testcase").get(1);
        List<Element> failures = children(failed, "failure");
        assertEquals(failures.size(), 1);
        Element failure = failures.get(0);
        assertEquals(failure.getAttribute("type"), "invariant");
        assertEquals(failure.getAttribute("message"), "2 invariants broken " + SampleResults.NASTY);
        String text = failure.getTextContent();
        assertTrue(text.contains("data-correct-after-restore: stale data after restore " + SampleResults.NASTY
                + " (3 violations)"), text);
        assertTrue(text.contains("[hammer-0] offset 0x1000 value 0xdeadbeef"), text);
        assertTrue(text.contains("read 0xdeadbeef, expected 0x0 " + SampleResults.NASTY), text);
        assertTrue(text.contains("second observation"), text);
        assertTrue(text.contains("access-restored-after-restore: SIGBUS 2 ms after restore (1 violation)"), text);
        assertFalse(text.contains("no-access-while-revoked"), "a passed invariant is not a failure:\n" + text);
    }

    @Test
    public void skipAndErrorAndInfrastructureErrorsAreReported() throws Exception {
        List<Element> cases = children(writeAndParse(SampleResults.run()).getDocumentElement(), "testcase");
        assertEquals(children(cases.get(2), "skipped").get(0).getAttribute("message"), "device has no 2 MiB BAR");
        assertEquals(children(cases.get(3), "error").get(0).getAttribute("message"),
                "device did not come back after reset");

        Element infra = cases.get(4);
        assertEquals(infra.getAttribute("name"), "infrastructure:probe-crash");
        Element error = children(infra, "error").get(0);
        assertEquals(error.getAttribute("message"), "probe JVM died: SIGSEGV");
        assertTrue(error.getTextContent().contains("/tmp/run-42/hs_err_pid7.log"), error.getTextContent());
    }

    @Test
    public void xmlSpecialCharactersAreEscaped() throws Exception {
        Path file = write(SampleResults.run());
        String raw = Files.readString(file);
        assertFalse(raw.contains(SampleResults.NASTY), "unescaped markup in:\n" + raw);
        assertTrue(raw.contains("&lt;&amp;"), raw);
        // Parsing restored the exact text above; this checks a control character cannot break it.
        TestResult nul = new TestResult(0, "smoke", "a.B.c", "sim", "sim", TestStatus.ERROR, 1,
                "NUL\u0000 and BEL\u0007 from a crashed probe", List.of(), List.of(), Map.of(), List.of(), Map.of());
        Document doc = writeAndParse(SampleResults.with(List.of(nul), List.of()));
        Element error = (Element) doc.getElementsByTagName("error").item(0);
        assertEquals(error.getAttribute("message"), "NUL\uFFFD and BEL\uFFFD from a crashed probe");
    }

    @Test
    public void infraErrorOfATestWithoutResultGetsItsOwnTestcase() throws Exception {
        List<InfraError> infra = List.of(
                new InfraError("probe-timeout", "no progress for 60 s", "", SampleResults.errored().test()),
                new InfraError("probe-crash", "died mid-test", "console.log", "io.vfiorig.suites.X.neverFinished"));
        Element suite = writeAndParse(SampleResults.with(List.of(SampleResults.errored()), infra))
                .getDocumentElement();
        List<Element> cases = children(suite, "testcase");
        assertEquals(cases.size(), 2, "the timeout belongs to the ERROR test; the crash to no result");
        assertEquals(suite.getAttribute("errors"), "2");
        assertTrue(children(cases.get(0), "system-err").get(0).getTextContent().contains("no progress for 60 s"));
        assertEquals(cases.get(1).getAttribute("name"), "infrastructure:probe-crash");
    }

    private static Path write(RunResults r) throws IOException {
        Path dir = Files.createTempDirectory("junit-xml");
        Path file = dir.resolve("junit.xml");
        JunitXml.write(r, file);
        file.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return file;
    }

    private static Document writeAndParse(RunResults r) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(write(r).toFile());
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }
}
