package io.vfiorig.agent.access;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * Every device access form, C2-compiled, survives SIGBUS: checked in a child JVM (so a crash
 * fails this test instead of killing the test runner), once with the probe's no-inline flag and
 * once relying only on the directive DeviceAccess installs itself.
 */
public class DeviceAccessC2Test {
    private static final Pattern C2_LINE = Pattern.compile(
            "^\\s*\\d+\\s+\\d+\\s+[%sbn! ]*4\\s+io\\.vfiorig\\.agent\\.access\\.DeviceAccess::(\\w+)", Pattern.MULTILINE);

    @DataProvider
    public Object[][] modes() {
        return new Object[][] {{"with-compile-command"}, {"runtime-directive-only"}};
    }

    @Test(dataProvider = "modes")
    public void everyAccessFormSurvivesSigbusWhenC2Compiled(String mode) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-XX:+PrintCompilation");
        cmd.add("-XX:-CreateCoredumpOnCrash");
        if (mode.equals("with-compile-command")) {
            cmd.add(DeviceAccess.COMPILE_COMMAND);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(DeviceAccessC2Check.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM hung");
        assertEquals(p.exitValue(), 0, "child JVM crashed or failed:\n" + tail(out));
        List<String> compiled = new ArrayList<>();
        Matcher m = C2_LINE.matcher(out);
        while (m.find()) {
            compiled.add(m.group(1));
        }
        for (String method : List.of("read32", "read8", "write32")) {
            assertTrue(compiled.contains(method), "DeviceAccess::" + method + " was not C2-compiled; C2 saw " + compiled);
        }
        assertTrue(out.contains("CAUGHT read32=1000 read8=1000 write32=1000 directive=true"), tail(out));
    }

    private static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }
}
