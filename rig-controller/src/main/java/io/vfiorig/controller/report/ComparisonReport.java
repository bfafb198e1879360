package io.vfiorig.controller.report;

import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.controller.compare.Comparison;
import io.vfiorig.reports.html.Html;
import io.vfiorig.reports.html.ReportPage;
import io.vfiorig.reports.html.Section;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTML report of a comparison: verdict and platform first, then the tests overview and one
 * section per test (metrics, shift plot, overlaid CDFs, invariants). Self-contained like the run report.
 */
public final class ComparisonReport {
    private ComparisonReport() {}

    public static String render(Comparison c, ComparedRuns runs) {
        return new ReportPage("vfio-rig comparison " + c.candidate() + " vs " + c.baseline() + " — "
                + (c.comparable() ? c.verdict().id() : "not comparable"), new ComparisonBanner(c), sections(c, runs, "")).render();
    }

    /** Writes the report atomically (temp file + rename). */
    public static void write(Comparison c, ComparedRuns runs, Path file) throws IOException {
        ResultsJson.writeAtomically(file, render(c, runs).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The comparison's sections, for this page and for pages that show a comparison as evidence.
     *
     * @param idPrefix keeps anchors unique when the sections share a page with others
     */
    static List<Section> sections(Comparison c, ComparedRuns runs, String idPrefix) {
        List<Section> out = new ArrayList<>();
        if (!c.comparable()) {
            out.add(new NotComparableSection(c, idPrefix + "not-comparable"));
            return out;
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < c.tests().size(); i++) {
            ids.add(idPrefix + "test-" + i);
        }
        out.add(new ComparisonOverviewSection(c, idPrefix + "tests", ids));
        for (int i = 0; i < c.tests().size(); i++) {
            out.add(new TestComparisonSection(c.tests().get(i), ids.get(i), runs));
        }
        return out;
    }

    /** Says why nothing was compared, instead of showing numbers that mean nothing. */
    private record NotComparableSection(Comparison c, String id) implements Section {
        @Override
        public String title() {
            return "Not comparable";
        }

        @Override
        public void render(Html h) {
            h.el("h2", "Not comparable");
            h.el("p", "The baseline ran on " + c.platform() + "; the candidate differs in:");
            h.open("ul", "class", "reasons-list");
            c.notComparableBecause().forEach(r -> h.el("li", r));
            h.close("ul");
            h.el("p", "Compare runs of the same device model, backend and host class (docs/regressions.md, "
                    + "'Like with like'); pass --host-class for a results.json that does not record it.", "class", "note");
        }
    }
}
