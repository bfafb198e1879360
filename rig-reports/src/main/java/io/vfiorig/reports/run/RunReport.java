package io.vfiorig.reports.run;

import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.reports.html.ReportPage;
import io.vfiorig.reports.html.Section;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The HTML report of one run: verdict first, then the tests, infrastructure errors, environment. */
public final class RunReport {
    /** File name written next to results.json. */
    public static final String FILE = "report.html";

    private RunReport() {}

    public static String render(RunResults r) {
        List<TestResult> tests = RunFacts.tests(r);
        List<Section> sections = new ArrayList<>();
        sections.add(new TestsOverviewSection(r));
        if (!RunFacts.infraErrors(r).isEmpty()) {
            sections.add(new InfraErrorsSection(r));
        }
        for (int i = 0; i < tests.size(); i++) {
            sections.add(new TestSection(tests.get(i), "test-" + i, RunFacts.infraErrorsDuring(r, tests.get(i))));
        }
        sections.add(new EnvironmentSection(r.environment()));
        return new ReportPage("vfio-rig " + r.suite() + " on " + r.device() + " — " + RunFacts.verdict(r).word(),
                new VerdictBanner(r), sections).render();
    }

    /** Writes the report atomically (temp file + rename). */
    public static void write(RunResults r, Path file) throws IOException {
        ResultsJson.writeAtomically(file, render(r).getBytes(StandardCharsets.UTF_8));
    }
}
