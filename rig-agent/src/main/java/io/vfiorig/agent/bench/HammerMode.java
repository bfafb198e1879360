package io.vfiorig.agent.bench;

/** What a bench hammer thread does per pass over its slice; both implementations know the same three. */
public enum HammerMode {
    /** MADV_DONTNEED the slice, then write the pattern word at the start of every page (one minor fault each), timed. */
    FAULT("fault"),
    /** Read one word per already-mapped page, each read timed and recorded. */
    STEADY("steady"),
    /** The steady loop without clocks or histogram, the baseline for the per-access timing overhead. */
    UNTIMED("untimed");

    private final String id;

    HammerMode(String id) {
        this.id = id;
    }

    /** @return the name used on the C hammer's command line and in the JSON */
    public String id() {
        return id;
    }
}
