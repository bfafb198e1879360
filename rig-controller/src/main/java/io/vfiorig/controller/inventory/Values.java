package io.vfiorig.controller.inventory;

import io.vfiorig.controller.inventory.Node.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads typed values out of nodes. Each method reports what is wrong and returns empty; it never
 * throws, so the binder can go on and find the next problem.
 */
final class Values {
    /** Names of the lab, hosts, labels, suites: safe in metrics labels, file names and target references. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    static final String NAME_RULE = "use letters, digits, '.', '_' and '-', starting with a letter or digit, at most 63 characters";
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]{1,18}");

    private final Problems problems;

    Values(Problems problems) {
        this.problems = problems;
    }

    /** A non-empty string. Numbers and booleans are refused: YAML typed them, and the schema sees them so too. */
    Optional<String> text(Node n) {
        if (!(n instanceof ScalarNode s) || s.kind() != ScalarNode.Kind.STRING) {
            return wrongType(n, "a string", n instanceof ScalarNode s && isTyped(s) ? quoteFix(s) : "write a plain text value");
        }
        if (s.text().isBlank()) {
            problems.add(n, "is empty", "write a value, or remove the key if it is optional");
            return Optional.empty();
        }
        return Optional.of(s.text());
    }

    /** A string of the {@link #NAME} form; {@code what} says whose name for the message. */
    Optional<String> name(Node n, String what) {
        return text(n).flatMap(s -> {
            if (!NAME.matcher(s).matches()) {
                problems.add(n, "'" + shorten(s) + "' is not a valid " + what, NAME_RULE);
                return Optional.empty();
            }
            return Optional.of(s);
        });
    }

    /** A string turned into a value by {@code parser}, whose {@link BadValue} becomes the problem. */
    <T> Optional<T> parsed(Node n, Function<String, T> parser) {
        return text(n).flatMap(s -> {
            try {
                return Optional.of(parser.apply(s));
            } catch (BadValue e) {
                problems.add(n, e.getMessage(), e.fix());
                return Optional.empty();
            }
        });
    }

    /** A whole number in {@code [min, max]}, written in decimal. */
    Optional<Long> integer(Node n, long min, long max) {
        if (!(n instanceof ScalarNode s) || s.kind() != ScalarNode.Kind.INTEGER && s.kind() != ScalarNode.Kind.FLOAT) {
            return wrongType(n, "a whole number", "write a number between " + min + " and " + max + ", without quotes");
        }
        String t = s.text().strip();
        if (!DECIMAL.matcher(t).matches()) {
            problems.add(n, "'" + shorten(t) + "' is not a whole number in decimal",
                    "write a plain decimal number between " + min + " and " + max);
            return Optional.empty();
        }
        long v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        if (v < min || v > max) {
            problems.add(n, v + " is out of range " + min + ".." + max, "write a number between " + min + " and " + max);
            return Optional.empty();
        }
        return Optional.of(v);
    }

    /** A finite number in the open-below, closed-above interval {@code (above, atMost]}. */
    Optional<Double> number(Node n, double above, double atMost, String example) {
        if (!(n instanceof ScalarNode s) || s.kind() != ScalarNode.Kind.INTEGER && s.kind() != ScalarNode.Kind.FLOAT) {
            return wrongType(n, "a number", "write a number without quotes, e.g. " + example);
        }
        double v;
        try {
            v = Double.parseDouble(s.text().strip());
        } catch (NumberFormatException e) {
            problems.add(n, "'" + shorten(s.text()) + "' is not a plain decimal number", "write it like " + example);
            return Optional.empty();
        }
        if (!Double.isFinite(v) || v <= above || v > atMost) {
            problems.add(n, s.text() + " is out of range: it must be above " + fmt(above) + " and at most " + fmt(atMost),
                    "write a number in that range, e.g. " + example);
            return Optional.empty();
        }
        return Optional.of(v);
    }

    /** A list; {@code example} shows the expected form in the fix. */
    Optional<List<Node>> list(Node n, boolean nonEmpty, String example) {
        if (!(n instanceof Node.ListNode l)) {
            return wrongType(n, "a list", "write a list, e.g. " + example);
        }
        if (nonEmpty && l.items().isEmpty()) {
            problems.add(n, "is an empty list", "list at least one entry, e.g. " + example);
            return Optional.empty();
        }
        return Optional.of(l.items());
    }

    /** A list of names, e.g. suites; each bad item is its own problem, the good ones are returned. */
    Optional<List<String>> names(Node n, boolean nonEmpty, String what, String example) {
        return list(n, nonEmpty, example).map(items -> {
            List<String> out = new ArrayList<>();
            for (Node item : items) {
                name(item, what).ifPresent(out::add);
            }
            return List.copyOf(out);
        });
    }

    <T> Optional<T> wrongType(Node n, String expected, String fix) {
        if (n instanceof ScalarNode s && s.kind() == ScalarNode.Kind.INVALID) {
            return Optional.empty(); // said once already, where it was read
        }
        problems.add(n, "expected " + expected + ", got " + n.describe(), fix);
        return Optional.empty();
    }

    private static boolean isTyped(ScalarNode s) {
        return s.kind() == ScalarNode.Kind.INTEGER || s.kind() == ScalarNode.Kind.FLOAT || s.kind() == ScalarNode.Kind.BOOLEAN;
    }

    /** YAML reads 0000:00:02.0 as a (sexagesimal) number and `on` as true; quoting keeps the text. */
    private static String quoteFix(ScalarNode s) {
        return "quote it: \"" + shorten(s.text()) + "\" (unquoted, YAML reads it as "
                + (s.kind() == ScalarNode.Kind.BOOLEAN ? "true/false" : "a number") + ")";
    }

    static String shorten(String s) {
        String one = s.replace("\n", "\\n").replace("\r", "\\r");
        return one.length() > 60 ? one.substring(0, 57) + "..." : one;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
