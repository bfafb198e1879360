package io.vfiorig.reports.svg;

import io.vfiorig.reports.html.Html;

/** A small SVG writer: every attribute value and text goes through {@link Html#escape}. */
final class Svg {
    private final StringBuilder out = new StringBuilder(8 * 1024);

    Svg(int width, int height, String cssClass, String label) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").append(Html.escape(cssClass))
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape(label)).append("\">");
    }

    /** An element with attributes (name, value pairs) and no content. */
    Svg el(String tag, Object... attrs) {
        start(tag, attrs);
        out.append("/>");
        return this;
    }

    /** An element with escaped text content. */
    Svg text(String tag, String text, Object... attrs) {
        start(tag, attrs);
        out.append('>').append(Html.escape(text)).append("</").append(tag).append('>');
        return this;
    }

    /** An element holding a tooltip ({@code <title>}), e.g. a data point. */
    Svg withTitle(String tag, String title, Object... attrs) {
        start(tag, attrs);
        out.append("><title>").append(Html.escape(title)).append("</title></").append(tag).append('>');
        return this;
    }

    Svg open(String tag, Object... attrs) {
        start(tag, attrs);
        out.append('>');
        return this;
    }

    Svg close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    String finish() {
        return out.append("</svg>").toString();
    }

    private void start(String tag, Object... attrs) {
        out.append('<').append(tag);
        for (int i = 0; i + 1 < attrs.length; i += 2) {
            Object v = attrs[i + 1];
            if (v == null) {
                continue; // an optional attribute left out
            }
            String s = v instanceof Double d ? Units.num(d) : String.valueOf(v);
            out.append(' ').append(attrs[i]).append("=\"").append(Html.escape(s)).append('"');
        }
    }
}
