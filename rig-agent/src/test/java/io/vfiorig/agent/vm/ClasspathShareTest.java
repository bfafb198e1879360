package io.vfiorig.agent.vm;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testng.annotations.Test;

public class ClasspathShareTest {
    @Test
    public void stagesJarsAndFoldersInClassPathOrder() throws Exception {
        Path host = Files.createTempDirectory("rig-cp-host");
        Path jar = Files.writeString(host.resolve("lib.jar"), "jar bytes");
        Path classes = host.resolve("classes");
        Files.createDirectories(classes.resolve("io/x"));
        Files.writeString(classes.resolve("io/x/A.class"), "class bytes");
        Path stage = Files.createTempDirectory("rig-cp-stage");
        Files.writeString(stage.resolve("stale.jar"), "from an earlier run");

        ClasspathShare cp = ClasspathShare.stage(List.of(classes, host.resolve("missing.jar"), jar), stage);
        assertEquals(cp.guestClassPath(), "/rig/cp/00-classes:/rig/cp/01-lib.jar");
        assertEquals(cp.share(), Share.readOnly("rigcp", stage, "/rig/cp"));
        assertEquals(Files.readString(stage.resolve("00-classes/io/x/A.class")), "class bytes");
        assertEquals(Files.readString(stage.resolve("01-lib.jar")), "jar bytes");
        assertTrue(Files.notExists(stage.resolve("stale.jar")), "the stage folder is refilled, not added to");
    }
}
