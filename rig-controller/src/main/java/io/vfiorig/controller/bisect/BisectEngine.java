package io.vfiorig.controller.bisect;

import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.controller.compare.Comparer;
import io.vfiorig.controller.compare.Comparison;
import io.vfiorig.controller.compare.Platform;
import io.vfiorig.controller.compare.RunSet;
import io.vfiorig.controller.compare.Verdict;
import io.vfiorig.controller.inventory.Thresholds;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a bisection: verifies that good is good and bad is bad, then tests the kernels git bisect
 * (or the list search) proposes until the first bad one is found. Each kernel is built (git mode),
 * run, and compared with the good kernel's runs; a weak verdict earns another run of both, up to
 * {@link BisectPlan#maxRuns}; infrastructure failures are retried {@link BisectPlan#infraRetries}
 * times and then the kernel is skipped, never called bad. The state is saved after every step, so
 * a killed bisection resumes where it stopped (see {@code docs/regressions.md}).
 */
public final class BisectEngine {
    private final Path dir;
    private final SuiteExecution execution;
    private final Comparer comparer;
    private final PrintWriter log;
    private BisectState state;
    private KernelBuild build;

    /**
     * @param dir       the bisection's directory: state file, kernels, runs
     * @param execution how a kernel is booted and the suite run on it
     */
    public BisectEngine(Path dir, SuiteExecution execution, Thresholds thresholds, PrintWriter log) {
        this.dir = dir;
        this.execution = execution;
        this.comparer = new Comparer(thresholds);
        this.log = log;
    }

    /**
     * Starts a new bisection in the directory, or resumes the one saved there.
     *
     * @param plan what to do, or {@code null} to resume the saved plan
     * @return the final state: done (culprit and evidence) or failed (message)
     * @throws IllegalArgumentException when the plan is unusable or conflicts with a saved one
     */
    public BisectState run(BisectPlan plan) throws IOException, InterruptedException {
        Optional<BisectState> saved = StateFile.load(dir);
        if (saved.isPresent()) {
            state = saved.get();
            if (plan != null && !sameRequest(plan, state.plan())) {
                throw new IllegalArgumentException(dir + " holds another bisection (good " + state.plan().good() + ", bad "
                        + state.plan().bad() + "); resume it with --resume, or choose another --state directory");
            }
            if (!state.status().equals(BisectState.RUNNING)) {
                return state;
            }
            log.println("resuming " + dir + " after " + state.steps().size() + " steps");
        } else {
            if (plan == null) {
                throw new IllegalArgumentException("no bisection to resume in " + dir + " (no " + StateFile.NAME + ")");
            }
            state = BisectState.start(resolved(plan));
            StateFile.save(dir, state);
        }
        build = new KernelBuild(state.plan(), dir);
        try {
            return bisect();
        } catch (InfraFailure e) {
            return finish(state.failed(e.getMessage()));
        }
    }

    private static boolean sameRequest(BisectPlan a, BisectPlan saved) {
        return a.mode().equals(saved.mode()) && a.suite().equals(saved.suite()) && a.target().equals(saved.target());
    }

    /** Git revisions become full commit ids once, so a moving branch cannot change the bisection. */
    private BisectPlan resolved(BisectPlan p) throws InterruptedException {
        if (!p.git()) {
            new ListCandidates(p.kernels(), p.good(), p.bad()); // validates the entries
            return p;
        }
        if (!Files.isDirectory(Path.of(p.tree(), ".git")) && !Files.isRegularFile(Path.of(p.tree(), ".git"))) {
            throw new IllegalArgumentException("--tree " + p.tree() + " is not a git work tree");
        }
        try {
            GitCandidates g = new GitCandidates(Path.of(p.tree()), dir);
            return new BisectPlan(p.mode(), p.tree(), g.resolve(p.good()), g.resolve(p.bad()), p.kernels(), p.suite(),
                    p.target(), p.buildCmd(), p.kernelImage(), p.configFragment(), p.maxRuns(), p.infraRetries(), p.run());
        } catch (InfraFailure e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private BisectState bisect() throws IOException, InterruptedException, InfraFailure {
        BisectPlan p = state.plan();
        GitCandidates git = p.git() ? new GitCandidates(Path.of(p.tree()), dir) : null;
        if (state.step(p.good()).isEmpty()) {
            if (git != null) {
                git.checkout(p.good());
            }
            StepRecord s = test(StepRecord.VERIFY_GOOD, p.good(), label(git, p.good()));
            if (s.verdict() == Verdict.GOOD) {
                state = state.withBaseline(s.runs()); // saved with the step: a resume needs both
            }
            record(s);
            if (s.verdict() != Verdict.GOOD) {
                return finish(state.failed("--good " + p.good() + " is not good: " + s.reason()));
            }
        }
        if (state.step(p.bad()).isEmpty()) {
            if (git != null) {
                git.checkout(p.bad());
            }
            StepRecord s = test(StepRecord.VERIFY_BAD, p.bad(), label(git, p.bad()));
            record(s);
            if (s.verdict() != Verdict.BAD) {
                return finish(state.failed("--bad " + p.bad() + " does not show a regression against --good ("
                        + s.verdict().id() + ": " + s.reason() + "); nothing to bisect"));
            }
        }
        Candidates candidates;
        if (git != null) {
            git.start(p.good(), p.bad(), state.steps());
            candidates = git;
        } else {
            ListCandidates list = new ListCandidates(p.kernels(), p.good(), p.bad());
            list.replay(state.steps());
            candidates = list;
        }
        Optional<String> next;
        while ((next = candidates.next()).isPresent()) {
            String rev = next.get();
            StepRecord s = test(StepRecord.BISECT, rev, candidates.label(rev));
            record(s);
            candidates.mark(rev, s.verdict());
        }
        BisectState done = conclude(candidates);
        candidates.finish();
        return finish(done);
    }

    private static String label(GitCandidates git, String rev) throws InfraFailure, InterruptedException {
        return git == null ? rev : git.label(rev);
    }

    private BisectState conclude(Candidates candidates) throws InfraFailure, InterruptedException, IOException {
        List<String> culprits = candidates.culprits();
        if (culprits.size() != 1) {
            return state.done(null, null, null, culprits, "skipped kernels hide the first bad one; it is one of "
                    + culprits.size() + ": " + culprits, null);
        }
        String culprit = culprits.getFirst();
        String previous = candidates.previous(culprit);
        // The neighbour that was tested good: the parent, or the good end of the search.
        String lastGood = previous != null && state.step(previous).map(s -> s.verdict() == Verdict.GOOD).orElse(false)
                ? previous : state.plan().good();
        StepRecord bad = state.step(culprit).orElseThrow();
        StepRecord good = state.step(lastGood).orElseThrow();
        Comparison evidence = comparer.compare(runSet(good.label(), good.runs()), runSet(bad.label(), bad.runs()));
        return state.done(culprit, bad.label(), lastGood, List.of(), "first bad: " + KernelBuild.abbrev(culprit) + " "
                + bad.label() + " (" + bad.reason() + ")", evidence);
    }

    private BisectState finish(BisectState s) throws IOException {
        state = s;
        StateFile.save(dir, state);
        log.println(state.status().equals(BisectState.DONE) ? "bisect done: " + state.message() : "bisect failed: " + state.message());
        log.flush();
        return state;
    }

    private void record(StepRecord s) throws IOException {
        state = state.with(s);
        StateFile.save(dir, state);
        log.printf("%-11s %-14s %-5s %s [%d run(s)%s] %s%n", s.role(), KernelBuild.abbrev(s.rev()), s.verdict().id(),
                s.label(), s.runs().size(), s.infraFailures().isEmpty() ? "" : ", " + s.infraFailures().size() + " infra retries",
                s.reason());
        log.flush();
    }

    /** Builds (git mode), runs and judges one kernel: the adaptive-repeat loop. */
    private StepRecord test(String role, String rev, String label) throws InterruptedException, IOException {
        BisectPlan p = state.plan();
        List<String> infra = new ArrayList<>();
        String kernel = null;
        for (int attempt = 0; kernel == null; attempt++) {
            try {
                kernel = p.git() ? build.build(rev).toString() : rev;
            } catch (InfraFailure e) {
                infra.add(e.getMessage());
                if (attempt >= p.infraRetries()) {
                    return new StepRecord(role, rev, label, Verdict.SKIP, "build failed " + infra.size() + " times: "
                            + e.getMessage(), List.of(), infra);
                }
            }
        }
        List<String> dirs = new ArrayList<>();
        List<RunResults> runs = new ArrayList<>();
        int failures = 0;
        while (true) {
            Path out = runDir(rev);
            RunResults r;
            try {
                r = execution.run(rev, kernel, out);
                String problem = RunJudge.infrastructureProblem(r);
                if (problem != null) {
                    throw new InfraFailure(problem);
                }
            } catch (InfraFailure e) {
                infra.add(e.getMessage());
                if (++failures > p.infraRetries()) {
                    return new StepRecord(role, rev, label, Verdict.SKIP, "infrastructure failed " + failures
                            + " times, last: " + e.getMessage(), dirs, infra);
                }
                continue;
            }
            runs.add(r);
            dirs.add(out.toString());
            if (role.equals(StepRecord.VERIFY_GOOD)) {
                List<String> v = RunJudge.violations(r);
                return v.isEmpty() ? new StepRecord(role, rev, label, Verdict.GOOD, "no invariant violated", dirs, infra)
                        : new StepRecord(role, rev, label, Verdict.BAD, "violates " + v, dirs, infra);
            }
            Comparison c = comparer.compare(runSet("good", state.baselineRuns()), runSet(label, dirs));
            switch (c.verdict()) {
                case BAD -> {
                    return new StepRecord(role, rev, label, Verdict.BAD, RunJudge.badBecause(c), dirs, infra);
                }
                case GOOD -> {
                    return new StepRecord(role, rev, label, Verdict.GOOD, "no shift beyond the thresholds", dirs, infra);
                }
                case SKIP -> {
                    infra.add("nothing comparable with the good kernel's runs");
                    if (++failures > p.infraRetries()) {
                        return new StepRecord(role, rev, label, Verdict.SKIP, "nothing comparable with the good kernel", dirs, infra);
                    }
                }
                case WEAK -> {
                    if (runs.size() >= p.maxRuns()) {
                        return new StepRecord(role, rev, label, Verdict.SKIP, "still weak after " + runs.size()
                                + " runs: no decision, skipped", dirs, infra);
                    }
                    repeatBaseline(runs.size() + 1);
                }
            }
        }
    }

    /** Runs the good kernel again until the baseline has as many runs as the candidate will. */
    private void repeatBaseline(int want) throws InterruptedException, IOException {
        String good = state.plan().good();
        String kernel = state.plan().git() ? dir.resolve("kernels").resolve(good).resolve("bzImage").toString() : good;
        List<String> base = new ArrayList<>(state.baselineRuns());
        for (int tries = 0; base.size() < want && tries <= state.plan().infraRetries(); tries++) {
            Path out = runDir(good);
            try {
                RunResults r = execution.run(good, kernel, out);
                if (RunJudge.infrastructureProblem(r) == null && RunJudge.violations(r).isEmpty()) {
                    base.add(out.toString());
                }
            } catch (InfraFailure e) {
                log.println("baseline repeat failed (" + e.getMessage() + "); comparing with fewer baseline runs");
            }
        }
        state = state.withBaseline(base);
        StateFile.save(dir, state);
    }

    private Path runDir(String rev) throws IOException {
        Path runs = dir.resolve("runs");
        Files.createDirectories(runs);
        String base = KernelBuild.abbrev(rev).replaceAll("[^A-Za-z0-9._-]", "_");
        for (int n = 0; ; n++) {
            Path d = runs.resolve(base + "-" + n);
            if (!Files.exists(d)) {
                Files.createDirectories(d);
                return d;
            }
        }
    }

    private static RunSet runSet(String label, List<String> dirs) {
        List<RunResults> runs = dirs.stream().map(d -> {
            try {
                return ResultsJson.read(Path.of(d, "results.json"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
        return new RunSet(label, Platform.of(runs.getFirst(), null), runs);
    }
}
