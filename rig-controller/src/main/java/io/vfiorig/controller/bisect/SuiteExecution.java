package io.vfiorig.controller.bisect;

import io.vfiorig.agent.result.RunResults;
import java.nio.file.Path;

/** Boots a kernel on the target and runs the suite on it: one run of one bisect step. */
@FunctionalInterface
public interface SuiteExecution {
    /**
     * @param rev    the commit or list entry under test
     * @param kernel the kernel image ({@code bzImage}) or a packaged kernel name ({@code debian:7.3})
     * @param out    an empty directory for this run's results.json and logs
     * @return the run's results (infrastructure errors inside them are judged by the caller)
     * @throws InfraFailure when the run produced no results for a reason outside the kernel
     */
    RunResults run(String rev, String kernel, Path out) throws InfraFailure, InterruptedException;
}
