package io.vfiorig.controller.inventory;

import java.util.List;
import java.util.Map;

/**
 * A YAML value with the place it came from. The loader binds these rather than Jackson's tree
 * because every problem must point at a line and column, which a plain {@code JsonNode} forgets.
 */
sealed interface Node permits Node.MapNode, Node.ListNode, Node.ScalarNode {
    /** Where the value sits in the document, e.g. {@code hosts[0].devices[1].bdf}; "" for the top. */
    String path();

    Location at();

    /** How a problem names what was found instead, e.g. "a list" or "a number (42)". */
    String describe();

    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** One key of a mapping: where the key is written, and its value. */
    record Entry(String key, Location keyAt, Node value) {}

    /** A mapping, keys in file order. */
    record MapNode(String path, Location at, Map<String, Entry> entries) implements Node {
        public String describe() {
            return "a mapping (key: value lines)";
        }
    }

    record ListNode(String path, Location at, List<Node> items) implements Node {
        public String describe() {
            return "a list";
        }
    }

    /** A scalar as the YAML parser typed it; {@code text} is the source text, quotes removed. */
    record ScalarNode(String path, Location at, Kind kind, String text) implements Node {
        /** INVALID: a value the tree reader already reported (an alias, too deep); binders stay quiet about it. */
        enum Kind { STRING, INTEGER, FLOAT, BOOLEAN, NULL, OTHER, INVALID }

        public String describe() {
            return switch (kind) {
                case STRING -> text.isEmpty() ? "nothing (an empty value)" : "a string ('" + Values.shorten(text) + "')";
                case INTEGER, FLOAT -> "a number (" + Values.shorten(text) + ")";
                case BOOLEAN -> "true/false (" + text + ")";
                case NULL -> "nothing (null)";
                case OTHER, INVALID -> "a value of an unsupported kind ('" + Values.shorten(text) + "')";
            };
        }
    }
}
