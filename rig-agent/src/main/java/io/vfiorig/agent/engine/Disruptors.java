package io.vfiorig.agent.engine;

import io.vfiorig.agent.device.DeviceUnderTest;
import java.time.Duration;
import java.util.function.Consumer;

/** The disruptors every backend supports through {@link io.vfiorig.agent.device.DeviceUnderTest}. */
public final class Disruptors {
    private Disruptors() {}

    /** Revoke (sim: truncate; vfio: clear PCI_COMMAND.MEMORY), hold, restore, verify, pause. */
    public static Disruptor revokeRestore(Duration hold, Duration gap) {
        return new Disruptor() {
            @Override
            public String name() {
                return "revoke-restore";
            }

            @Override
            public void cycle(DisruptionContext ctx) throws InterruptedException {
                ctx.pause(gap.toMillis());
                if (ctx.stopping()) {
                    return;
                }
                ctx.enter(Phase.REVOKING, "revoke");
                ctx.busy("revoke");
                ctx.device().revoke();
                ctx.idle();
                ctx.enter(Phase.REVOKED, "revoked");
                ctx.pause(hold.toMillis());
                ctx.enter(Phase.RESTORING, "restore");
                ctx.busy("restore");
                ctx.device().restore();
                ctx.idle();
                ctx.enter(Phase.ACTIVE, "restored");
                ctx.countCycle();
                ctx.verifyAfterRestore("restore");
            }
        };
    }

    /** Device reset under load: accesses may fail or block during the reset, must work after. */
    public static Disruptor reset(Duration gap) {
        return resetWith("reset", gap, DeviceUnderTest::reset);
    }

    /**
     * A reset done by {@code how} (e.g. VFIO_DEVICE_PCI_HOT_RESET of the device's whole set) under
     * load, with the same phases and checks as {@link #reset(Duration)}.
     */
    public static Disruptor resetWith(String name, Duration gap, Consumer<DeviceUnderTest> how) {
        return new Disruptor() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void cycle(DisruptionContext ctx) throws InterruptedException {
                ctx.pause(gap.toMillis());
                if (ctx.stopping()) {
                    return;
                }
                ctx.enter(Phase.REVOKING, name);
                ctx.busy(name);
                how.accept(ctx.device());
                ctx.idle();
                ctx.enter(Phase.RESTORING, name + "-returned");
                ctx.enter(Phase.ACTIVE, name + "-done");
                ctx.countCycle();
                ctx.verifyAfterRestore(name);
            }
        };
    }

    /**
     * Closes the device fd once, after {@code after}, while the BARs stay mapped: the mapping holds
     * the device open, so accesses must keep working.
     */
    public static Disruptor closeWhileMapped(Duration after) {
        return new Disruptor() {
            private boolean closed;

            @Override
            public String name() {
                return "close-while-mapped";
            }

            @Override
            public void cycle(DisruptionContext ctx) throws InterruptedException {
                if (closed) {
                    ctx.pause(1000);
                    return;
                }
                ctx.pause(after.toMillis());
                if (ctx.stopping()) {
                    return;
                }
                ctx.busy("close");
                ctx.device().closeDeviceFd();
                ctx.idle();
                closed = true;
                ctx.countCycle();
                ctx.verifyAfterRestore("close of the device fd");
            }
        };
    }

    /**
     * Revokes once and keeps the mapping revoked until the hammer threads have taken
     * {@code sigbusTarget} SIGBUS, then ends the run: proves a JVM survives a SIGBUS storm.
     */
    public static Disruptor revokeAndHold(long sigbusTarget) {
        return new Disruptor() {
            private boolean revoked;
            private long sigbusAtRevoke;

            @Override
            public String name() {
                return "revoke-and-hold";
            }

            @Override
            public void cycle(DisruptionContext ctx) throws InterruptedException {
                if (!revoked) {
                    ctx.enter(Phase.REVOKING, "revoke");
                    ctx.busy("revoke");
                    ctx.device().revoke();
                    ctx.idle();
                    ctx.enter(Phase.REVOKED, "revoked");
                    sigbusAtRevoke = LiveStats.GLOBAL.sigbus.get();
                    revoked = true;
                    ctx.countCycle();
                }
                if (LiveStats.GLOBAL.sigbus.get() - sigbusAtRevoke >= sigbusTarget) {
                    ctx.stopRun();
                }
                ctx.pause(20);
            }
        };
    }
}
