package io.vfiorig.agent.vm.guest;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.access.DeviceAccess;
import io.vfiorig.agent.probe.ProbeSupervisor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.testng.annotations.Test;

public class GuestPayloadTest {
    @Test
    public void theProbeGetsTheHostProbesFlagsAndWritesIntoTheResultsShare() {
        String s = GuestPayload.script("smoke", "vfio:0000:01:00.0;vfio:0000:01:00.0,api=group",
                Map.of("rig.duration.scale", "0.5"), 384);
        assertTrue(s.contains("--enable-native-access=ALL-UNNAMED"), s);
        assertTrue(s.contains("'" + DeviceAccess.COMPILE_COMMAND + "'"), "device accesses never inlined: " + s);
        assertTrue(s.contains("'-XX:ErrorFile=/rig/out/hs_err_pid%p.log'"), s);
        assertTrue(s.contains(ProbeSupervisor.PROBE_MAIN), s);
        assertTrue(s.contains("--events \\\n  '/rig/out/events.jsonl'"), s);
        assertTrue(s.contains("'-Drig.duration.scale=0.5'"), s);
    }

    /** The script is run by a real sh: each argument must arrive intact, quotes and ';' included. */
    @Test
    public void argumentsSurviveTheShell() throws Exception {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("rig.pattern", "it's;$HOME `x`");
        String script = GuestPayload.script("smoke", "vfio:0000:01:00.0;vfio:0000:01:00.0,api=group", props, 384);
        Path dir = Files.createTempDirectory("payload");
        Path fakeJava = Files.createDirectories(dir.resolve("bin")).resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\nfor a in \"$@\"; do echo \"[$a]\"; done\n");
        fakeJava.toFile().setExecutable(true);
        Process q = run(script, dir);
        String args = new String(q.getInputStream().readAllBytes());
        assertEquals(q.waitFor(), 0, args);
        assertTrue(args.contains("[-Drig.pattern=it's;$HOME `x`]\n"), args);
        assertTrue(args.contains("[vfio:0000:01:00.0;vfio:0000:01:00.0,api=group]\n"), args);
        assertTrue(args.contains("[/staged/a.jar:/staged/b]\n"), "class path from the environment: " + args);
    }

    private static Process run(String script, Path javaHome) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put(GuestPayload.CLASSPATH_ENV, "/staged/a.jar:/staged/b");
        return pb.start();
    }
}
