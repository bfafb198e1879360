package io.vfiorig.agent.vm.guest;

import io.vfiorig.agent.probe.HsErrFile;
import io.vfiorig.agent.result.InfraError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Names why a guest probe that did run ended without finishing its suite: an hs_err file's
 * headline (a JVM crash, seen under TCG about once in 160 starts), else the tail of its stderr.
 */
final class GuestProbeFailure {
    private GuestProbeFailure() {}

    static InfraError describe(Path resultsDir, int exit, String running) {
        String during = running.isEmpty() ? "" : " during " + running;
        Optional<Path> hsErr = HsErrFile.find(resultsDir);
        if (hsErr.isPresent()) {
            return new InfraError("vm-probe-crash", "the guest's probe JVM crashed" + during + ": "
                    + HsErrFile.headline(hsErr.get())
                    + " (exit code " + exit + ")", hsErr.get().toString(), running);
        }
        Path stderr = resultsDir.resolve("payload.stderr");
        return new InfraError("vm-probe-exit", "the guest's probe JVM ended" + during + " without finishing the suite"
                + " (exit code " + exit + "): " + tail(stderr), stderr.toString(), running);
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "no stderr" : String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "no stderr";
        }
    }
}
