package io.vfiorig.agent.vm;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.testng.annotations.Test;

public class PackagedKernelsTest {
    static final List<String> TRIXIE_BACKPORTS = List.of("linux-binary-7.2.12+deb13-amd64", "linux-binary-7.3.4+deb13-amd64",
            "linux-binary-7.3.4+deb13-cloud-amd64", "linux-binary-7.3.4+deb13-rt-amd64", "linux-binary-unsigned-7.3.4+deb13-amd64",
            "linux-image-7.3.4+deb13-amd64", "linux-image-7.3.4+deb13-amd64-dbg", "linux-modules-7.3.4+deb13-amd64",
            "linux-binary-7.3.10+deb13-amd64", "linux-image-6.19.14+deb13-amd64", "linux-headers-7.3.4+deb13-amd64");

    @Test
    public void picksTheNewestSplitPackageOfTheSeries() {
        PackagedKernels.Candidate c = PackagedKernels.newest(TRIXIE_BACKPORTS, "7.3").orElseThrow();
        assertEquals(c.abi(), "7.3.10+deb13", "numeric, not string, order");
        assertTrue(c.split());
        assertEquals(c.packages(), List.of("linux-binary-7.3.10+deb13-amd64", "linux-modules-7.3.10+deb13-amd64"));
        assertEquals(PackagedKernels.newest(TRIXIE_BACKPORTS, "7.3.4").orElseThrow().release(), "7.3.4+deb13-amd64");
        assertEquals(PackagedKernels.newest(TRIXIE_BACKPORTS, "7.3.4+deb13-amd64").orElseThrow().abi(), "7.3.4+deb13");
        assertEquals(PackagedKernels.newest(TRIXIE_BACKPORTS, "7").orElseThrow().abi(), "7.3.10+deb13");
        assertEquals(PackagedKernels.newest(TRIXIE_BACKPORTS, "7.1"), Optional.empty());
    }

    @Test
    public void olderKernelsAreOneLinuxImagePackage() {
        PackagedKernels.Candidate c = PackagedKernels.newest(List.of("linux-image-6.1.0-39-amd64", "linux-image-6.1.0-40-amd64",
                "linux-image-6.1.0-40-cloud-amd64", "linux-image-6.12.57+deb13-amd64"), "6.1").orElseThrow();
        assertEquals(c.release(), "6.1.0-40-amd64");
        assertFalse(c.split());
        assertEquals(c.packages(), List.of("linux-image-6.1.0-40-amd64"));
    }

    @Test
    public void suitesFollowTheSeries() {
        assertEquals(PackagedKernels.suitesFor("7.3"), List.of("trixie-backports"));
        assertEquals(PackagedKernels.suitesFor("6.16"), List.of("trixie-backports"));
        assertEquals(PackagedKernels.suitesFor("6.12.118"), List.of("trixie-security", "trixie"));
        assertEquals(PackagedKernels.suitesFor("6.1"), List.of("bookworm-security", "bookworm"));
        assertEquals(PackagedKernels.suitesFor("6.1.0-40"), List.of("bookworm-security", "bookworm"));
    }

    @Test
    public void versionOrderIsNumeric() {
        assertTrue(PackagedKernels.compareVersions("7.3.10+deb13", "7.3.4+deb13") > 0);
        assertTrue(PackagedKernels.compareVersions("6.1.0-9", "6.1.0-40") < 0);
        assertTrue(PackagedKernels.matches("6.1.0-40", "6.1"));
        assertFalse(PackagedKernels.matches("6.12.57+deb13", "6.1"));
    }

    @Test
    public void mirrorComesFromTheMachinesSources() throws Exception {
        Path etc = Files.createTempDirectory("etc-apt");
        Files.createDirectories(etc.resolve("sources.list.d"));
        Files.writeString(etc.resolve("sources.list.d/debian.sources"), """
                Types: deb
                # http://snapshot.debian.org/archive/debian/20250520T000000Z
                URIs: http://mirror.lab.example/debian/
                Suites: bookworm bookworm-updates
                Components: main
                Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

                Types: deb
                URIs: http://mirror.lab.example/debian-security
                Suites: bookworm-security
                Components: main
                Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
                """);
        AptSources s = AptSources.fromDir(etc);
        assertEquals(s.main(), "http://mirror.lab.example/debian");
        assertEquals(s.uriFor("trixie-backports"), "http://mirror.lab.example/debian");
        assertEquals(s.uriFor("trixie-security"), "http://mirror.lab.example/debian-security");
        assertEquals(s.signedBy(), Optional.of("/usr/share/keyrings/debian-archive-keyring.gpg"));
    }

    @Test
    public void oneLineSourcesListToo() throws Exception {
        Path etc = Files.createTempDirectory("etc-apt");
        Files.writeString(etc.resolve("sources.list"), """
                # deb http://commented.example/debian bookworm main
                deb-src http://src.example/debian bookworm main
                deb [arch=amd64 signed-by=/etc/apt/keyrings/d.gpg] http://proxy.lab:3142/debian bookworm main
                deb http://proxy.lab:3142/debian-security bookworm-security main
                """);
        AptSources s = AptSources.fromDir(etc);
        assertEquals(s.main(), "http://proxy.lab:3142/debian");
        assertEquals(s.security(), Optional.of("http://proxy.lab:3142/debian-security"));
        assertEquals(s.signedBy(), Optional.of("/etc/apt/keyrings/d.gpg"));
    }
}
