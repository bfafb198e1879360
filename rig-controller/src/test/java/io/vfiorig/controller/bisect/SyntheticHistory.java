package io.vfiorig.controller.bisect;

import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.controller.compare.SyntheticRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away git history whose every commit plants an outcome in a file {@code outcome}, a
 * "build" script that turns it into a "kernel", and a run script that answers with a prepared
 * results.json for that kernel. Outcomes: {@code good}, {@code bad} (fault latency 1.6x),
 * {@code noisy-good} / {@code noisy-bad} (150 faults per run and run-to-run jitter: one run is not
 * enough to decide), prefixed {@code flaky-build-} (the first build fails) or {@code flaky-infra-}
 * (the first run fails like a lab glitch), or {@code broken-build-} (every build fails).
 */
final class SyntheticHistory {
    /** Per-run scale of the noisy kernels' latencies: the first run of each is misleading. */
    private static final double[] NOISY_GOOD = {1.16, 0.96, 1.0, 0.98, 1.02, 1.0};
    private static final double[] NOISY_BAD = {1.14, 1.3, 1.24, 1.28, 1.22, 1.26};

    final Path root;
    final Path tree;
    final Path marks;
    final Path templates;
    final List<String> commits = new ArrayList<>();

    private SyntheticHistory(Path root) {
        this.root = root;
        this.tree = root.resolve("linux");
        this.marks = root.resolve("marks");
        this.templates = root.resolve("templates");
    }

    /** @param outcomes one per commit, oldest first; commit 0 is the good end */
    static SyntheticHistory create(Path root, List<String> outcomes) throws IOException, InterruptedException {
        SyntheticHistory h = new SyntheticHistory(root);
        Files.createDirectories(h.tree);
        Files.createDirectories(h.marks);
        h.writeTemplates();
        h.git("init", "-q", "-b", "master");
        for (int i = 0; i < outcomes.size(); i++) {
            Files.writeString(h.tree.resolve("outcome"), outcomes.get(i) + "\n");
            Files.writeString(h.tree.resolve("VERSION"), i + "\n"); // every commit changes something
            h.git("add", "outcome", "VERSION");
            h.git("-c", "user.name=rig", "-c", "user.email=rig@example.net", "commit", "-q", "-m", "commit " + i + ": " + outcomes.get(i));
            h.commits.add(h.git("rev-parse", "HEAD").strip());
        }
        Files.writeString(h.tree.resolve(".gitignore"), "out/\n");
        return h;
    }

    private void writeTemplates() throws IOException {
        Files.createDirectories(templates);
        for (int n = 0; n < 6; n++) {
            ResultsJson.write(SyntheticRuns.run("good-" + n, 100 + n, 1.0, 20_000), templates.resolve("good-" + n + ".json"));
            ResultsJson.write(SyntheticRuns.run("bad-" + n, 200 + n, 1.6, 20_000), templates.resolve("bad-" + n + ".json"));
            ResultsJson.write(SyntheticRuns.run("noisy-good-" + n, 300 + n, NOISY_GOOD[n], 150),
                    templates.resolve("noisy-good-" + n + ".json"));
            ResultsJson.write(SyntheticRuns.run("noisy-bad-" + n, 400 + n, NOISY_BAD[n], 150),
                    templates.resolve("noisy-bad-" + n + ".json"));
        }
    }

    /** The build: fails once for flaky-build-*, always for broken-build-*, else copies the outcome to out/kernel. */
    String buildCmd() {
        return """
                set -e
                kind=$(cat outcome)
                case $kind in broken-build-*) echo "error: implicit declaration (broken commit)"; exit 2;; esac
                case $kind in flaky-build-*)
                  if [ ! -f '%1$s/build-'"$RIG_BISECT_REV" ]; then touch '%1$s/build-'"$RIG_BISECT_REV"; echo "cc1: out of memory"; exit 1; fi;;
                esac
                mkdir -p out && cp outcome out/kernel""".formatted(marks);
    }

    /** The run: the n-th run of a kernel answers with template n of its kind; flaky-infra-* fails its first run. */
    String runCmd(double sleepSeconds) {
        return """
                kind=$(cat "$RIG_KERNEL")
                key=$(echo "$RIG_REV" | tr -c 'A-Za-z0-9\\n' _)
                n=$(cat '%1$s/run-'"$key" 2>/dev/null || echo 0)
                echo $((n + 1)) > '%1$s/run-'"$key"
                sleep %3$s
                case $kind in flaky-infra-*) if [ "$n" = 0 ]; then echo "guest did not come up (lab glitch)"; exit 3; fi;; esac
                kind=${kind#flaky-infra-}; kind=${kind#flaky-build-}
                cp '%2$s/'"$kind-$n.json" "$RIG_OUT/results.json\"""".formatted(marks, templates, sleepSeconds);
    }

    BisectPlan plan(int goodCommit, int badCommit) {
        return new BisectPlan(BisectPlan.GIT, tree.toString(), commits.get(goodCommit), commits.get(badCommit), List.of(),
                "smoke", "vm:synthetic", buildCmd(), "out/kernel", null, 4, 2, null);
    }

    String git(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(tree.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("git " + String.join(" ", args) + ": " + out);
        }
        return out;
    }
}
