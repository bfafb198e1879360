package io.vfiorig.controller.inventory;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads YAML text into a {@link Node} tree that remembers where each key and value was written.
 * Built on Jackson's streaming YAML parser because its token locations are what an editor shows;
 * syntax errors become one {@link Problem} (parsing cannot go on past them).
 */
final class YamlTree {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
    /** An inventory is six levels deep; anything far deeper is not an inventory. */
    static final int MAX_DEPTH = 32;

    private final Problems problems;

    private YamlTree(Problems problems) {
        this.problems = problems;
    }

    /** The document's root, or empty when there is none (problems say why). */
    static Optional<Node> parse(String text, Problems problems) {
        return new YamlTree(problems).read(text);
    }

    private Optional<Node> read(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.add(Location.START, "", text.isBlank() ? "the file is empty"
                                : "the file holds no YAML content, only comments",
                        "start from the sample inventory.yaml of the vfio-rig repository (see docs/inventory.md)");
                return Optional.empty();
            }
            Node root = value(p, first, "", 0);
            if (p.nextToken() != null) {
                problems.add(at(p), "", "the file holds more than one YAML document (a second '---' line)",
                        "keep one document: remove the '---' line and what follows it, or merge the two");
            }
            return Optional.of(root);
        } catch (JsonProcessingException | YAMLException e) {
            YamlErrors.report(e, text, problems);
            return Optional.empty();
        } catch (IOException e) {
            // a String source does no I/O; kept for the signature
            problems.add(Location.START, "", "the YAML parser stopped: " + YamlErrors.clean(e.getMessage()),
                    "check the file is the YAML inventory");
            return Optional.empty();
        }
    }

    private Node value(JsonParser p, JsonToken t, String path, int depth) throws IOException {
        Location at = at(p);
        if (t == null) { // the parser reports a cut-off document itself; never switch on null
            return new Node.ScalarNode(path, at, Node.ScalarNode.Kind.NULL, "");
        }
        if (depth > MAX_DEPTH && (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY)) {
            problems.add(at, path, "values nest deeper than " + MAX_DEPTH + " levels",
                    "an inventory is a few levels deep: check the indentation and brackets");
            p.skipChildren();
            return new Node.ScalarNode(path, at, Node.ScalarNode.Kind.INVALID, "(nested too deep)");
        }
        return switch (t) {
            case START_OBJECT -> mapping(p, path, at, depth);
            case START_ARRAY -> list(p, path, at, depth);
            default -> scalar(p, t, path, at);
        };
    }

    private Node mapping(JsonParser p, String path, Location at, int depth) throws IOException {
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT && t != null; t = p.nextToken()) {
            String key = p.currentName();
            Location keyAt = at(p);
            String childPath = Node.child(path, key);
            Node child = value(p, p.nextToken(), childPath, depth + 1);
            Node.Entry first = entries.get(key);
            if (first != null) {
                // Jackson would silently keep the last one; a lab file with two `devices:` is a mistake
                problems.add(keyAt, childPath, "duplicate key '" + key + "' (first at line " + first.keyAt().line() + ")",
                        "keep one '" + key + "' and merge what is under the two");
            } else {
                entries.put(key, new Node.Entry(key, keyAt, child));
            }
        }
        return new Node.MapNode(path, at, entries);
    }

    private Node list(JsonParser p, String path, Location at, int depth) throws IOException {
        List<Node> items = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
            items.add(value(p, t, Node.item(path, items.size()), depth + 1));
        }
        return new Node.ListNode(path, at, List.copyOf(items));
    }

    private Node scalar(JsonParser p, JsonToken t, String path, Location at) throws IOException {
        String text = p.getText();
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            // Jackson hands an alias over as its anchor's name: taking that as the value would be wrong
            problems.add(at, path, "YAML aliases (*" + text + ") are not supported",
                    "write the value out in full instead of referring to an anchor");
            return new Node.ScalarNode(path, at, Node.ScalarNode.Kind.INVALID, "*" + text);
        }
        Node.ScalarNode.Kind kind = switch (t) {
            case VALUE_STRING -> Node.ScalarNode.Kind.STRING;
            case VALUE_NUMBER_INT -> Node.ScalarNode.Kind.INTEGER;
            case VALUE_NUMBER_FLOAT -> Node.ScalarNode.Kind.FLOAT;
            case VALUE_TRUE, VALUE_FALSE -> Node.ScalarNode.Kind.BOOLEAN;
            case VALUE_NULL -> Node.ScalarNode.Kind.NULL;
            default -> Node.ScalarNode.Kind.OTHER; // e.g. !!binary
        };
        return new Node.ScalarNode(path, at, kind, text == null ? "" : text);
    }

    private static Location at(JsonParser p) {
        JsonLocation l = p.currentTokenLocation();
        return new Location(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }
}
