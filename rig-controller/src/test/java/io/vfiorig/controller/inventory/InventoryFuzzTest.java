package io.vfiorig.controller.inventory;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * About 300 deterministic mutations of the sample: truncations, type swaps, renamed keys, deleted
 * keys and byte flips. Every one loads or throws {@link InventoryException} with problems that have
 * a position, a message and a fix, and that read like sentences, not like Java. Some kinds must
 * also be rejected at the mutated line.
 */
public class InventoryFuzzTest {
    private static final long SEED = 0x1f_2026L;
    /** {@code indent}, optional {@code "- "}, key, colon, value (possibly empty, then a block follows). */
    private static final Pattern KEY_LINE = Pattern.compile("^( *)(- )?([a-z][a-z0-9.-]*):(?: +(.*?))?(\\s+#.*)?$");
    private static final Pattern JAVA_ISH = Pattern.compile(
            "Exception|\\bat [a-z]+\\.|\\b(java|javax|jdk|sun|com|org|io|tools)\\.[a-z]+\\.|\\.java:\\d|\\$[A-Z]|@[0-9a-f]{6,}");
    /** Keys that are required wherever they appear in the sample. */
    private static final Set<String> REQUIRED = Set.of("version", "lab", "name", "address", "agent-identity", "devices", "bdf",
            "expect", "label", "kernel", "device", "base", "duration-scale", "nightly", "cron", "time-zone", "targets",
            "device-model", "suite", "run", "relative-shift", "confidence", "runs-days");

    /** One mutation; {@code line} is the 1-based line it changed, 0 when it cannot be said. */
    record Mutation(String kind, String description, byte[] bytes, int line, String key) {
        @Override
        public String toString() {
            return kind + ": " + description;
        }
    }

    private static final String SAMPLE = Repo.sampleText();
    private static final List<String> LINES = SAMPLE.lines().toList();

    @DataProvider
    public static Object[][] mutations() {
        List<Mutation> all = all();
        return all.stream().map(m -> new Object[] {m}).toArray(Object[][]::new);
    }

    static List<Mutation> all() {
        Random random = new Random(SEED);
        List<Mutation> out = new ArrayList<>();
        truncations(out);
        typeSwaps(out, random);
        renames(out, random);
        deletions(out);
        byteFlips(out, random);
        return out;
    }

    @Test
    public void thereAreAboutThreeHundredAndTheyAreTheSameEachTime() {
        List<Mutation> a = all();
        List<Mutation> b = all();
        assertTrue(a.size() >= 280 && a.size() <= 340, "mutations: " + a.size());
        for (int i = 0; i < a.size(); i++) {
            assertTrue(Arrays.equals(a.get(i).bytes(), b.get(i).bytes()), "deterministic: " + a.get(i));
        }
        for (String kind : List.of("truncate", "type-swap", "rename", "delete", "byte-flip")) {
            assertTrue(a.stream().filter(m -> m.kind().equals(kind)).count() >= 30, "enough of " + kind);
        }
    }

    @Test(dataProvider = "mutations")
    public void loadsOrSaysClearlyWhatIsWrong(Mutation m) {
        List<Problem> problems;
        try {
            InventoryLoader.parse(m.bytes(), "inventory.yaml");
            problems = List.of();
        } catch (InventoryException e) {
            problems = e.problems();
            assertFalse(problems.isEmpty(), m + ": an exception without problems");
            for (Problem p : problems) {
                String text = p.toString();
                assertTrue(p.line() >= 1 && p.column() >= 1, m + ": no position: " + text);
                assertFalse(p.message().isBlank(), m + ": no message: " + text);
                assertFalse(p.fix().isBlank(), m + ": no fix: " + text);
                assertFalse(JAVA_ISH.matcher(text).find(), m + ": reads like Java: " + text);
                assertFalse(text.contains("\n") || text.contains("\r"), m + ": one line per problem: " + text);
                assertEquals(p.file(), "inventory.yaml");
            }
            assertFalse(JAVA_ISH.matcher(e.getMessage()).find(), m + ": " + e.getMessage());
        } catch (RuntimeException | Error e) {
            fail(m + ": escaped as " + e, e);
            return;
        }
        switch (m.kind()) {
            case "rename" -> assertTrue(problems.stream().anyMatch(p -> p.line() == m.line() && p.message().startsWith("unknown key")),
                    m + ": a renamed key must be reported where it is: " + problems);
            case "type-swap" -> assertTrue(problems.stream().anyMatch(p -> p.line() == m.line()),
                    m + ": a value of the wrong type must be reported on its line: " + problems);
            case "delete" -> {
                if (REQUIRED.contains(m.key())) {
                    // said as missing, or, when it was the only key, as its parent left empty
                    assertTrue(problems.stream().anyMatch(p -> p.message().startsWith("missing required key") && p.message().contains("'" + m.key() + "'")
                                    || p.line() == m.line() - 1 && p.message().endsWith("got nothing (an empty value)")),
                            m + ": deleting a required key must say it is missing: " + problems);
                }
            }
            case "truncate" -> {
                if (m.bytes().length == 0 || new String(m.bytes(), StandardCharsets.UTF_8).lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
                    assertEquals(problems.size(), 1, m + ": an empty file is one problem: " + problems);
                }
            }
            default -> { }
        }
    }

    /** Cut the file every ~1/60 of its length, never at 0 twice. */
    private static void truncations(List<Mutation> out) {
        byte[] all = SAMPLE.getBytes(StandardCharsets.UTF_8);
        int step = Math.max(1, all.length / 60);
        for (int n = 0; n < all.length; n += step) {
            out.add(new Mutation("truncate", "first " + n + " bytes", Arrays.copyOf(all, n), 0, ""));
        }
    }

    /** Replace a key's value by one of another type (the block under it goes too). */
    private static void typeSwaps(List<Mutation> out, Random random) {
        for (int i = 0; i < LINES.size(); i++) {
            Matcher m = KEY_LINE.matcher(LINES.get(i));
            if (!m.matches()) {
                continue;
            }
            String value = m.group(4) == null ? "" : m.group(4);
            String type = typeOf(value);
            List<String> others = new ArrayList<>(List.of("[a, b]", "{x: 1}", "42", "\"text\"", "true", "~"));
            others.removeIf(v -> typeOf(v).equals(type));
            for (int k = 0; k < 2; k++) {
                String replacement = others.remove(random.nextInt(others.size()));
                List<String> lines = new ArrayList<>(LINES);
                int end = blockEnd(i, value);
                lines.subList(i + 1, end).clear();
                lines.set(i, m.group(1) + (m.group(2) == null ? "" : m.group(2)) + m.group(3) + ": " + replacement);
                out.add(new Mutation("type-swap", "line " + (i + 1) + " " + m.group(3) + ": " + value + " -> " + replacement,
                        join(lines), i + 1, m.group(3)));
            }
        }
    }

    private static String typeOf(String value) {
        if (value.isEmpty() || value.startsWith("{")) {
            return value.isEmpty() ? "block" : "map";
        }
        if (value.startsWith("[")) {
            return "list";
        }
        if (value.matches("-?[0-9.]+")) {
            return "number";
        }
        if (value.equals("true") || value.equals("false")) {
            return "bool";
        }
        return value.equals("~") ? "null" : "string";
    }

    /** Misspell each key once: a typo, another case, snake_case, a letter more or less. */
    private static void renames(List<Mutation> out, Random random) {
        for (int i = 0; i < LINES.size(); i++) {
            Matcher m = KEY_LINE.matcher(LINES.get(i));
            if (!m.matches()) {
                continue;
            }
            String key = m.group(3);
            String renamed = switch (random.nextInt(5)) {
                case 0 -> key + "s";
                case 1 -> key.length() > 3 ? key.substring(0, key.length() - 1) : key + "x";
                case 2 -> key.contains("-") ? key.replace('-', '_') : key.toUpperCase(java.util.Locale.ROOT);
                case 3 -> Character.toUpperCase(key.charAt(0)) + key.substring(1);
                default -> key.length() > 2 ? key.charAt(1) + "" + key.charAt(0) + key.substring(2) : key + key;
            };
            if (renamed.equals(key)) {
                continue;
            }
            List<String> lines = new ArrayList<>(LINES);
            lines.set(i, LINES.get(i).replaceFirst(Pattern.quote(key) + ":", Matcher.quoteReplacement(renamed) + ":"));
            out.add(new Mutation("rename", "line " + (i + 1) + " " + key + " -> " + renamed, join(lines), i + 1, key));
        }
    }

    /** Delete each key with its block; a list item keeps its "-" so the rest of the item stays put. */
    private static void deletions(List<Mutation> out) {
        for (int i = 0; i < LINES.size(); i++) {
            Matcher m = KEY_LINE.matcher(LINES.get(i));
            if (!m.matches()) {
                continue;
            }
            String value = m.group(4) == null ? "" : m.group(4);
            List<String> lines = new ArrayList<>(LINES);
            lines.subList(i + 1, blockEnd(i, value)).clear();
            if (m.group(2) != null) {
                lines.set(i, m.group(1) + "-");
            } else {
                lines.remove(i);
            }
            out.add(new Mutation("delete", "line " + (i + 1) + " " + m.group(3), join(lines), i + 1, m.group(3)));
        }
    }

    /** Characters that mean something to YAML, so flips reach the parser and the binder, not just the UTF-8 check. */
    private static final byte[] YAML_BYTES = ":-[]{}\"'#&*!|>%@,? \n\t0aZ".getBytes(StandardCharsets.US_ASCII);

    /** Bytes at random places, one to three per file: mostly YAML syntax, some that break UTF-8. */
    private static void byteFlips(List<Mutation> out, Random random) {
        byte[] all = SAMPLE.getBytes(StandardCharsets.UTF_8);
        for (int k = 0; k < 80; k++) {
            byte[] b = all.clone();
            StringBuilder d = new StringBuilder();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                int at = random.nextInt(b.length);
                byte v = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : YAML_BYTES[random.nextInt(YAML_BYTES.length)];
                b[at] = v;
                d.append(String.format("@%d=0x%02x ", at, v & 0xff));
            }
            out.add(new Mutation("byte-flip", d.toString().strip(), b, 0, ""));
        }
    }

    /** The index after the block under key line {@code i}: more indented, blank or comment lines. */
    private static int blockEnd(int i, String value) {
        if (!value.isEmpty()) {
            return i + 1;
        }
        Matcher m = KEY_LINE.matcher(LINES.get(i));
        m.matches();
        int keyColumn = m.group(1).length() + (m.group(2) == null ? 0 : 2);
        int j = i + 1;
        while (j < LINES.size()) {
            String l = LINES.get(j);
            int indent = l.length() - l.stripLeading().length();
            if (!l.isBlank() && !l.stripLeading().startsWith("#") && indent <= keyColumn && !(indent == keyColumn && l.stripLeading().startsWith("- "))) {
                break;
            }
            j++;
        }
        return j;
    }

    private static byte[] join(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
