package io.vfiorig.controller.inventory;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

/**
 * A classic five-field cron expression ({@code minute hour day-of-month month day-of-week}) with
 * lists, ranges, steps and month/day names, read the way Vixie cron reads it: when both day fields
 * are restricted, either one matching is enough. No seconds, no macros, no Quartz extensions.
 */
public final class CronExpression {
    private record Field(int position, String name, int min, int max, List<String> names) {
        String rule() {
            return name + " takes " + min + "-" + max + (names.isEmpty() ? "" : " or " + names.getFirst() + "-" + names.getLast())
                    + ", *, lists (1,3), ranges (1-5) and steps (*/2)";
        }
    }

    private static final List<Field> FIELDS = List.of(
            new Field(1, "minute", 0, 59, List.of()),
            new Field(2, "hour", 0, 23, List.of()),
            new Field(3, "day-of-month", 1, 31, List.of()),
            new Field(4, "month", 1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
            new Field(5, "day-of-week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")));
    private static final String EXAMPLE = "e.g. \"0 2 * * *\" runs at 02:00 every day";
    private static final int[] DAYS_IN_MONTH = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private final String text;
    private final long[] bits = new long[5];
    private final boolean dayOfMonthStar;
    private final boolean dayOfWeekStar;

    private CronExpression(String text, String[] parts) {
        this.text = text;
        for (int i = 0; i < 5; i++) {
            bits[i] = parseField(FIELDS.get(i), parts[i], text);
        }
        if ((bits[4] & 1L << 7) != 0) {
            bits[4] = bits[4] & ~(1L << 7) | 1L; // 7 is Sunday too
        }
        dayOfMonthStar = parts[2].startsWith("*");
        dayOfWeekStar = parts[4].startsWith("*");
        if (!dayOfMonthStar && dayOfWeekStar && !anyDayExists()) {
            throw new BadValue("cron '" + text + "' never fires: none of its months has any of its days of the month",
                    "check day-of-month and month, e.g. February has no day 30 or 31");
        }
    }

    /** Parses and validates; a {@link IllegalArgumentException} says which field is wrong and why. */
    public static CronExpression parse(String text) {
        String t = text.strip();
        if (t.startsWith("@")) {
            throw new BadValue("cron macros like '" + Values.shorten(t) + "' are not supported",
                    "write the five fields instead, " + EXAMPLE + " (that is @daily at 02:00)");
        }
        String[] parts = t.isEmpty() ? new String[0] : t.split("\\s+");
        if (parts.length != 5) {
            throw new BadValue("cron '" + Values.shorten(t) + "' has " + parts.length + " field" + (parts.length == 1 ? "" : "s")
                    + ", needs 5: minute hour day-of-month month day-of-week"
                    + (parts.length == 6 || parts.length == 7 ? " (no seconds or year field)" : ""), EXAMPLE);
        }
        return new CronExpression(String.join(" ", parts), parts);
    }

    private static long parseField(Field f, String spec, String whole) {
        long set = 0;
        for (String part : spec.split(",", -1)) {
            set |= parsePart(f, part, whole);
        }
        return set;
    }

    private static long parsePart(Field f, String part, String whole) {
        if (part.isEmpty()) {
            throw bad(f, whole, "'" + f.name + "' has an empty list entry", f.rule());
        }
        if (part.matches(".*[?LW#].*") && !part.matches("(?i).*[a-z]{3}.*")) {
            throw bad(f, whole, "'" + part + "' is Quartz syntax, not cron", "use * instead of ?, and plain values for L, W and #; " + f.rule());
        }
        int slash = part.indexOf('/');
        String range = slash < 0 ? part : part.substring(0, slash);
        int step = 1;
        if (slash >= 0) {
            step = number(f, part.substring(slash + 1), whole, true);
            if (step < 1) {
                throw bad(f, whole, "step '" + part + "' must be at least 1", f.rule());
            }
        }
        int lo;
        int hi;
        if (range.equals("*")) {
            lo = f.min;
            hi = f.max;
        } else {
            int dash = range.indexOf('-', 1);
            lo = value(f, dash < 0 ? range : range.substring(0, dash), whole);
            hi = dash < 0 ? (slash < 0 ? lo : f.max) : value(f, range.substring(dash + 1), whole);
            if (hi < lo) {
                throw bad(f, whole, "range '" + range + "' runs backwards", "write the smaller value first; " + f.rule());
            }
        }
        long set = 0;
        for (int v = lo; v <= hi; v += step) {
            set |= 1L << v;
        }
        return set;
    }

    private static int value(Field f, String s, String whole) {
        int named = f.names.indexOf(s.toUpperCase(Locale.ROOT));
        if (named >= 0) {
            return f.min == 0 ? named : named + 1;
        }
        int v = number(f, s, whole, false);
        if (v < f.min || v > f.max) {
            throw bad(f, whole, s + " is out of range " + f.min + "-" + f.max, f.rule());
        }
        return v;
    }

    private static int number(Field f, String s, String whole, boolean step) {
        if (!s.matches("[0-9]{1,3}")) {
            throw bad(f, whole, "'" + Values.shorten(s) + "' is not " + (step ? "a step number" : "a number"
                    + (f.names.isEmpty() ? "" : " or a name")), f.rule());
        }
        return Integer.parseInt(s);
    }

    private static BadValue bad(Field f, String whole, String what, String fix) {
        return new BadValue("field " + f.position + " (" + f.name + ") of cron '" + whole + "': " + what, fix + "; " + EXAMPLE);
    }

    private boolean anyDayExists() {
        for (int m = 1; m <= 12; m++) {
            if ((bits[3] & 1L << m) != 0 && (bits[2] & ((1L << (DAYS_IN_MONTH[m - 1] + 1)) - 2)) != 0) {
                return true;
            }
        }
        return false;
    }

    /** True when the schedule fires in the minute {@code t} (wall-clock time in the schedule's zone). */
    public boolean matches(LocalDateTime t) {
        boolean dom = (bits[2] & 1L << t.getDayOfMonth()) != 0;
        boolean dow = (bits[4] & 1L << (t.getDayOfWeek().getValue() % 7)) != 0;
        boolean day = dayOfMonthStar || dayOfWeekStar ? dom && dow : dom || dow;
        return day && (bits[0] & 1L << t.getMinute()) != 0 && (bits[1] & 1L << t.getHour()) != 0
                && (bits[3] & 1L << t.getMonthValue()) != 0;
    }

    /** The expression as written, fields separated by one space. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronExpression c && c.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
