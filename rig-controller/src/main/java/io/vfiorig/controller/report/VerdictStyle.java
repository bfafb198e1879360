package io.vfiorig.controller.report;

import io.vfiorig.controller.compare.Verdict;
import io.vfiorig.reports.html.Html;
import java.util.Locale;

/** How a verdict looks in every comparison and bisect report: word, CSS class, colour. */
enum VerdictStyle {
    GOOD("good", "#15803d"),
    WEAK("weak", "#b45309"),
    BAD("bad", "#b91c1c"),
    SKIP("skip", "#64748b");

    private final String css;
    private final String color;

    VerdictStyle(String css, String color) {
        this.css = css;
        this.color = color;
    }

    static VerdictStyle of(Verdict v) {
        return valueOf(v.name());
    }

    /** The CSS class ({@code badge good}, {@code banner bad}, {@code verdict-weak}). */
    String css() {
        return css;
    }

    /** The colour used for this verdict inside SVG plots. */
    String color() {
        return color;
    }

    /** Writes the coloured label. */
    void badge(Html h) {
        h.el("span", css.toUpperCase(Locale.ROOT), "class", "badge " + css);
    }
}
