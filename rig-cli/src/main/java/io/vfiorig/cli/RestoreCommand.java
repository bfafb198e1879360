package io.vfiorig.cli;

import io.vfiorig.agent.device.bind.BindJournal;
import io.vfiorig.agent.device.bind.JournalException;
import io.vfiorig.agent.device.bind.RestoreOutcome;
import io.vfiorig.agent.device.bind.SafeBinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rig restore}: put journaled devices back on their own drivers. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Put every device a rig bound to vfio-pci back on the driver (and driver_override) it had,",
            "from the binding journal. Needed after a rig was killed (SIGKILL, OOM) mid-run; a normal exit or",
            "SIGTERM restores by itself, and the next rig run --bind restores leftovers first.",
            "Exit code: 0 everything restored (or nothing to do), 2 some device could not be restored (reason printed)."},
        footer = {"", "See docs/binding.md for the journal format and the binding state machine."})
final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--state", paramLabel = "FILE", defaultValue = "/run/vfio-rig/bindings",
            description = "The binding journal. Default: ${DEFAULT-VALUE}.")
    Path state = BindJournal.DEFAULT;

    @Option(names = "--even-if-running", description = "Also restore devices of a rig that still runs (it will lose its device).")
    boolean evenIfRunning;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(state)) {
            spec.commandLine().getOut().println("nothing to restore: no journal at " + state);
            return Rig.OK;
        }
        List<RestoreOutcome> outcomes;
        try {
            outcomes = SafeBinder.forHost(state).restoreAll(evenIfRunning);
        } catch (JournalException e) {
            spec.commandLine().getErr().println("rig restore: " + e.getMessage());
            return Rig.USAGE_OR_INFRA;
        }
        for (RestoreOutcome o : outcomes) {
            (o.restored() ? spec.commandLine().getOut() : spec.commandLine().getErr()).println((o.restored() ? "restored " : "NOT restored ") + o);
        }
        return outcomes.stream().allMatch(RestoreOutcome::restored) ? Rig.OK : Rig.USAGE_OR_INFRA;
    }
}
