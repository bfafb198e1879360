package io.vfiorig.controller.bisect;

import io.vfiorig.agent.report.ResultsJson;
import io.vfiorig.agent.result.RunResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code --run-cmd}: the suite run by a command of the lab's (a LAVA job, ssh to a test host, a
 * script). It gets {@code RIG_KERNEL}, {@code RIG_REV}, {@code RIG_SUITE}, {@code RIG_TARGET} and
 * {@code RIG_OUT} and must leave {@code $RIG_OUT/results.json}; no results is an infrastructure failure.
 */
public final class CommandExecution implements SuiteExecution {
    private final String command;
    private final String suite;
    private final String target;
    private final Duration timeout;

    public CommandExecution(String command, String suite, String target, Duration timeout) {
        this.command = command;
        this.suite = suite;
        this.target = target;
        this.timeout = timeout;
    }

    @Override
    public RunResults run(String rev, String kernel, Path out) throws InfraFailure, InterruptedException {
        Path results = out.resolve("results.json");
        Shell.Result r;
        try {
            r = Shell.sh(command, out, Map.of("RIG_KERNEL", kernel, "RIG_REV", rev, "RIG_SUITE", suite,
                    "RIG_TARGET", target, "RIG_OUT", out.toAbsolutePath().toString()), out.resolve("run-cmd.log"), timeout);
        } catch (IOException e) {
            throw new InfraFailure("--run-cmd could not start: " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(results)) {
            throw new InfraFailure("--run-cmd exited " + r.exit() + " without " + results + ": " + r.tail());
        }
        try {
            return ResultsJson.read(results);
        } catch (IOException e) {
            throw new InfraFailure("--run-cmd left an unreadable " + results + ": " + e.getMessage(), e);
        }
    }
}
