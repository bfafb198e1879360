package io.vfiorig.agent.vm;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

public class BzImageHeaderTest {
    /** A setup header as the kernel's build writes it: HdrS at 0x202, protocol, kernel_version pointer. */
    static byte[] fakeImage(String version) {
        ByteBuffer b = ByteBuffer.allocate(0x4000).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x202, 0x53726448).putShort(0x206, (short) 0x020f).putShort(0x20E, (short) 0x3000);
        b.put(0x200 + 0x3000, (version + "\0").getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    @Test
    public void readsTheVersionStringThroughTheSetupHeaderPointer() throws Exception {
        Path f = Files.createTempFile("bzImage", "");
        Files.write(f, fakeImage("7.3.4+deb13-amd64 (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC Debian 7.3.4-1~bpo13+1"));
        assertEquals(BzImageHeader.release(f), "7.3.4+deb13-amd64");
        assertTrue(BzImageHeader.versionString(f).endsWith("Debian 7.3.4-1~bpo13+1"));
    }

    @Test
    public void sharedGuestKernelSaysItIs734() throws Exception {
        Path k = TestKernels.requireSharedKernel();
        assertEquals(BzImageHeader.release(k), "7.3.4");
        assertTrue(BzImageHeader.versionString(k).contains("SMP PREEMPT_DYNAMIC"), BzImageHeader.versionString(k));
        assertEquals(GuestKernel.fromBzImage(k).release(), "7.3.4");
    }

    @Test
    public void refusesWhatIsNotABzImage() throws Exception {
        Path f = Files.createTempFile("vmlinux", "");
        Files.write(f, new byte[0x1000]);
        IOException e = org.testng.Assert.expectThrows(IOException.class, () -> BzImageHeader.release(f));
        assertTrue(e.getMessage().contains("HdrS"), e.getMessage());
        assertThrows(GuestSetupException.class, () -> GuestKernel.fromBzImage(f));
        GuestSetupException missing = org.testng.Assert.expectThrows(GuestSetupException.class,
                () -> GuestKernel.fromBzImage(f.resolveSibling("no-such-bzImage")));
        assertEquals(missing.failure().kind(), GuestFailure.KERNEL_MISSING);
    }
}
