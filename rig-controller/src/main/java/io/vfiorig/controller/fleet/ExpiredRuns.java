package io.vfiorig.controller.fleet;

import io.vfiorig.agent.result.Environment;
import io.vfiorig.agent.result.InfraError;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.controller.store.ResultConflictException;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.controller.store.RunEnd;
import io.vfiorig.controller.store.RunHeader;
import java.time.Instant;
import java.util.List;

/**
 * Records in the result store that a run ended with an infrastructure error the agent could not
 * report itself (its lease expired, an operator released it). The run's results stored so far
 * stay; a run with none gets a row from its order, so the night's report shows it.
 */
final class ExpiredRuns {
    static final String STATUS = "infrastructure-error";
    private static final System.Logger LOG = System.getLogger(ExpiredRuns.class.getName());

    private final ResultStore store;

    ExpiredRuns(ResultStore store) {
        this.store = store;
    }

    /**
     * @param kind  the infrastructure error's kind ({@code lease-expired}, {@code lease-released})
     * @param agent the session facts of the order's host (kernel, rig version), when known
     */
    void record(Order order, Bookable first, long grantedMs, Instant now, String kind, String detail,
            String kernel, String rigVersion) {
        RunEnd end = new RunEnd(now.toString(), STATUS, 2, List.of(new InfraError(kind, detail, "", "")));
        try {
            if (store.run(order.host(), order.runId()).isPresent()) {
                store.finishRun(order.host(), order.runId(), end);
            } else {
                Environment env = new Environment(order.host(), orUnknown(kernel), "", "", 0, "", orUnknown(rigVersion));
                RunHeader header = new RunHeader(RunResults.SCHEMA_VERSION, order.suite(), String.join(";", order.devices()),
                        first.backend(), first.deviceModel(), null, null, Instant.ofEpochMilli(grantedMs).toString(), env);
                store.finishRun(order.host(), order.runId(), header, end);
            }
        } catch (ResultConflictException e) {
            // The agent's own end of the run reached the store first: that one stands.
            LOG.log(System.Logger.Level.INFO, "run " + order.runId() + " already ended in the store: " + e.getMessage());
        }
    }

    private static String orUnknown(String s) {
        return s == null || s.isBlank() ? "unknown" : s;
    }
}
