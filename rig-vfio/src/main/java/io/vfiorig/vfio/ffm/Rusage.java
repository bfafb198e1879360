package io.vfiorig.vfio.ffm;

/**
 * The parts of {@code struct rusage} the rig measures: page faults, CPU time and context switches.
 *
 * @param minorFaults            ru_minflt: faults served without I/O (every BAR PTE/PMD/PUD insert counts here)
 * @param majorFaults            ru_majflt: faults that needed I/O
 * @param userMicros             ru_utime in microseconds
 * @param systemMicros           ru_stime in microseconds
 * @param voluntaryCtxSwitches   ru_nvcsw
 * @param involuntaryCtxSwitches ru_nivcsw
 */
public record Rusage(long minorFaults, long majorFaults, long userMicros, long systemMicros,
                     long voluntaryCtxSwitches, long involuntaryCtxSwitches) {

    /**
     * Field-wise difference, for "what did this section of code cost".
     *
     * @param earlier a sample taken before this one, on the same thread or process
     * @return {@code this - earlier}
     */
    public Rusage minus(Rusage earlier) {
        return new Rusage(minorFaults - earlier.minorFaults, majorFaults - earlier.majorFaults,
                userMicros - earlier.userMicros, systemMicros - earlier.systemMicros,
                voluntaryCtxSwitches - earlier.voluntaryCtxSwitches,
                involuntaryCtxSwitches - earlier.involuntaryCtxSwitches);
    }
}
