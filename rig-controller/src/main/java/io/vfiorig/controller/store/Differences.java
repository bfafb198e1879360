package io.vfiorig.controller.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Says where two records differ, field by field, so a conflict names both versions of what
 * changed rather than dumping two whole results.
 */
final class Differences {
    private static final int MAX_REPORTED = 5;
    private static final int MAX_VALUE_CHARS = 120;

    private Differences() {}

    /** @return "field: stored=…, received=…" for each differing leaf (at most a few), joined with "; " */
    static String between(Object stored, Object received) {
        List<String> out = new ArrayList<>();
        collect("", stored, received, out);
        if (out.size() > MAX_REPORTED) {
            int more = out.size() - MAX_REPORTED;
            out = new ArrayList<>(out.subList(0, MAX_REPORTED));
            out.add("and " + more + " more");
        }
        return String.join("; ", out);
    }

    private static void collect(String path, Object a, Object b, List<String> out) {
        if (Objects.equals(a, b)) {
            return;
        }
        if (a != null && b != null && a.getClass() == b.getClass() && a.getClass().isRecord()) {
            for (RecordComponent c : a.getClass().getRecordComponents()) {
                collect(join(path, c.getName()), value(c, a), value(c, b), out);
            }
        } else if (a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
            for (int i = 0; i < la.size(); i++) {
                collect(path + "[" + i + "]", la.get(i), lb.get(i), out);
            }
        } else {
            out.add((path.isEmpty() ? "value" : path) + ": stored=" + abbreviate(a) + ", received=" + abbreviate(b));
        }
    }

    private static Object value(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass(), e);
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() <= MAX_VALUE_CHARS ? s : s.substring(0, MAX_VALUE_CHARS) + "…(" + s.length() + " chars)";
    }
}
