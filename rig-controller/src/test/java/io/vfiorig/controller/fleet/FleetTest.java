package io.vfiorig.controller.fleet;

import static io.vfiorig.controller.fleet.FleetLab.A;
import static io.vfiorig.controller.fleet.FleetLab.B;
import static io.vfiorig.controller.fleet.FleetLab.C;
import static io.vfiorig.controller.fleet.FleetLab.HOST;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import io.vfiorig.controller.store.StoreBackends;
import io.vfiorig.controller.store.StoreBackends.Backend;
import io.vfiorig.controller.store.StoredRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.testng.annotations.Test;

/**
 * Leases, health and schedule, driven through {@link FleetEvents} as the transport would, on the
 * real store (SQLite and PostgreSQL). The clock is moved by hand: no test waits for a timeout.
 */
public class FleetTest {
    private static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");
    private static final RunOutcome PASSED = new RunOutcome(RunOutcome.Kind.PASSED, "");

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void aLeaseHoldsTheWholeIommuGroupAndNothingIsDoubleBooked(Backend b) {
        try (FleetLab lab = new FleetLab(b.newUrl(), NOON, FleetSettings.DEFAULTS)) {
            lab.fleet.agentConnected(FleetLab.hello());
            // New devices are unknown: each gets a health check; A and B share group 7, C is alone.
            List<RunOrder> first = lab.channel.drain();
            assertEquals(first.size(), 2, "one check in group 7 and the one in group 9: " + first);
            assertTrue(first.stream().allMatch(o -> o.reason().equals(Order.HEALTH_CHECK) && o.suite().equals("smoke")));
            assertEquals(first.stream().filter(o -> o.devices().equals(List.of(C))).count(), 1);
            RunOrder inGroup7 = first.stream().filter(o -> !o.devices().equals(List.of(C))).findFirst().orElseThrow();
            String other = inGroup7.devices().equals(List.of(A)) ? B : A;
            assertEquals(lab.device(HOST, other).leaseId(), lab.device(HOST, inGroup7.devices().getFirst()).leaseId(),
                    "the waiting device's group is held by its sibling's lease");

            for (RunOrder o : first) {
                lab.fleet.runFinished(HOST, o.runId(), PASSED);
            }
            List<RunOrder> second = lab.channel.drain();
            assertEquals(second.size(), 1, "the group-7 sibling runs once the group is free");
            assertEquals(second.getFirst().devices(), List.of(other));
            lab.fleet.runFinished(HOST, second.getFirst().runId(), PASSED);
            assertTrue(lab.fleet.devices().stream().filter(d -> d.host().equals(HOST)).allMatch(d -> d.state().equals("healthy")));

            List<String> ids = lab.fleet.submit("smoke", HOST, null);
            assertEquals(ids.size(), 3, "one run per device allowing smoke");
            List<RunOrder> sent = lab.channel.drain();
            assertEquals(sent.size(), 2, "A and B wait for each other: " + sent);
            assertEquals(lab.fleet.leases().size(), 2);
            assertEquals(lab.fleet.openOrders().stream().filter(o -> o.state().equals(Order.QUEUED)).count(), 1);
            assertTrue(lab.fleet.leases().stream().anyMatch(l -> l.groups().equals(List.of("iommu:7"))));
        }
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void aDeadAgentsLeaseExpiresItsRunIsAnInfraErrorAndItsDevicesAreRestoredOnReturn(Backend b) {
        try (FleetLab lab = new FleetLab(b.newUrl(), NOON, FleetSettings.DEFAULTS)) {
            lab.connectHealthy();
            String run = lab.fleet.submit("smoke", HOST, "dsa-0").getFirst();
            assertEquals(lab.channel.drain().getFirst().runId(), run);
            lab.fleet.runStarted(HOST, run);

            // Beats keep it alive past the timeout.
            for (int i = 0; i < 4; i++) {
                lab.clock.advance(Duration.ofSeconds(20));
                lab.fleet.agentHeartbeat(HOST);
                lab.fleet.tick();
            }
            assertNotNull(lab.device(HOST, A).leaseId(), "a beating agent keeps its lease");

            // Then it dies: no beat for longer than the timeout.
            lab.clock.advance(Duration.ofSeconds(31));
            lab.fleet.tick();
            DeviceView a = lab.device(HOST, A);
            assertNull(a.leaseId(), "the lease expired");
            assertTrue(lab.fleet.leases().isEmpty());
            assertEquals(a.state(), "unknown");
            assertTrue(a.reason().contains("lease expired"), a.reason());
            assertEquals(a.agent(), "offline");
            StoredRun stored = lab.store.run(HOST, run).orElseThrow();
            assertEquals(stored.status(), "infrastructure-error");
            assertEquals(stored.end().infraErrors().getFirst().kind(), "lease-expired");
            assertTrue(lab.channel.drain().isEmpty(), "nothing is sent to a dead agent");
            assertTrue(lab.fleet.openOrders().stream().anyMatch(o -> o.healthCheck() && o.devices().equals(List.of(A))),
                    "a health check waits for the agent");

            // A beat after it was given up (a stall): its expired lease stays expired, but it may
            // take orders again, starting with the device's health check.
            lab.fleet.agentHeartbeat(HOST);
            lab.fleet.tick();
            RunOrder revived = lab.channel.drain().getFirst();
            assertEquals(revived.reason(), Order.HEALTH_CHECK);
            assertEquals(lab.device(HOST, A).agent(), "connected");
            assertEquals(lab.store.run(HOST, run).orElseThrow().status(), "infrastructure-error");
            lab.fleet.agentDisconnected(HOST);
            lab.clock.advance(Duration.ofSeconds(11));
            lab.fleet.tick();
            assertTrue(lab.fleet.leases().isEmpty(), "the revived agent's check expired with it");
            assertEquals(lab.device(HOST, A).failures(), 2);

            // The dead agent's late report of the run changes nothing.
            lab.fleet.runFinished(HOST, run, PASSED);
            assertEquals(lab.device(HOST, A).state(), "unknown");

            // It comes back: the device is restored by its health check.
            lab.fleet.agentConnected(FleetLab.hello());
            List<RunOrder> restore = lab.channel.drain();
            assertEquals(restore.size(), 1, restore.toString());
            assertEquals(restore.getFirst().reason(), Order.HEALTH_CHECK);
            assertEquals(restore.getFirst().devices(), List.of(A));
            lab.fleet.runFinished(HOST, restore.getFirst().runId(), PASSED);
            assertEquals(lab.device(HOST, A).state(), "healthy");
            assertEquals(lab.device(HOST, A).failures(), 0);
        }
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void aDisconnectWithinTheGraceKeepsTheLeaseAndAfterItExpiresIt(Backend b) {
        try (FleetLab lab = new FleetLab(b.newUrl(), NOON, FleetSettings.DEFAULTS)) {
            lab.connectHealthy();
            String run = lab.fleet.submit("smoke", HOST, C).getFirst();
            lab.channel.drain();
            lab.fleet.agentDisconnected(HOST);
            lab.clock.advance(Duration.ofSeconds(5));
            lab.fleet.tick();
            assertEquals(lab.device(HOST, C).runId(), run, "within the grace the lease stays");
            lab.fleet.agentConnected(FleetLab.hello());
            lab.fleet.agentDisconnected(HOST);
            lab.clock.advance(Duration.ofSeconds(11));
            lab.fleet.tick();
            assertNull(lab.device(HOST, C).leaseId());
            assertEquals(lab.store.run(HOST, run).orElseThrow().status(), "infrastructure-error");
        }
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void repeatedInfraErrorsQuarantineUntilAnOperatorUnquarantines(Backend b) {
        try (FleetLab lab = new FleetLab(b.newUrl(), NOON, FleetSettings.DEFAULTS)) {
            lab.connectHealthy();
            String run = lab.fleet.submit("smoke", HOST, "edu-0").getFirst();
            lab.channel.drain();
            lab.fleet.runFinished(HOST, run, new RunOutcome(RunOutcome.Kind.FAILED, "2 invariants broken"));
            assertEquals(lab.device(HOST, C).state(), "healthy", "a test failure is a kernel finding, not bad health");

            run = lab.fleet.submit("smoke", HOST, "edu-0").getFirst();
            lab.channel.drain();
            lab.fleet.runFinished(HOST, run, new RunOutcome(RunOutcome.Kind.INFRA_ERROR, "reset timeout"));
            assertEquals(lab.device(HOST, C).state(), "unknown");
            assertTrue(lab.device(HOST, C).reason().contains("reset timeout"));
            for (int failures = 2; failures <= 3; failures++) {
                RunOrder check = lab.channel.drain().getFirst();
                assertEquals(check.reason(), Order.HEALTH_CHECK);
                lab.fleet.runFinished(HOST, check.runId(), new RunOutcome(RunOutcome.Kind.INFRA_ERROR, "failed rebind"));
                assertEquals(lab.device(HOST, C).failures(), failures);
            }
            DeviceView q = lab.device(HOST, C);
            assertEquals(q.state(), "quarantined");
            assertTrue(q.reason().startsWith("3 failures in a row; last: infrastructure error: failed rebind"), q.reason());
            assertEquals(Instant.parse(q.since()), lab.clock.instant());
            assertTrue(lab.channel.drain().isEmpty(), "no health check for a quarantined device");

            IllegalArgumentException refused = expectThrows(IllegalArgumentException.class,
                    () -> lab.fleet.submit("smoke", HOST, "edu-0"));
            assertTrue(refused.getMessage().contains("quarantined") && refused.getMessage().contains("rig unquarantine"),
                    refused.getMessage());

            lab.fleet.unquarantine(HOST, "0000:5e:00.0");
            assertEquals(lab.device(HOST, C).state(), "unknown");
            RunOrder check = lab.channel.drain().getFirst();
            assertEquals(check.reason(), Order.HEALTH_CHECK);
            lab.fleet.runFinished(HOST, check.runId(), PASSED);
            assertEquals(lab.device(HOST, C).state(), "healthy");
            expectThrows(IllegalArgumentException.class, () -> lab.fleet.unquarantine(HOST, C));
        }
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void anOperatorReleaseEndsTheRunAndChecksTheDevice(Backend b) {
        try (FleetLab lab = new FleetLab(b.newUrl(), NOON, FleetSettings.DEFAULTS)) {
            lab.connectHealthy();
            String run = lab.fleet.submit("smoke", HOST, C).getFirst();
            lab.channel.drain();
            String lease = lab.device(HOST, C).leaseId();
            lab.fleet.release(lease);
            assertEquals(lab.store.run(HOST, run).orElseThrow().end().infraErrors().getFirst().kind(), "lease-released");
            assertEquals(lab.device(HOST, C).state(), "unknown");
            assertEquals(lab.device(HOST, C).failures(), 0, "an operator's release is not the device's failure");
            assertEquals(lab.channel.drain().getFirst().reason(), Order.HEALTH_CHECK);
            NoSuchElementException gone = expectThrows(NoSuchElementException.class, () -> lab.fleet.release(lease));
            assertTrue(gone.getMessage().contains(lease));
        }
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void submitRefusesWhatTheInventoryDoesNotAllowAndQueuesNothing(Backend b) {
        try (FleetLab lab = new FleetLab(b.newUrl(), NOON, FleetSettings.DEFAULTS)) {
            assertTrue(expectThrows(IllegalArgumentException.class, () -> lab.fleet.submit("soak", HOST, null))
                    .getMessage().startsWith("unknown suite 'soak'"));
            assertTrue(expectThrows(IllegalArgumentException.class, () -> lab.fleet.submit("smoke", "nowhere", null))
                    .getMessage().startsWith("unknown host 'nowhere'"));
            assertTrue(expectThrows(IllegalArgumentException.class, () -> lab.fleet.submit("nightly", HOST, "edu-0"))
                    .getMessage().contains("does not allow suite nightly"));
            assertTrue(expectThrows(IllegalArgumentException.class, () -> lab.fleet.submit("smoke", HOST, "dsa-9"))
                    .getMessage().contains("has no device 'dsa-9'"));
            assertTrue(lab.fleet.openOrders().isEmpty());
        }
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void theNightlyScheduleFiresOncePerNightAndNotAgainAfterARestart(Backend b) {
        Instant beforeTwo = Instant.parse("2026-03-02T01:59:00Z");
        try (FleetLab lab = new FleetLab(b.newUrl(), beforeTwo, FleetSettings.DEFAULTS)) {
            lab.connectHealthy();
            lab.fleet.agentConnected(FleetLab.localHello());
            lab.channel.drain().forEach(o -> lab.fleet.runFinished(o.host(), o.runId(), PASSED));
            lab.fleet.tick();
            assertTrue(nightly(lab).isEmpty(), "not yet 02:00");

            lab.clock.advance(Duration.ofSeconds(90)); // 02:00:30
            lab.fleet.tick();
            List<Order> night = nightly(lab);
            assertEquals(night.stream().map(o -> o.devices().getFirst()).sorted().toList(), List.of("sim", A, B),
                    "nightly on the host's devices that allow it (not edu-0) and on sim");
            assertTrue(night.stream().allMatch(o -> o.suite().equals("nightly")));
            lab.clock.advance(Duration.ofSeconds(20));
            lab.fleet.tick();
            assertEquals(nightly(lab).size(), 3, "the same night fires once");

            FleetLab again = lab.restart();
            again.fleet.tick();
            assertEquals(nightly(again).size(), 3, "a restart does not repeat the night");
            again.fleet.close();
        }
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void leasesAndHealthSurviveARestartAndAnAgentThatNeverReturnsLosesThem(Backend b) {
        try (FleetLab lab = new FleetLab(b.newUrl(), NOON, FleetSettings.DEFAULTS)) {
            lab.connectHealthy();
            String run = lab.fleet.submit("smoke", HOST, C).getFirst();
            lab.channel.drain();
            lab.fleet.close();

            FleetLab again = lab.restart();
            assertEquals(again.device(HOST, C).runId(), run, "the lease is in the store");
            assertEquals(again.device(HOST, A).state(), "healthy");
            again.fleet.tick();
            assertNotNull(again.device(HOST, C).leaseId(), "the agent gets a timeout to come back");
            again.clock.advance(Duration.ofSeconds(41));
            again.fleet.tick();
            assertNull(again.device(HOST, C).leaseId());
            assertEquals(again.store.run(HOST, run).orElseThrow().status(), "infrastructure-error");
            assertFalse(again.fleet.devices().stream().anyMatch(d -> d.agent().equals("connected")));
            again.fleet.close();
        }
    }

    @Test(dataProvider = "backends", dataProviderClass = StoreBackends.class)
    public void theStoreItselfRefusesASecondLeaseOnAHeldGroup(Backend b) {
        try (FleetLab lab = new FleetLab(b.newUrl(), NOON, FleetSettings.DEFAULTS)) {
            lab.store.inTransaction(h -> {
                FleetTables.grant(h, new Lease("lease-1", HOST, "run-1", 0, List.of("iommu:7")));
                return null;
            });
            expectThrows(UnableToExecuteStatementException.class, () -> lab.store.inTransaction(h -> {
                FleetTables.grant(h, new Lease("lease-2", HOST, "run-2", 0, List.of("iommu:9", "iommu:7")));
                return null;
            }));
            List<Lease> held = lab.fleet.leases();
            assertEquals(held.size(), 1, "the refused lease left nothing behind: " + held);
            assertEquals(held.getFirst().leaseId(), "lease-1");
        }
    }

    private static List<Order> nightly(FleetLab lab) {
        return lab.fleet.openOrders().stream().filter(o -> o.reason().equals(Order.NIGHTLY)).toList();
    }
}
