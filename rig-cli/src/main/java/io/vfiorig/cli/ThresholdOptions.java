package io.vfiorig.cli;

import io.vfiorig.controller.inventory.InventoryException;
import io.vfiorig.controller.inventory.InventoryLoader;
import io.vfiorig.controller.inventory.Thresholds;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --inventory FILE}: where comparisons take their thresholds from (shared by compare, regressions, bisect). */
final class ThresholdOptions {
    @Option(names = "--inventory", paramLabel = "FILE",
            description = "Take thresholds from this inventory.yaml (default: 10%% shift at 95%% confidence for every metric).")
    Path inventory;

    Thresholds thresholds() {
        if (inventory == null) {
            return Thresholds.DEFAULT;
        }
        try {
            return InventoryLoader.load(inventory).thresholds();
        } catch (InventoryException e) {
            throw new IllegalArgumentException("the inventory has problems (run rig inventory check " + inventory + "):\n"
                    + e.getMessage());
        }
    }
}
