package io.vfiorig.controller.inventory;

/**
 * A position in the inventory file as an editor shows it.
 *
 * @param line   1-based line, 0 when there is no position (e.g. the file cannot be read)
 * @param column 1-based column, 0 when unknown
 */
record Location(int line, int column) {
    static final Location NONE = new Location(0, 0);
    static final Location START = new Location(1, 1);
}
