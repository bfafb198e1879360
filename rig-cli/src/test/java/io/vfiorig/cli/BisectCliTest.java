package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.controller.bisect.BisectRecords;
import io.vfiorig.controller.bisect.BisectState;
import io.vfiorig.controller.bisect.StateFile;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.controller.store.StoredBisection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

/**
 * {@code rig bisect --kernels} end to end on the sim: each "kernel" names the sim device its run uses
 * ({@code sim} or {@code sim:bug=slow-fault}), and {@code --run-cmd} runs the real {@code rig run}
 * in a child JVM. Three short smoke runs, ≈ 30 s.
 */
public class BisectCliTest {
    @Test
    public void kernelListBisectOnTheSimNamesTheFirstBadKernel() throws Exception {
        Path dir = RigRunner.tempDir("bisect-cli");
        Path list = dir.resolve("kernels.txt");
        StringBuilder sb = new StringBuilder("# oldest first\n");
        String[] devices = {"sim", "sim:bug=slow-fault", "sim:bug=slow-fault"};
        for (int i = 0; i < devices.length; i++) {
            Path k = dir.resolve("kernel-" + i);
            Files.writeString(k, devices[i] + "\n");
            sb.append(k).append('\n');
        }
        Files.writeString(list, sb.toString());
        String java = ProcessHandle.current().info().command().orElseThrow();
        String runCmd = "'" + java + "' --enable-native-access=ALL-UNNAMED -cp '" + System.getProperty("java.class.path")
                + "' io.vfiorig.cli.Rig run --device \"$(cat \"$RIG_KERNEL\")\" --suite smoke --duration-scale 0.3 --out \"$RIG_OUT\"";
        Path state = dir.resolve("state");
        String inventory = Path.of(getClass().getClassLoader().getResource("compare/sim-shared-ci.yaml").toURI()).toString();
        RigRunner.Outcome o = RigRunner.rig(dir, "bisect", "--kernels", list.toString(), "--good", dir.resolve("kernel-0").toString(),
                "--bad", dir.resolve("kernel-2").toString(), "--target", "vm:edu", "--run-cmd", runCmd, "--state", state.toString(),
                "--inventory", inventory, "--db", "jdbc:sqlite:" + dir.resolve("store.db"), "--html", dir.resolve("bisect.html").toString());
        assertEquals(o.exit(), 0, o.out() + o.err());
        BisectState s = StateFile.load(state).orElseThrow();
        assertEquals(s.culprit(), dir.resolve("kernel-1").toString(), o.out());
        assertTrue(o.out().contains("# first bad commit: [" + dir.resolve("kernel-1") + "]"), o.out());
        assertTrue(o.out().contains("fault_latency p99"), "the evidence table is printed:\n" + o.out());

        try (ResultStore store = ResultStore.open("jdbc:sqlite:" + dir.resolve("store.db"))) {
            StoredBisection stored = store.bisection(BisectRecords.id(s.plan())).orElseThrow();
            assertEquals(stored.culprit(), s.culprit());
            assertEquals(stored.steps().size(), s.steps().size());
            assertTrue(stored.resultJson().contains("\"evidence\""), "the evidence is stored for reports");
        }

        // The report: culprit first, a row per step, the evidence with both kernels' distributions.
        String page = Files.readString(dir.resolve("bisect.html"));
        assertTrue(page.indexOf("FIRST BAD FOUND") < page.indexOf("<table"), "summary first");
        assertTrue(page.contains("class=\"verdict-bad culprit\" data-rev=\"" + s.culprit() + "\""), "culprit row");
        assertEquals(page.split("data-rev=\"", -1).length - 1, s.steps().size(), "a row per step");
        assertTrue(page.contains("<tr class=\"verdict-bad\" data-metric=\"fault_latency p99\">"), "evidence table");
        assertTrue(page.contains("data-metric=\"candidate fault_latency\""), "evidence plots from the run directories");

        // Re-rendered later from the state directory, and from the store (the runs' directories are still there).
        Path rerendered = dir.resolve("again.html");
        RigRunner.Outcome report = RigRunner.rig(dir, "bisect", "report", "--state", state.toString(), "--html", rerendered.toString());
        assertEquals(report.exit(), 0, report.err());
        assertEquals(Files.readString(rerendered), page, "the same page from the saved state");
        Path stored = dir.resolve("stored.html");
        RigRunner.Outcome fromDb = RigRunner.rig(dir, "bisect", "report", "--db", "jdbc:sqlite:" + dir.resolve("store.db"),
                "--id", BisectRecords.id(s.plan()), "--html", stored.toString());
        assertEquals(fromDb.exit(), 0, fromDb.err());
        assertEquals(Files.readString(stored), page, "the same page from the store");
        RigRunner.Outcome storedLog = RigRunner.rig(dir, "bisect", "log", "--db", "jdbc:sqlite:" + dir.resolve("store.db"),
                "--id", BisectRecords.id(s.plan()));
        assertTrue(storedLog.out().contains("# first bad commit: [" + s.culprit() + "]"), storedLog.out() + storedLog.err());
        RigRunner.Outcome noId = RigRunner.rig(dir, "bisect", "report", "--db", "jdbc:sqlite:" + dir.resolve("store.db"),
                "--html", stored.toString());
        assertEquals(noId.exit(), 2);
        assertTrue(noId.err().contains("--id"), noId.err());

        RigRunner.Outcome log = RigRunner.rig(dir, "bisect", "log", "--state", state.toString());
        assertEquals(log.exit(), 0, log.err());
        assertTrue(log.out().contains("git bisect bad " + dir.resolve("kernel-1")), log.out());

        RigRunner.Outcome again = RigRunner.rig(dir, "bisect", "--resume", "--state", state.toString());
        assertEquals(again.exit(), 0, "resuming a finished bisection prints its result: " + again.err());
    }

    @Test
    public void missingOptionsAreUsageErrors() {
        RigRunner.Outcome o = RigRunner.rig(Path.of("."), "bisect", "--tree", ".", "--good", "HEAD~1", "--target", "vm:edu");
        assertEquals(o.exit(), 2);
        assertTrue(o.err().contains("--bad is required"), o.err());
        RigRunner.Outcome none = RigRunner.rig(Path.of("."), "bisect", "--resume", "--state", "/nonexistent/bisect");
        assertEquals(none.exit(), 2);
        assertTrue(none.err().contains("no bisection to resume"), none.err());

        RigRunner.Outcome help = RigRunner.rig(Path.of("."), "bisect", "report", "--help");
        assertEquals(help.exit(), 0);
        assertTrue(help.out().contains("--html") && help.out().contains("--id") && help.out().contains("--state"), help.out());
        RigRunner.Outcome noHtml = RigRunner.rig(Path.of("."), "bisect", "report", "--state", "/nonexistent/bisect");
        assertEquals(noHtml.exit(), 2);
        assertTrue(noHtml.err().contains("--html"), noHtml.err());
        RigRunner.Outcome noState = RigRunner.rig(Path.of("."), "bisect", "report", "--state", "/nonexistent/bisect", "--html", "x.html");
        assertEquals(noState.exit(), 2);
        assertTrue(noState.err().contains("no bisection in /nonexistent/bisect"), noState.err());
        assertTrue(RigRunner.rig(Path.of("."), "compare", "--help").out().contains("--html"));
    }
}
