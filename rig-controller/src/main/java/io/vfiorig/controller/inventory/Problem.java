package io.vfiorig.controller.inventory;

/**
 * One thing wrong with an inventory file, said the way a compiler says it:
 * {@code inventory.yaml:12:5: hosts[0].devices[1].bdf: '3b:00.0' is not a PCI address — fix: write it as DDDD:BB:DD.F, e.g. 0000:3b:00.0}.
 *
 * @param file    the file as the user named it
 * @param line    1-based line; 0 when the problem has no position (the file could not be read)
 * @param column  1-based column; 0 when unknown
 * @param path    where in the document, e.g. {@code hosts[0].devices[1].bdf}; empty for the whole file
 * @param message what is wrong
 * @param fix     what to write instead
 */
public record Problem(String file, int line, int column, String path, String message, String fix) {
    /** The one-line form shown to users. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        b.append(": ").append(path.isEmpty() ? "(top level)" : path).append(": ").append(message);
        return b.append(" — fix: ").append(fix).toString();
    }
}
