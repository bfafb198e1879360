package io.vfiorig.vfio.ffm;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotSame;
import static org.testng.Assert.assertTrue;

import org.testng.annotations.Test;

/** Message format and the fix hint. */
public class NativeCallExceptionTest {

    private static NativeCallException sample() {
        return new NativeCallException("ioctl", "fd=5, VFIO_DEVICE_GET_REGION_INFO 0x3b6c, 0x7f00[32 B]",
                Errno.EINVAL, "Invalid argument");
    }

    @Test
    public void messageNamesCallArgumentsErrnoAndStrerror() {
        NativeCallException e = sample();
        assertEquals(e.getMessage(),
                "ioctl(fd=5, VFIO_DEVICE_GET_REGION_INFO 0x3b6c, 0x7f00[32 B]) failed: EINVAL (Invalid argument)");
        assertEquals(e.call(), "ioctl");
        assertEquals(e.errno(), 22);
        assertEquals(e.errnoName(), "EINVAL");
        assertEquals(e.strerror(), "Invalid argument");
        assertTrue(e.hint().isEmpty());
    }

    @Test
    public void withHintAppendsTheFixAndKeepsTheRest() {
        NativeCallException e = sample();
        NativeCallException hinted = e.withHint("bind 0000:01:00.0 to vfio-pci");
        assertNotSame(hinted, e);
        assertEquals(hinted.getMessage(), e.getMessage() + " — fix: bind 0000:01:00.0 to vfio-pci");
        assertEquals(hinted.errno(), e.errno());
        assertEquals(hinted.call(), e.call());
        assertEquals(hinted.arguments(), e.arguments());
        assertEquals(hinted.hint().orElseThrow(), "bind 0000:01:00.0 to vfio-pci");
        assertEquals(hinted.getStackTrace(), e.getStackTrace());
        assertTrue(e.hint().isEmpty(), "the original is unchanged");
    }

    @Test
    public void unknownErrnoStillRenders() {
        NativeCallException e = new NativeCallException("close", "fd=3", 200, "Unknown error 200");
        assertEquals(e.getMessage(), "close(fd=3) failed: errno 200 (Unknown error 200)");
    }
}
