package io.vfiorig.agent.kernel;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.vfiorig.vfio.ffm.Libc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.testng.annotations.Test;

/** The on-demand D-state thread the watchdog's evidence is proven on. */
public class KernelHangTest {
    @Test(timeOut = 20_000)
    public void aThreadWaitsInTheKernelInDStateUntilReleased() throws Exception {
        AtomicInteger tid = new AtomicInteger();
        try (KernelHang hang = KernelHang.create()) {
            Thread t = Thread.ofPlatform().daemon().start(() -> {
                tid.set(Libc.gettid());
                hang.enter();
            });
            Path task = Path.of("/proc/self/task", "0");
            String state = "";
            for (int i = 0; i < 200 && !"D".equals(state); i++) {
                Thread.sleep(10);
                task = Path.of("/proc/self/task", Integer.toString(tid.get()));
                state = state(task);
            }
            assertEquals(state, "D", "the thread sleeps uninterruptibly inside the kernel");
            if (canReadKernelStacks()) {
                String stack = Files.readString(task.resolve("stack"));
                assertTrue(stack.contains("kernel_clone") || stack.contains("vfork"), stack);
            }
            t.join(300);
            assertTrue(t.isAlive(), "still stuck");
            hang.release();
            t.join(5000);
            assertFalse(t.isAlive(), "released: the call returned");
        }
    }

    /** /proc/PID/task/TID/stack needs CAP_SYS_ADMIN. */
    public static boolean canReadKernelStacks() {
        try {
            return !Files.readString(Path.of("/proc/thread-self/stack")).isBlank();
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static String state(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
