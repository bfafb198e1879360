package io.vfiorig.controller.inventory;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Turns a YAML parser failure into one problem a person can act on: the position of the fault,
 * the parser's reason in plain words, and a hint. Never a stack trace, never a class name.
 */
final class YamlErrors {
    /** Things that look like Java: a.b.C, Foo.bar(), `X` or a word ending in Exception. */
    private static final Pattern JAVA_ISH = Pattern.compile(
            "\\b[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*\\.[A-Za-z]|\\b[A-Z]\\w*\\.\\w+\\(|Exception|\\bat \\[Source|`");

    private YamlErrors() {}

    static void report(Exception e, String text, Problems problems) {
        MarkedYAMLException marked = find(e, MarkedYAMLException.class);
        if (marked != null && marked.getProblemMark() != null) {
            Mark m = marked.getProblemMark();
            String problem = marked.getProblem() != null && marked.getProblem().contains("(TAB)")
                    ? "a tab character, where YAML needs spaces for indentation" // snakeyaml's own words print as \t(TAB)
                    : clean(marked.getProblem());
            String context = marked.getContext() == null ? "" : clean(marked.getContext());
            Mark cm = marked.getContextMark();
            if (problem.startsWith("a tab")) {
                context = "";
            }
            if (!context.isEmpty() && cm != null && cm.getLine() != m.getLine()) {
                context += " that starts at line " + (cm.getLine() + 1);
            }
            problems.add(new Location(m.getLine() + 1, m.getColumn() + 1), "",
                    "not valid YAML: " + problem + (context.isEmpty() ? "" : " (" + context + ")"), hint(problem));
            return;
        }
        ReaderException reader = find(e, ReaderException.class);
        if (reader != null) {
            problems.add(locate(text, reader.getPosition()), "",
                    String.format(Locale.ROOT, "not YAML text: character U+%04X is not allowed in a YAML file", reader.getCodePoint()),
                    "is this the right file? An inventory is UTF-8 YAML text; remove control characters");
            return;
        }
        Location at = Location.START;
        String message = e.getMessage();
        if (e instanceof JsonProcessingException j) {
            message = j.getOriginalMessage();
            JsonLocation l = j.getLocation();
            if (l != null && l.getLineNr() > 0) {
                at = new Location(l.getLineNr(), Math.max(1, l.getColumnNr()));
            }
        }
        String said = message != null && message.contains("Expected a field name")
                ? "a key must be plain text, not a list or a mapping ('?' complex keys)"
                : clean(message);
        problems.add(at, "", "not valid YAML: " + said, "check the indentation and quoting around this line");
    }

    /** The parser's words without its snippets, angle-bracket token names or anything that looks like code. */
    static String clean(String message) {
        if (message == null || message.isBlank()) {
            return "the YAML parser gave up here";
        }
        String first = message.lines().filter(l -> !l.isBlank() && !l.startsWith(" ")).findFirst().orElse(message).strip();
        String s = first.replace("<stream end>", "the end of the file")
                .replace("<document end>", "the end of the document")
                .replaceAll("<block (mapping |sequence )?end>", "the end of an indented block")
                .replaceAll("<(block|flow) (mapping|sequence) start>", "the start of a $1 $2")
                .replaceAll("<([a-z ]+)>", "$1")
                .replace("\t", "\\t (a tab)")
                .replace("expected 'document start', but found", "expected nothing after the end of the document, but found");
        int cut = s.indexOf(" (from ");
        if (cut > 0) {
            s = s.substring(0, cut);
        }
        return JAVA_ISH.matcher(s).find() ? "the YAML parser gave up here" : s;
    }

    private static String hint(String problem) {
        if (problem.toLowerCase(Locale.ROOT).contains("tab")) {
            return "indent with spaces; YAML does not allow tabs for indentation";
        }
        if (problem.contains("end of the file") || problem.contains("end of stream")) {
            return "the file ends inside a value (was it cut short?): close the open quote or bracket";
        }
        if (problem.contains("could not find expected ':'")) {
            return "write every key as 'key: value' and check this line's indentation";
        }
        if (problem.contains("mapping values are not allowed")) {
            return "quote a value that contains ': ', or fix the indentation of this line";
        }
        return "check the indentation and quoting around this line";
    }

    /** Line and column of a code-point offset, as the reader counts them. */
    private static Location locate(String text, int codePointIndex) {
        int line = 1;
        int column = 1;
        int i = 0;
        for (int cp = 0; i < text.length() && cp < codePointIndex; cp++) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Location(line, column);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
