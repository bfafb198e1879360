package io.vfiorig.cli;

import io.vfiorig.controller.inventory.Inventory;
import io.vfiorig.controller.inventory.InventoryException;
import io.vfiorig.controller.inventory.InventoryLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** Loads the inventory a command was given; when it is invalid, prints every problem and what that means for the command. */
final class InventoryFile {
    private InventoryFile() {}

    /** @param consequence the command's last line when the inventory is invalid, e.g. "rig controller: not starting ..." */
    static Optional<Inventory> load(Path file, PrintWriter err, String consequence) {
        try {
            return Optional.of(InventoryLoader.load(file));
        } catch (InventoryException e) {
            err.println(e.getMessage());
            err.println(consequence);
            return Optional.empty();
        }
    }
}
