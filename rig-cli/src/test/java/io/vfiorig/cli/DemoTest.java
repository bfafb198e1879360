package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.result.RunResults;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.controller.store.RunEnd;
import io.vfiorig.controller.store.RunHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

/**
 * {@code rig demo}: controller and agent in one process, the smoke suite on the sim ordered by the
 * controller, reports written, summary printed, every result in the controller's store.
 */
public class DemoTest {
    @Test
    public void demoRunsSmokeOnTheSimAndWritesEveryReport() throws Exception {
        Path dir = RigRunner.tempDir("demo");
        RigRunner.Outcome o = RigRunner.rig(dir, "demo", "--out", dir.toString());
        for (String f : new String[] {"results.json", "junit.xml", "results.ktap", "events.jsonl", "report.html"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertTrue(o.out().contains("report: " + dir.resolve("report.html").toAbsolutePath()), o.out());

        // rig report re-renders the finished run, and writes KCIDB JSON on request.
        Path html = dir.resolve("again/report.html");
        Path kcidb = dir.resolve("again/run.kcidb.json");
        RigRunner.Outcome report = RigRunner.rig(dir, "report", dir.toString(), "--html", html.toString(),
                "--kcidb", kcidb.toString(), "--origin", "my_lab");
        assertEquals(report.exit(), 0, report.out() + report.err());
        assertTrue(Files.readString(html).contains("readWrite"));
        assertTrue(Files.readString(kcidb).contains("\"origin\" : \"my_lab\""), Files.readString(kcidb));
        assertTrue(report.out().contains("report: " + html.toAbsolutePath()) && report.out().contains("kcidb: "), report.out());

        // ... and renders a run read back from the result store.
        String url = "jdbc:sqlite:" + dir.resolve("store/lab.db");
        RunResults results = o.results();
        try (ResultStore store = ResultStore.open(url)) {
            RunHeader header = RunHeader.of(results, "sim", "sim");
            store.ingestAll("agent-1", results.runId(), header, results.tests());
            store.finishRun("agent-1", results.runId(), RunEnd.of(results));
        }
        Path fromStore = dir.resolve("from-store.html");
        RigRunner.Outcome stored = RigRunner.rig(dir, "report", "--store", url, results.runId(), "--html", fromStore.toString());
        assertEquals(stored.exit(), 0, stored.out() + stored.err());
        assertTrue(Files.readString(fromStore).contains(results.runId()) && Files.readString(fromStore).contains("hugeFaultOrder"));

        assertEquals(o.exit(), 0, o.out() + o.err());
        assertEquals(o.results().tests().size(), 6);
        assertTrue(o.out().contains("6 tests: 6 passed"), o.out());
        assertTrue(Files.readString(dir.resolve("report.html")).contains("PASSED"));
        // Through the real stream: the results in the store are the ones in results.json.
        RunResults r = o.results();
        try (ResultStore store = ResultStore.open("jdbc:sqlite:" + dir.resolve("controller/results.db"))) {
            assertEquals(store.tests(DemoCommand.HOST, r.runId()), r.tests());
            assertEquals(store.run(DemoCommand.HOST, r.runId()).orElseThrow().end().status(), "passed");
        }
        assertTrue(o.out().contains("store: 6 of 6 results"), o.out());
    }
}
