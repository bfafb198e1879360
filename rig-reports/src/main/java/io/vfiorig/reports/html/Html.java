package io.vfiorig.reports.html;

/**
 * An append-only HTML writer that escapes every piece of text and every attribute value, so
 * evidence strings (kernel log lines, stack traces, device names) can never become markup.
 * Only {@link #raw} takes markup as is, for the report's own literals.
 */
public final class Html {
    private final StringBuilder out = new StringBuilder(64 * 1024);

    /** Appends the report's own markup, never data. */
    public Html raw(String trustedMarkup) {
        out.append(trustedMarkup);
        return this;
    }

    /** Appends text, escaped. */
    public Html text(String text) {
        out.append(escape(text));
        return this;
    }

    /**
     * Opens an element.
     *
     * @param tag   element name (a literal)
     * @param attrs name, value pairs; values are escaped, a null value drops the attribute
     */
    public Html open(String tag, String... attrs) {
        out.append('<').append(tag);
        for (int i = 0; i + 1 < attrs.length; i += 2) {
            if (attrs[i + 1] != null) {
                out.append(' ').append(attrs[i]).append("=\"").append(escape(attrs[i + 1])).append('"');
            }
        }
        out.append('>');
        return this;
    }

    public Html close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** {@code <tag attrs>text</tag>} with the text escaped. */
    public Html el(String tag, String text, String... attrs) {
        return open(tag, attrs).text(text).close(tag);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /**
     * Escapes for HTML text and double- or single-quoted attribute values. Control characters that
     * HTML forbids (NUL, C0 except tab/newline/CR, DEL) become U+FFFD, so a torn kernel log line
     * cannot break the document.
     */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\t', '\n', '\r' -> b.append(c);
                default -> b.append(c < 0x20 || c == 0x7f ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }
}
