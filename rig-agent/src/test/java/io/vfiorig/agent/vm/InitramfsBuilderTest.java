package io.vfiorig.agent.vm;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.testng.annotations.Test;

public class InitramfsBuilderTest {
    static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    static GuestInit init() {
        return new GuestInit(List.of(Share.samePathReadOnly("jdk", JAVA_HOME), Share.writable("rigout", Path.of("/tmp/out"), GuestInit.OUT)),
                List.of("0000:01:00.0"), Map.of("JAVA_HOME", JAVA_HOME.toString(), "ODD", "it's $HOME"), "echo hi\n");
    }

    static Map<String, CpioEntries.Entry> build(GuestKernel kernel) throws Exception {
        Path out = Files.createTempDirectory("rig-initramfs").resolve("initramfs.cpio.gz");
        InitramfsBuilder.Initramfs i = InitramfsBuilder.build(kernel, JAVA_HOME, init(), out);
        assertEquals(i.bytes(), Files.size(out));
        return CpioEntries.read(out).stream().collect(Collectors.toMap(CpioEntries.Entry::name, Function.identity()));
    }

    @Test
    public void builtInKernelGetsBusyboxLibsInitAndRunFiles() throws Exception {
        Map<String, CpioEntries.Entry> e = build(new GuestKernel(Path.of("/nonexistent/bzImage"), Optional.empty(), "7.3.4", "test"));
        assertTrue(e.get("init").isFile());
        assertEquals(e.get("init").mode() & 0777, 0755);
        String init = e.get("init").text();
        assertTrue(init.startsWith("#!/bin/sh"));
        assertTrue(init.contains("OUT=/rig/out") && init.contains("rig-init: $*"), "placeholders filled");
        assertFalse(init.contains("@OUT@") || init.contains("@MARKER@"));
        assertTrue(e.get("bin/busybox").isFile());
        assertTrue(e.get("bin/busybox").size() > 500_000, "the static binary itself, not a link");
        assertTrue(e.get("bin/sh").isSymlink());
        assertTrue(e.get("dev/console").isCharDevice());
        assertEquals(e.get("dev/console").rdevMajor(), 5);
        assertTrue(e.keySet().stream().anyMatch(n -> n.matches("lib(64)?/.*ld-linux-x86-64\\.so\\.2")), e.keySet().toString());
        assertTrue(e.keySet().stream().anyMatch(n -> n.endsWith("/libc.so.6")), e.keySet().toString());
        assertTrue(e.keySet().stream().noneMatch(n -> n.contains("jvm")), "the JDK comes over 9p, not in the initramfs");
        assertEquals(e.get("rig/modules").size(), 0);
        assertEquals(e.get("rig/bdfs").text(), "0000:01:00.0\n");
        assertEquals(e.get("rig/mounts").text(), "jdk " + JAVA_HOME + " ro\nrigout /rig/out rw\n");
        assertTrue(e.get("rig/env.sh").text().contains("export ODD='it'\\''s $HOME'\n"), e.get("rig/env.sh").text());
        assertEquals(e.get("rig/payload.sh").text(), "echo hi\n");
    }

    @Test
    public void modularKernelGetsItsModulesDecompressedInLoadOrder() throws Exception {
        Path mods = KernelModulesTest.fakeModulesDir();
        Map<String, CpioEntries.Entry> e = build(new GuestKernel(Path.of("/nonexistent"), Optional.of(mods), "7.3.4+deb13-amd64", "test"));
        String dir = "/lib/modules/7.3.4+deb13-amd64/rig/";
        List<String> order = e.get("rig/modules").text().lines().toList();
        assertEquals(order.getFirst(), dir + "vfio.ko");
        assertEquals(order.getLast(), dir + "9p.ko");
        assertEquals(order.size(), 9);
        CpioEntries.Entry ninep = e.get(dir.substring(1) + "9p.ko");
        assertEquals(KernelModules.depends(ninep.body()), List.of("9pnet", "netfs"), "stored decompressed");
        assertFalse(e.containsKey(dir.substring(1) + "unrelated.ko"));
    }

    @Test
    public void refusesAResultsShareThatIsNotWritable() {
        org.testng.Assert.assertThrows(IllegalArgumentException.class, () -> new GuestInit(
                List.of(Share.readOnly("rigout", Path.of("/tmp"), GuestInit.OUT)), List.of(), Map.of(), ""));
        org.testng.Assert.assertThrows(IllegalArgumentException.class, () -> new GuestInit(
                List.of(Share.writable("rigout", Path.of("/tmp"), GuestInit.OUT)), List.of("01:00.0"), Map.of(), ""));
    }
}
