package io.vfiorig.agent.vm.guest;

import io.vfiorig.agent.access.DeviceAccess;
import io.vfiorig.agent.probe.ProbeSupervisor;
import io.vfiorig.agent.vm.GuestInit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The guest's payload script: the probe JVM with the same flags the host's {@link ProbeSupervisor}
 * gives it, writing events.jsonl and crash files into the results share.
 */
public final class GuestPayload {
    public static final String EVENTS = "events.jsonl";
    /** Guest environment variable holding the staged class path. */
    public static final String CLASSPATH_ENV = "RIG_CP";

    private GuestPayload() {}

    /**
     * @param suite      suite name
     * @param devices    the probe's {@code --devices} value (guest vfio specs)
     * @param properties {@code -D} properties for the probe
     * @param heapMiB    the probe's -Xmx
     */
    public static String script(String suite, String devices, Map<String, String> properties, int heapMiB) {
        List<String> cmd = new ArrayList<>();
        cmd.add("\"$JAVA_HOME/bin/java\"");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add(quote(DeviceAccess.COMPILE_COMMAND));
        cmd.add("-XX:CompileCommand=quiet");
        cmd.add(quote("-XX:ErrorFile=" + GuestInit.OUT + "/hs_err_pid%p.log"));
        cmd.add("-XX:-CreateCoredumpOnCrash");
        cmd.add("-Xmx" + heapMiB + "m");
        for (Map.Entry<String, String> p : properties.entrySet()) {
            cmd.add(quote("-D" + p.getKey() + "=" + p.getValue()));
        }
        cmd.add("-cp");
        cmd.add("\"$" + CLASSPATH_ENV + "\"");
        cmd.add(ProbeSupervisor.PROBE_MAIN);
        cmd.add("--suite");
        cmd.add(quote(suite));
        cmd.add("--devices");
        cmd.add(quote(devices));
        cmd.add("--events");
        cmd.add(quote(GuestInit.OUT + "/" + EVENTS));
        return "# the probe JVM, as ProbeSupervisor starts it on a host\n"
                + String.join(" \\\n  ", cmd) + "\n";
    }

    /** Single quotes for busybox sh: nothing inside is expanded. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
