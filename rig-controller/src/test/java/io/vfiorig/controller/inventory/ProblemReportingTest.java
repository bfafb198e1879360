package io.vfiorig.controller.inventory;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testng.annotations.Test;

/** Each class of mistake gives the right file:line:column, path, message and fix. */
public class ProblemReportingTest {
    /** A valid lab; the tests change one thing in it. Line numbers below refer to this layout. */
    private static final String BASE = """
            version: 1
            lab: test-lab
            hosts:
              - name: h1
                address: h1.example.net
                agent-identity: CN=h1
                devices:
                  - bdf: "0000:3b:00.0"
                    expect: "8086:0b25"
                    label: dsa-0
                    suites: [smoke]
            simulated:
              - device: sim
            """;

    private static List<String> problems(String text) {
        return Repo.problems(text).stream().map(Problem::toString).toList();
    }

    private static String only(String text) {
        List<String> p = problems(text);
        assertEquals(p.size(), 1, "exactly one problem expected, got:\n" + String.join("\n", p));
        return p.getFirst();
    }

    @Test
    public void baseIsValid() throws Exception {
        assertEquals(InventoryLoader.parse(BASE, "inventory.yaml").hostDevices().size(), 1);
    }

    @Test
    public void badPciAddressPointsAtTheValue() {
        assertEquals(only(BASE.replace("\"0000:3b:00.0\"", "\"3b:00.0\"")),
                "inventory.yaml:8:14: hosts[0].devices[0].bdf: '3b:00.0' is not a PCI address — fix: write it as DDDD:BB:DD.F, e.g. 0000:3b:00.0");
    }

    @Test
    public void unquotedAddressThatYamlReadsAsANumber() {
        assertEquals(only(BASE.replace("\"0000:3b:00.0\"", "0000:00:02.0")),
                "inventory.yaml:8:14: hosts[0].devices[0].bdf: expected a string, got a number (0000:00:02.0)"
                        + " — fix: quote it: \"0000:00:02.0\" (unquoted, YAML reads it as a number)");
    }

    @Test
    public void unknownKeyWithDidYouMeanReplacesTheMissingOne() {
        assertEquals(only(BASE.replace("    address:", "    adress:")),
                "inventory.yaml:5:5: hosts[0].adress: unknown key 'adress' — fix: did you mean 'address'?");
        assertEquals(only(BASE.replace("agent-identity:", "agentIdentity:")),
                "inventory.yaml:6:5: hosts[0].agentIdentity: unknown key 'agentIdentity' — fix: did you mean 'agent-identity'?");
    }

    @Test
    public void unknownKeyWithoutNearMissListsTheKeys() {
        assertEquals(only(BASE + "colour: blue\n"),
                "inventory.yaml:14:1: colour: unknown key 'colour' — fix: remove it; the keys here are version, lab, hosts,"
                        + " virtual-hosts, simulated, suites, schedule, baselines, thresholds, retention");
    }

    @Test
    public void missingRequiredKeysAreOneProblemAtTheMapping() {
        String text = BASE.replace("    address: h1.example.net\n", "").replace("    agent-identity: CN=h1\n", "");
        assertEquals(only(text), "inventory.yaml:4:5: hosts[0]: missing required keys 'address', 'agent-identity'"
                + " — fix: add address: lab-host-01.example.net and agent-identity: CN=lab-host-01");
        assertEquals(only(BASE.replace("version: 1\n", "")), "inventory.yaml:1:1: (top level): missing required key 'version' — fix: add version: 1");
    }

    @Test
    public void typeErrors() {
        assertEquals(only(BASE.replace("suites: [smoke]", "suites: smoke")),
                "inventory.yaml:11:17: hosts[0].devices[0].suites: expected a list, got a string ('smoke') — fix: write a list, e.g. [smoke, nightly]");
        assertEquals(only(BASE.replace("lab: test-lab", "lab: [a, b]")),
                "inventory.yaml:2:6: lab: expected a string, got a list — fix: write a plain text value");
        assertEquals(only(BASE.replace("lab: test-lab", "lab: on")),
                "inventory.yaml:2:6: lab: expected a string, got true/false (on) — fix: quote it: \"on\" (unquoted, YAML reads it as true/false)");
        assertEquals(only(BASE.replace("  - device: sim", "  - sim")),
                "inventory.yaml:13:5: simulated[0]: expected a simulated device (a mapping of keys), got a string ('sim')"
                        + " — fix: write device: sim (and optionally suites:) under the '- '");
        assertEquals(only(BASE + "retention: {runs-days: \"90\"}\n"),
                "inventory.yaml:14:24: retention.runs-days: expected a whole number, got a string ('90') — fix: write a number between 1 and 36500, without quotes");
    }

    @Test
    public void duplicateHostNamesAndIdentities() {
        String second = """
                  - name: h1
                    address: h2.example.net
                    agent-identity: CN=h1
                    devices:
                      - bdf: "0000:3b:00.0"
                        expect: "8086:0b25"
                        label: dsa-1
                        suites: [smoke]
                """;
        String text = BASE.replace("simulated:\n", second + "simulated:\n");
        assertEquals(problems(text), List.of(
                "inventory.yaml:12:11: hosts[1].name: duplicate host name 'h1' (first at line 4) — fix: give each host its own name",
                "inventory.yaml:14:21: hosts[1].agent-identity: duplicate agent identity 'CN=h1' (first at line 6)"
                        + " — fix: give each host its own certificate identity: an agent proves which host it is with it"),
                "the same BDF on another host is fine");
    }

    @Test
    public void duplicateBdfOnAHostAndDuplicateLabels() {
        String device = """
                      - bdf: "0000:3B:00.0"
                        expect: "8086:0b25"
                        label: dsa-0
                        suites: [smoke]
                """;
        String text = BASE.replace("simulated:\n", device + "simulated:\n");
        assertEquals(problems(text), List.of(
                "inventory.yaml:12:14: hosts[0].devices[1].bdf: duplicate PCI address '0000:3b:00.0' on host h1 (first at line 8)"
                        + " — fix: list each device of a host once",
                "inventory.yaml:14:16: hosts[0].devices[1].label: duplicate device label 'dsa-0' (first at line 10)"
                        + " — fix: labels name devices lab-wide: give each device its own"));
    }

    @Test
    public void invalidCronNamesTheField() {
        String schedule = """
                schedule:
                  nightly:
                    cron: "0 25 * * *"
                    time-zone: UTC
                    suites: [smoke]
                    targets: [sim]
                """;
        assertEquals(only(BASE + schedule),
                "inventory.yaml:16:11: schedule.nightly.cron: field 2 (hour) of cron '0 25 * * *': 25 is out of range 0-23"
                        + " — fix: hour takes 0-23, *, lists (1,3), ranges (1-5) and steps (*/2); e.g. \"0 2 * * *\" runs at 02:00 every day");
    }

    @Test
    public void unknownTimeZone() {
        String schedule = "schedule: {nightly: {cron: '0 2 * * *', time-zone: Europe/Berln, suites: [smoke], targets: [sim]}}\n";
        assertEquals(only(BASE + schedule),
                "inventory.yaml:14:52: schedule.nightly.time-zone: 'Europe/Berln' is not an IANA time zone — fix: did you mean 'Europe/Berlin'?");
        assertEquals(only(BASE + schedule.replace("Europe/Berln", "'+02:00'")),
                "inventory.yaml:14:52: schedule.nightly.time-zone: '+02:00' is not an IANA time zone"
                        + " — fix: write a region name such as Europe/Berlin, America/New_York or UTC");
    }

    @Test
    public void simSpecTheBackendRefuses() {
        assertEquals(only(BASE.replace("device: sim", "device: sim:bug=stale-maping")),
                "inventory.yaml:13:13: simulated[0].device: unknown sim bug 'stale-maping'; known: none, stale-mapping, no-recovery,"
                        + " corrupt-after-restore, revoke-hang, slow-fault — fix: did you mean sim:bug=stale-mapping?");
        assertTrue(only(BASE.replace("device: sim", "device: sim:size=3M"))
                .startsWith("inventory.yaml:13:13: simulated[0].device: device 'sim:size=3M': sim size must be a power of two >= 4M"));
    }

    @Test
    public void unknownSuiteAnywhere() {
        assertEquals(only(BASE.replace("suites: [smoke]", "suites: [smoke, nightlly]")),
                "inventory.yaml:11:25: hosts[0].devices[0].suites[1]: unknown suite 'nightlly' — fix: did you mean 'nightly'?"
                        + " the suites are smoke, nightly; declare new ones under 'suites:'");
        String custom = "suites: [{name: soak, base: nightly, duration-scale: 4}]\n"
                + "baselines: [{device-model: sim, suite: soaks, run: latest-good}]\n";
        assertEquals(only(BASE + custom),
                "inventory.yaml:15:40: baselines[0].suite: unknown suite 'soaks' — fix: did you mean 'soak'?"
                        + " the suites are smoke, nightly, soak; declare new ones under 'suites:'");
    }

    @Test
    public void scheduleTargetsMustExistAndAllowTheSuite() {
        String schedule = "schedule: {nightly: {cron: '0 2 * * *', time-zone: UTC, suites: [nightly], targets: [host:h2, host:h1]}}\n";
        assertEquals(problems(BASE + schedule), List.of(
                "inventory.yaml:14:86: schedule.nightly.targets[0]: no target 'host:h2' in this inventory"
                        + " — fix: did you mean 'host:h1'? the targets are host:h1, device:dsa-0, sim",
                "inventory.yaml:14:95: schedule.nightly.targets[1]: target 'host:h1' has no device that allows suite 'nightly'"
                        + " — fix: add nightly to the suites of its devices, or drop the target"));
    }

    @Test
    public void aBrokenDeclarationDoesNotAlsoShowUpAsUnknownReferences() {
        String schedule = "schedule: {nightly: {cron: '0 2 * * *', time-zone: UTC, suites: [smoke], targets: [host:h1, device:dsa-0]}}\n";
        assertEquals(problems(BASE.replace("  - name: h1", "  - nme: h1") + schedule), List.of(
                "inventory.yaml:4:5: hosts[0].nme: unknown key 'nme' — fix: did you mean 'name'?"));
        assertEquals(problems(BASE.replace("hosts:", "Hosts:") + schedule), List.of(
                "inventory.yaml:3:1: Hosts: unknown key 'Hosts' — fix: did you mean 'hosts'?"));
        assertEquals(problems(BASE.replace("suites: [smoke]", "suites: [smok]") + schedule), List.of(
                "inventory.yaml:11:18: hosts[0].devices[0].suites[0]: unknown suite 'smok' — fix: did you mean 'smoke'?"
                        + " the suites are smoke, nightly; declare new ones under 'suites:'"),
                "the targets are checked once their devices are clean");
    }

    @Test
    public void emptyTruncatedAndNonYamlAreOneProblem() throws Exception {
        assertEquals(only(""), "inventory.yaml:1:1: (top level): the file is empty"
                + " — fix: start from the sample inventory.yaml of the vfio-rig repository (see docs/inventory.md)");
        assertEquals(only("version: 1\nlab: \"test"), "inventory.yaml:2:11: (top level): not valid YAML: found unexpected end of stream"
                + " (while scanning a quoted scalar) — fix: the file ends inside a value (was it cut short?): close the open quote or bracket");
        assertEquals(only("version: 1\nhosts: [{name: h1"), "inventory.yaml:2:18: (top level): not valid YAML: expected ',' or '}',"
                + " but got the end of the file (while parsing a flow mapping) — fix: the file ends inside a value (was it cut short?): close the open quote or bracket");
        assertEquals(only("{\"version\": 1, \"lab\": \"x\", \"simulated\": [{\"device\": \"sim\"}]} trailing"),
                "inventory.yaml:1:62: (top level): not valid YAML: expected nothing after the end of the document, but found 'scalar'"
                        + " — fix: check the indentation and quoting around this line");
        assertEquals(only("version: 1\n\tlab: x\n"), "inventory.yaml:2:1: (top level): not valid YAML: a tab character,"
                + " where YAML needs spaces for indentation — fix: indent with spaces; YAML does not allow tabs for indentation");
        Path png = Files.createTempFile("inventory", ".png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
        InventoryException e = org.testng.Assert.expectThrows(InventoryException.class, () -> InventoryLoader.load(png));
        assertEquals(e.problems().size(), 1);
        assertEquals(e.problems().getFirst().toString(), png + ":1:1: (top level): not UTF-8 text (byte 0x89)"
                + " — fix: save the file as UTF-8; is this the inventory file?");
    }

    @Test
    public void yamlThatTheSchemaNeverSees() {
        assertEquals(only(BASE + "lab: other\n"), "inventory.yaml:14:1: lab: duplicate key 'lab' (first at line 2)"
                + " — fix: keep one 'lab' and merge what is under the two");
        assertEquals(only(BASE.replace("lab: test-lab", "lab: &l test-lab").replace("label: dsa-0", "label: *l")),
                "inventory.yaml:10:16: hosts[0].devices[0].label: YAML aliases (*l) are not supported — fix: write the value out in full instead of referring to an anchor");
        assertEquals(only(BASE + "---\nlab: again\n"), "inventory.yaml:15:1: (top level): the file holds more than one YAML document"
                + " (a second '---' line) — fix: keep one document: remove the '---' line and what follows it, or merge the two");
    }

    @Test
    public void missingFileHasNoPosition() {
        Path nowhere = Path.of("/nonexistent/inventory.yaml");
        InventoryException e = org.testng.Assert.expectThrows(InventoryException.class, () -> InventoryLoader.load(nowhere));
        assertEquals(e.getMessage(), "/nonexistent/inventory.yaml: (top level): no such file"
                + " — fix: check the path, or start from the sample inventory.yaml of the vfio-rig repository");
    }

    @Test
    public void theMessageListsEveryProblemInFileOrder() {
        String text = BASE.replace("lab: test-lab", "lab: 'a b'").replace("\"8086:0b25\"", "\"8086\"");
        InventoryException e = org.testng.Assert.expectThrows(InventoryException.class, () -> InventoryLoader.parse(text, "lab.yaml"));
        assertEquals(e.getMessage(), String.join("\n",
                "lab.yaml:2:6: lab: 'a b' is not a valid lab name — fix: " + Values.NAME_RULE,
                "lab.yaml:9:17: hosts[0].devices[0].expect: '8086' is not a PCI vendor:device id"
                        + " — fix: write four hex digits each, as lspci -nn shows them, e.g. 8086:0b25"));
        assertEquals(e.problems().get(1), new Problem("lab.yaml", 9, 17, "hosts[0].devices[0].expect", "'8086' is not a PCI vendor:device id",
                "write four hex digits each, as lspci -nn shows them, e.g. 8086:0b25"));
    }

    @Test
    public void docsExamplesAreWhatTheLoaderSays() {
        String docs = Repo.read(Repo.root().resolve("docs/inventory.md"));
        String sample = Repo.sampleText();
        List<String> said = List.of(
                Repo.problems(sample.replace("\"0000:3b:00.0\"", "\"3b:00.0\"")).getFirst().toString(),
                Repo.problems(sample.replace("    address:", "    adress:")).getFirst().toString(),
                Repo.problems(sample.replace("\"0 2 * * *\"", "\"0 25 * * *\"")).getFirst().toString());
        for (String line : said) {
            assertTrue(docs.contains(line), "docs/inventory.md should quote the loader exactly:\n" + line);
        }
    }
}
