package io.vfiorig.reports;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import io.vfiorig.agent.report.JunitXml;
import io.vfiorig.agent.report.Ktap;
import io.vfiorig.agent.result.RunResults;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.testng.annotations.Test;
import org.xml.sax.SAXException;

/** The rig's JUnit XML validates against Jenkins' JUnit schema; its KTAP passes a strict KTAP v1 reader. */
public class MachineFormatsTest {
    @Test
    public void junitXmlOfARealRunValidatesAgainstTheJenkinsSchema() throws Exception {
        Path file = Files.createTempDirectory("rig-junit-").resolve("junit.xml");
        JunitXml.write(RealRun.results(), file);
        validator().validate(new StreamSource(file.toFile()));
        String xml = Files.readString(file);
        assertTrue(xml.contains("<failure") && xml.contains("no-access-while-revoked"), "the violation is a failure");
        assertTrue(xml.contains("infrastructure:probe-crash"), "the standalone infra error is a testcase");
        assertFalse(xml.contains("<script>"), "kernel-log text is escaped");
    }

    @Test
    public void theJunitSchemaIsReallyEnforced() throws Exception {
        Path bad = Files.createTempDirectory("rig-junit-").resolve("bad.xml");
        Files.writeString(bad, "<testsuite name=\"s\" tests=\"1\" failures=\"0\"><testcase/></testsuite>");
        SAXException e = expectThrows(SAXException.class, () -> validator().validate(new StreamSource(bad.toFile())));
        assertTrue(e.getMessage().contains("errors") || e.getMessage().contains("name"), e.getMessage());
    }

    @Test
    public void ktapOfARealRunIsStrictKtapV1() {
        RunResults r = RealRun.results();
        List<StrictKtap.Node> top = StrictKtap.parse(Ktap.render(r));
        assertEquals(top.size(), r.tests().size() + 1, "one line per test plus the standalone infra error");
        assertEquals(top.get(0).ok(), r.tests().get(0).brokenInvariants().isEmpty(), "ok exactly when nothing broke");
        StrictKtap.Node stale = top.get(1);
        assertFalse(stale.ok());
        assertEquals(stale.subtests().size(), r.tests().get(1).invariants().size(), "one subtest per invariant");
        assertTrue(stale.subtests().stream().anyMatch(s -> !s.ok() && s.description().equals("no-access-while-revoked")));
        StrictKtap.Node infra = top.getLast();
        assertFalse(infra.ok());
        assertEquals(infra.directive(), "ERROR");
    }

    @Test
    public void theKtapReaderRejectsBrokenOutput() {
        String good = "KTAP version 1\n1..2\nok 1 a\n    KTAP version 1\n    1..1\n    not ok 1 x\nnot ok 2 b\n";
        assertEquals(StrictKtap.parse(good).size(), 2);
        String[] bad = {
            "TAP version 13\n1..1\nok 1 a\n",                                      // not KTAP
            "KTAP version 1\n1..2\nok 1 a\n",                                      // plan not met
            "KTAP version 1\n1..1\nok 2 a\n",                                      // numbering
            "KTAP version 1\n1..1\n    KTAP version 1\n    1..1\n    not ok 1 x\nok 1 b\n", // ok over a failing subtest
            "KTAP version 1\n1..1\nok 1 a # BOGUS\n",                              // directive
            "KTAP version 1\n1..1\n   ok 1 a\n",                                   // indentation
            "KTAP version 1\n1..1\nok 1 a\nextra\n",                               // trailing junk
        };
        for (String b : bad) {
            expectThrows(IllegalArgumentException.class, () -> StrictKtap.parse(b));
        }
    }

    private static Validator validator() throws SAXException {
        URL xsd = MachineFormatsTest.class.getResource("/schemas/junit-10.xsd");
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd).newValidator();
    }
}
