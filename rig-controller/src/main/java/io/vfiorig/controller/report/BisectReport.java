package io.vfiorig.controller.report;

import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.controller.bisect.BisectLog;
import io.vfiorig.controller.bisect.BisectState;
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
 * The HTML report of a bisection: the culprit and the ends first, the step table, the evidence (the
 * comparison of the culprit with its good neighbour, rendered as in a comparison report) and the
 * replayable {@code git bisect log}.
 */
public final class BisectReport {
    private BisectReport() {}

    /** @param evidenceRuns the runs of the culprit and its good neighbour, for the plots ({@link ComparedRuns#NONE} if gone) */
    public static String render(BisectState s, ComparedRuns evidenceRuns) {
        List<Section> sections = new ArrayList<>();
        sections.add(new BisectStepsSection(s));
        if (s.evidence() != null) {
            sections.add(new EvidenceIntro(s.evidence()));
            sections.addAll(ComparisonReport.sections(s.evidence(), evidenceRuns, "evidence-"));
        }
        sections.add(new LogSection(BisectLog.render(s)));
        return new ReportPage("vfio-rig bisect " + s.plan().suite() + " on " + s.plan().target() + " — " + s.message(),
                new BisectBanner(s), sections).render();
    }

    /** Writes the report atomically (temp file + rename). */
    public static void write(BisectState s, ComparedRuns evidenceRuns, Path file) throws IOException {
        ResultsJson.writeAtomically(file, render(s, evidenceRuns).getBytes(StandardCharsets.UTF_8));
    }

    /** Heads the evidence: which two kernels, and the comparison's verdict. */
    private record EvidenceIntro(Comparison c) implements Section {
        @Override
        public String id() {
            return "evidence";
        }

        @Override
        public String title() {
            return "Evidence";
        }

        @Override
        public void render(Html h) {
            h.open("h2").text("Evidence: first bad against last good ");
            VerdictStyle.of(c.verdict()).badge(h);
            h.close("h2");
            h.open("p").text("The first bad kernel ").el("span", c.candidate(), "class", "mono")
                    .text(" (" + String.join(", ", c.candidateRuns()) + ") compared with its good neighbour ")
                    .el("span", c.baseline(), "class", "mono").text(" (" + String.join(", ", c.baselineRuns())
                            + ") on " + c.platform() + ", with the statistics of rig compare.")
                    .close("p");
        }
    }

    /** The bisection as git bisect log prints it, to replay in the tree. */
    private record LogSection(String log) implements Section {
        @Override
        public String id() {
            return "log";
        }

        @Override
        public String title() {
            return "git bisect log";
        }

        @Override
        public void render(Html h) {
            h.el("h2", "git bisect log");
            h.el("p", "Save as bisect.log and run git bisect replay bisect.log in the tree for the same result.", "class", "subtitle");
            h.el("pre", log, "class", "message");
        }
    }
}
