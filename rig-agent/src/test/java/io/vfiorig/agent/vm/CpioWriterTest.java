package io.vfiorig.agent.vm;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testng.annotations.Test;

public class CpioWriterTest {
    static byte[] sample() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CpioWriter w = new CpioWriter(bytes)) {
            w.file("/a/b/c.txt", 0644, "hello".getBytes(StandardCharsets.UTF_8));
            w.symlink("/a/link", "b/c.txt");
            w.charDevice("dev/console", 0600, 5, 1);
            w.dir("a/b"); // already there: no second entry
            w.file("empty", 0600, new byte[0]);
        }
        return bytes.toByteArray();
    }

    @Test
    public void roundTripsParentsFilesLinksAndDevices() throws Exception {
        byte[] archive = sample();
        assertEquals(archive.length % 4, 0, "newc pads to 4 bytes");
        List<CpioEntries.Entry> e = CpioEntries.read(new ByteArrayInputStream(archive));
        assertEquals(e.stream().map(CpioEntries.Entry::name).toList(), List.of("a", "a/b", "a/b/c.txt", "a/link", "dev", "dev/console", "empty"));
        assertTrue(e.get(0).isDirectory());
        assertEquals(e.get(2).text(), "hello");
        assertEquals(e.get(2).mode() & 07777, 0644);
        assertTrue(e.get(3).isSymlink());
        assertEquals(e.get(3).text(), "b/c.txt");
        assertTrue(e.get(5).isCharDevice());
        assertEquals(e.get(5).rdevMajor(), 5);
        assertEquals(e.get(5).rdevMinor(), 1);
        assertEquals(e.get(6).size(), 0);
    }

    /** The real cpio tool must read what we write: the kernel's unpacker follows the same format. */
    @Test
    public void gnuCpioListsTheSameEntries() throws Exception {
        Path cpio = HostTools.require("cpio", "cpio");
        Path f = Files.createTempFile("rig", ".cpio");
        Files.write(f, sample());
        Process p = new ProcessBuilder(cpio.toString(), "-it", "--quiet").redirectInput(f.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(p.waitFor(), 0, out);
        assertEquals(out.lines().toList(), List.of("a", "a/b", "a/b/c.txt", "a/link", "dev", "dev/console", "empty"));
    }
}
