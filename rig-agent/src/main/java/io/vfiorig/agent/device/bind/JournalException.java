package io.vfiorig.agent.device.bind;

import java.io.IOException;
import java.nio.file.Path;

/** A binding journal the rig cannot read; names the file, the line and how to fix it. */
public final class JournalException extends IOException {
    public JournalException(Path file, int line, String what) {
        super(file + ":" + line + ": " + what + "; fix: put the device back by hand (echo its driver to"
                + " /sys/bus/pci/devices/BDF/driver_override, then echo BDF > /sys/bus/pci/drivers_probe)"
                + " and delete the line");
    }
}
