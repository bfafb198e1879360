package io.vfiorig.controller.bisect;

import io.vfiorig.controller.compare.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives {@code git bisect} in a kernel tree. Git keeps the bisection's own state in the tree;
 * after a resume it is rebuilt from the rig's state file by replaying every recorded verdict, so
 * the state file is the one source of truth.
 */
final class GitCandidates implements Candidates {
    private static final Duration GIT_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern FIRST_BAD = Pattern.compile("(?m)^([0-9a-f]{40}) is the first bad commit");
    private static final Pattern COULD_BE = Pattern.compile("(?s)The first bad commit could be any of:\\n(.*?)\\nWe cannot bisect more");

    private final Path tree;
    private final Path logDir;
    private List<String> culprits = List.of();

    GitCandidates(Path tree, Path logDir) {
        this.tree = tree;
        this.logDir = logDir;
    }

    /** @return the full commit id of {@code rev}, refusing what is not a commit of the tree */
    String resolve(String rev) throws InfraFailure, InterruptedException {
        Shell.Result r = git("rev-parse", "--verify", "--quiet", rev + "^{commit}");
        if (!r.ok()) {
            throw new IllegalArgumentException("'" + rev + "' is not a commit in " + tree
                    + "; give a commit id, tag or branch that git log shows there");
        }
        return r.output().strip();
    }

    /** Checks out {@code rev} detached (the verification steps, before the bisection starts). */
    void checkout(String rev) throws InfraFailure, InterruptedException {
        Shell.Result r = git("checkout", "-q", "--detach", rev);
        if (!r.ok()) {
            throw new IllegalStateException("git checkout " + rev + " failed in " + tree + ": " + r.tail()
                    + " (commit or stash local changes first)");
        }
    }

    /** Starts {@code git bisect} afresh and replays the recorded verdicts. */
    void start(String good, String bad, List<StepRecord> done) throws InfraFailure, InterruptedException {
        git("bisect", "reset");
        Shell.Result r = git("bisect", "start", bad, good);
        if (!r.ok()) {
            throw new IllegalStateException("git bisect start " + bad + " " + good + " failed: " + r.tail());
        }
        parse(r);
        for (StepRecord s : done) {
            if (s.role().equals(StepRecord.BISECT)) {
                mark(s.rev(), s.verdict());
            }
        }
    }

    @Override
    public Optional<String> next() throws InfraFailure, InterruptedException {
        if (!culprits.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(git("rev-parse", "HEAD").output().strip());
    }

    @Override
    public void mark(String rev, Verdict v) throws InfraFailure, InterruptedException {
        String term = switch (v) {
            case GOOD -> "good";
            case BAD -> "bad";
            default -> "skip";
        };
        Shell.Result r = git("bisect", term, rev);
        if (!r.ok() && !r.output().contains("could be any of")) {
            throw new InfraFailure("git bisect " + term + " " + rev + " failed: " + r.tail());
        }
        parse(r);
    }

    private void parse(Shell.Result r) {
        Matcher m = FIRST_BAD.matcher(r.output());
        if (m.find()) {
            culprits = List.of(m.group(1));
            return;
        }
        Matcher any = COULD_BE.matcher(r.output());
        if (any.find()) {
            List<String> c = new ArrayList<>();
            any.group(1).lines().map(String::strip).filter(l -> l.matches("[0-9a-f]{40}")).forEach(c::add);
            culprits = List.copyOf(c);
        }
    }

    @Override
    public List<String> culprits() {
        return culprits;
    }

    @Override
    public String previous(String rev) throws InfraFailure, InterruptedException {
        Shell.Result r = git("rev-parse", "--verify", "--quiet", rev + "^");
        return r.ok() ? r.output().strip() : null;
    }

    @Override
    public String label(String rev) throws InfraFailure, InterruptedException {
        return git("log", "-1", "--format=%s", rev).output().strip();
    }

    @Override
    public void finish() throws InterruptedException {
        try {
            git("bisect", "reset");
        } catch (InfraFailure e) {
            // The result is already saved; a tree left mid-bisect is the user's to reset.
        }
    }

    private Shell.Result git(String... args) throws InfraFailure, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "advice.detachedHead=false"));
        cmd.addAll(List.of(args));
        try {
            return Shell.run(cmd, tree, Map.of("GIT_TERMINAL_PROMPT", "0"), logDir.resolve("git.log"), GIT_TIMEOUT);
        } catch (IOException e) {
            throw new InfraFailure("git " + String.join(" ", args) + " could not run in " + tree + ": " + e.getMessage(), e);
        }
    }
}
