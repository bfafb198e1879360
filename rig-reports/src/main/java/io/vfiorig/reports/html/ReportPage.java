package io.vfiorig.reports.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A self-contained HTML page: inline CSS, inline SVG, no script, no external resource, so it
 * opens the same from a mail attachment, a CI artifact or a laptop without network.
 */
public final class ReportPage {
    private static final String CSS = resource("report.css");

    private final String title;
    private final Section banner;
    private final List<Section> sections;

    /**
     * @param title    document title
     * @param banner   the verdict block shown first, not listed in the contents
     * @param sections the rest, in order
     */
    public ReportPage(String title, Section banner, List<Section> sections) {
        this.title = title;
        this.banner = banner;
        this.sections = List.copyOf(sections);
    }

    public String render() {
        Html h = new Html();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // No network: forbid every fetch, allow only the inline style.
                .raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
                .el("title", title).raw("\n<style>\n").raw(CSS).raw("</style>\n</head>\n<body>\n<main>\n");
        banner.render(h);
        h.raw("<nav class=\"toc\">");
        for (Section s : sections) {
            h.open("a", "href", "#" + s.id()).text(s.title()).close("a");
        }
        h.raw("</nav>\n");
        for (Section s : sections) {
            h.open("section", "id", s.id());
            s.render(h);
            h.raw("</section>\n");
        }
        h.raw("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static String resource(String name) {
        try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + ReportPage.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
