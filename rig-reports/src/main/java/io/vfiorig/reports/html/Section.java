package io.vfiorig.reports.html;

/**
 * One block of a report page. A run report, and later a comparison or bisect report, is a
 * {@link ReportPage} of sections; sections share the page's CSS and write only through {@link Html}.
 */
public interface Section {
    /** Anchor id, unique in the page. */
    String id();

    /** Heading shown in the page's table of contents. */
    String title();

    void render(Html out);
}
