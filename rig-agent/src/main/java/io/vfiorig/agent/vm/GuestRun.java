package io.vfiorig.agent.vm;

import io.vfiorig.agent.result.InfraError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a guest run produced. {@link #failure()} present means an infrastructure problem (no
 * result to judge); otherwise {@link #exitCode()} is the payload's own exit status.
 *
 * @param kernelRelease the guest kernel's release
 * @param bdfs          guest PCI addresses of the requested devices, in request order
 * @param exitCode      the payload's exit status, when it finished
 * @param workDir       the run's host folder
 * @param consoleLog    the guest's serial console
 * @param resultsDir    the results share: payload.stdout, payload.stderr, exit-code, bind.txt, guest-times, and what the payload wrote
 * @param bootToInit    QEMU start to /init's first console line (host wall clock)
 * @param total         the whole run, initramfs build included
 * @param guestTimes    guest uptime (s) at each /init step: init, modules, mounts, bound, payload-start, payload-end
 * @param failure       why there is no result, if there is none
 */
public record GuestRun(String kernelRelease, List<String> bdfs, OptionalInt exitCode, Path workDir, Path consoleLog,
        Path resultsDir, Optional<Duration> bootToInit, Duration total, Map<String, Double> guestTimes,
        Optional<GuestFailure> failure) {

    /** The guest ran the payload to completion (whatever its exit status). */
    public boolean completed() {
        return failure.isEmpty() && exitCode.isPresent();
    }

    public String stdout() throws IOException {
        return read("payload.stdout");
    }

    public String stderr() throws IOException {
        return read("payload.stderr");
    }

    /** /init's binding report: one "BDF VENDOR:DEVICE DRIVER" line per device. */
    public String bindReport() throws IOException {
        return read("bind.txt");
    }

    public String console() throws IOException {
        return Files.exists(consoleLog) ? Files.readString(consoleLog, StandardCharsets.UTF_8) : "";
    }

    public Optional<InfraError> infraError() {
        return failure.map(f -> f.toInfraError(consoleLog.toString(), ""));
    }

    /** One line for logs. */
    public String summary() {
        String boot = bootToInit.map(d -> String.format("init after %.1f s, ", d.toMillis() / 1000.0)).orElse("");
        return "guest " + kernelRelease + ": " + failure.map(GuestFailure::describe)
                .orElse(boot + "payload exit " + exitCode.orElse(-1)) + String.format(" (%.1f s total)", total.toMillis() / 1000.0);
    }

    private String read(String name) throws IOException {
        Path p = resultsDir.resolve(name);
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }
}
