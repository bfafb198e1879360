package io.vfiorig.controller.fleet;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.controller.inventory.Inventory;
import io.vfiorig.controller.inventory.NightlySchedule;
import io.vfiorig.controller.inventory.Schedule;
import io.vfiorig.controller.inventory.Suite;
import io.vfiorig.controller.inventory.Target;
import io.vfiorig.controller.metrics.FleetMetrics;
import io.vfiorig.controller.metrics.RegressionMetrics;
import io.vfiorig.controller.metrics.ResultMetrics;
import io.vfiorig.controller.regress.RegressionFinder;
import io.vfiorig.controller.store.ResultStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The fleet: device health, leases per IOMMU group, the run queue and the nightly schedule
 * (docs/fleet.md). The transport reports agents and runs through {@link FleetEvents}; operators
 * act through {@link #submit}, {@link #release} and {@link #unquarantine}; {@link #tick} (every
 * second after {@link #start}) expires the leases of dead agents, fires the schedule and hands
 * queued runs to agents whose groups are free.
 *
 * <p>Devices, leases and orders live in the store (migration V2), so a restarted controller
 * keeps them. Mutations run under this object's lock; {@link #resultStored} and
 * {@link #agentHeartbeat} take no lock and touch no database (they arrive at ingest rate).
 */
public final class Fleet implements FleetEvents, AutoCloseable {
    static final String NIGHTLY_CHECKED = "nightly.checked_ms";
    private static final System.Logger LOG = System.getLogger(Fleet.class.getName());
    private static final List<String> OPEN = List.of(Order.QUEUED, Order.SENT, Order.RUNNING);

    private final FleetPlan plan;
    private final ResultStore store;
    private final Clock clock;
    private final OrderChannel orders;
    private final FleetSettings settings;
    private final HealthPolicy health;
    private final ExpiredRuns expiredRuns;
    private final FleetMetrics fleetMetrics;
    private final ResultMetrics resultMetrics;
    private final Map<String, AgentSession> agents = new ConcurrentHashMap<>();
    /** Hosts with leases from before this controller started: they get one timeout to come back. */
    private final long startedMs;
    private ScheduledExecutorService ticker;

    public Fleet(Inventory inventory, ResultStore store, PrometheusMeterRegistry registry, Clock clock,
            OrderChannel orders) {
        this(inventory, store, registry, clock, orders, FleetSettings.DEFAULTS);
    }

    public Fleet(Inventory inventory, ResultStore store, PrometheusMeterRegistry registry, Clock clock,
            OrderChannel orders, FleetSettings settings) {
        this.plan = new FleetPlan(inventory);
        this.store = store;
        this.clock = clock;
        this.orders = orders;
        this.settings = settings;
        this.health = new HealthPolicy(settings.quarantineAfter());
        this.expiredRuns = new ExpiredRuns(store);
        this.fleetMetrics = new FleetMetrics(registry, Arrays.stream(DeviceState.values()).map(DeviceState::id).toList());
        this.resultMetrics = new ResultMetrics(registry);
        registry.getPrometheusRegistry().register(new RegressionMetrics(store, new RegressionFinder(inventory.thresholds()),
                Stream.concat(Suite.BUILT_IN.stream(), inventory.suites().stream().map(Suite::name))
                        .distinct().toList(), clock));
        this.startedMs = clock.millis();
        store.inTransaction(h -> {
            plan.all().forEach(b -> FleetTables.addDevice(h, b, startedMs));
            if (inventory.schedule().isPresent() && FleetTables.meta(h, NIGHTLY_CHECKED).isEmpty()) {
                FleetTables.meta(h, NIGHTLY_CHECKED, Long.toString(startedMs)); // a new lab does not catch up
            }
            return null;
        });
        refreshGauges();
    }

    /** Ticks every second on a daemon thread until {@link #close}. */
    public synchronized Fleet start() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "fleet-tick");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleWithFixedDelay(this::tickLogged, 1, 1, TimeUnit.SECONDS);
        }
        return this;
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    public FleetPlan plan() {
        return plan;
    }

    // ---- FleetEvents (from the transport) ----

    @Override
    public synchronized void agentConnected(AgentHello hello) {
        String host = hello.host();
        if (!plan.knowsHost(host)) {
            LOG.log(System.Logger.Level.WARNING, "agent of unknown host " + host + " ignored: it is not in the inventory");
            return;
        }
        long now = clock.millis();
        agents.put(host, new AgentSession(hello.kernelRelease(), hello.rigVersion(), now));
        store.inTransaction(h -> {
            for (FoundDevice found : hello.devices()) {
                plan.onHost(host).stream().filter(b -> b.bdf().equals(found.bdf()) && !found.iommuGroup().isBlank())
                        .forEach(b -> FleetTables.setGroup(h, host, b.device(), "iommu:" + found.iommuGroup()));
            }
            // Restore what it left behind: every device not known healthy gets a health check.
            for (DeviceRow d : FleetTables.devices(h)) {
                if (d.host().equals(host) && d.state() == DeviceState.UNKNOWN) {
                    queueHealthCheck(h, d, now);
                }
            }
            return null;
        });
        dispatch();
    }

    @Override
    public void agentHeartbeat(String host) {
        AgentSession s = agents.get(host);
        if (s != null) {
            s.lastBeatMs = clock.millis();
            // Beating again after we gave it up (a stall, not a death): its expired leases stay
            // expired, but it may take orders again; the next tick hands them out.
            s.alive = true;
        }
    }

    @Override
    public synchronized void agentDisconnected(String host) {
        AgentSession s = agents.get(host);
        if (s != null && s.disconnectedMs < 0) {
            s.disconnectedMs = clock.millis();
        }
        refreshGauges();
    }

    @Override
    public synchronized void runStarted(String host, String runId) {
        store.inTransaction(h -> {
            FleetTables.order(h, runId).filter(o -> o.host().equals(host) && o.state().equals(Order.SENT))
                    .ifPresent(o -> FleetTables.setOrderState(h, runId, Order.RUNNING, o.leaseId()));
            return null;
        });
    }

    @Override
    public void resultStored(String host, String runId, TestResult result) {
        AgentSession s = agents.get(host);
        resultMetrics.stored(host, s == null ? "unknown" : s.kernelRelease, result);
    }

    @Override
    public synchronized void runFinished(String host, String runId, RunOutcome outcome) {
        Optional<Order> order = store.withHandle(h -> FleetTables.order(h, runId)).filter(o -> o.host().equals(host));
        if (order.isPresent() && !OPEN.contains(order.get().state())) {
            return; // ended already (its lease expired): counted then, and its devices moved on
        }
        fleetMetrics.runEnded(status(outcome));
        if (order.isEmpty()) {
            return; // a run the fleet did not order
        }
        store.inTransaction(h -> {
            end(h, order.get(), outcome, "finished");
            return null;
        });
        refreshGauges();
        dispatch();
    }

    /** @return the store this fleet keeps its state and results in (the admin side renders reports from it) */
    public ResultStore store() {
        return store;
    }

    // ---- operator actions (admin API) ----

    /**
     * Queues {@code suite} on {@code device} of {@code host}, or on every device of the host that
     * allows the suite when {@code device} is {@code null}. Runs wait for their lease.
     *
     * @return the run ids, one per device
     * @throws IllegalArgumentException naming what is wrong and how to fix it; nothing is queued
     */
    public synchronized List<String> submit(String suite, String host, String device) {
        if (plan.inventory().suite(suite).isEmpty()) {
            throw new IllegalArgumentException("unknown suite '" + suite + "': use smoke, nightly or a suite the inventory declares");
        }
        if (!plan.knowsHost(host)) {
            throw new IllegalArgumentException("unknown host '" + host + "': use a host from the inventory (rig devices --controller URL lists them)");
        }
        List<Bookable> targets;
        if (device != null) {
            Bookable b = plan.find(host, device).orElseThrow(() -> new IllegalArgumentException("host " + host
                    + " has no device '" + device + "': use a device spec, label or PCI address rig devices lists for it"));
            if (!b.allows(suite)) {
                throw new IllegalArgumentException("device " + b.label() + " does not allow suite " + suite
                        + ": it allows " + b.suites() + " (its suites: in the inventory)");
            }
            targets = List.of(b);
        } else {
            targets = plan.onHost(host).stream().filter(b -> b.allows(suite)).toList();
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("no device of host " + host + " allows suite " + suite
                        + ": add it to a device's suites: in the inventory");
            }
        }
        long now = clock.millis();
        List<String> ids = store.inTransaction(h -> {
            for (Bookable b : targets) {
                DeviceRow row = FleetTables.device(h, b.host(), b.device()).orElseThrow();
                if (row.state() == DeviceState.QUARANTINED) {
                    throw new IllegalArgumentException("device " + b.label() + " on " + host + " is quarantined (" + row.reason()
                            + "): rig unquarantine " + host + " " + b.device() + " once it is fixed");
                }
            }
            List<String> out = new ArrayList<>();
            for (Bookable b : targets) {
                out.add(queue(h, b.host(), suite, List.of(b.device()), Order.SUBMIT, now));
            }
            return out;
        });
        dispatch();
        return ids;
    }

    /**
     * Ends a lease by hand. Its run, if still going, is recorded as an infrastructure error and its
     * devices get a health check (nothing is known about the state it left them in).
     *
     * @throws NoSuchElementException if no active lease has this id
     */
    public synchronized void release(String leaseId) {
        Lease lease = leases().stream().filter(l -> l.leaseId().equals(leaseId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no active lease " + leaseId + ": rig devices --controller URL lists the leases"));
        endLease(lease, "lease-released", "lease " + leaseId + " released by an operator", false);
        refreshGauges();
        dispatch();
    }

    /**
     * Takes a device out of quarantine: it becomes {@code unknown} with its failure count cleared
     * and gets a health check before any other run.
     *
     * @throws NoSuchElementException   if the host has no such device
     * @throws IllegalArgumentException if it is not quarantined
     */
    public synchronized void unquarantine(String host, String device) {
        Bookable b = plan.find(host, device).orElseThrow(() -> new NoSuchElementException("host " + host
                + " has no device '" + device + "': rig devices --controller URL lists them"));
        long now = clock.millis();
        store.inTransaction(h -> {
            DeviceRow row = FleetTables.device(h, b.host(), b.device()).orElseThrow();
            if (row.state() != DeviceState.QUARANTINED) {
                throw new IllegalArgumentException("device " + b.label() + " on " + host + " is " + row.state().id()
                        + ", not quarantined: nothing to do");
            }
            FleetTables.setHealth(h, b.host(), b.device(), DeviceState.UNKNOWN, "unquarantined by an operator", now, 0);
            queueHealthCheck(h, FleetTables.device(h, b.host(), b.device()).orElseThrow(), now);
            return null;
        });
        refreshGauges();
        dispatch();
    }

    /** Every device with its health, lease and agent. */
    public List<DeviceView> devices() {
        List<Lease> leases = leases();
        return store.withHandle(FleetTables::devices).stream().map(d -> {
            Optional<Lease> l = leases.stream()
                    .filter(x -> x.host().equals(d.host()) && x.groups().contains(d.iommuGroup())).findFirst();
            AgentSession s = agents.get(d.host());
            return new DeviceView(d.host(), d.device(), d.label(), d.iommuGroup(), d.state().id(), d.reason(),
                    Instant.ofEpochMilli(d.sinceMillis()).toString(), d.failures(), l.map(Lease::leaseId).orElse(null),
                    l.map(Lease::runId).orElse(null), s != null && s.connected() ? "connected" : "offline");
        }).toList();
    }

    public List<Lease> leases() {
        return store.withHandle(FleetTables::activeLeases);
    }

    /** Orders not yet ended, oldest first. */
    public List<Order> openOrders() {
        return store.withHandle(h -> FleetTables.orders(h, OPEN));
    }

    // ---- the clock ----

    /** Expires the leases of dead agents, fires the nightly schedule, hands out free groups. */
    public synchronized void tick() {
        long now = clock.millis();
        expire(now);
        plan.inventory().schedule().map(Schedule::nightly).ifPresent(n -> nightly(n, now));
        dispatch();
    }

    private void tickLogged() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "fleet tick failed; retrying in a second", e);
        }
    }

    private void expire(long now) {
        for (Map.Entry<String, AgentSession> e : agents.entrySet()) {
            if (e.getValue().alive && now > e.getValue().deadlineMs(settings)) {
                e.getValue().alive = false;
            }
        }
        for (Lease l : leases()) {
            AgentSession s = agents.get(l.host());
            long deadline = s == null ? startedMs + settings.heartbeatTimeout().toMillis() + settings.disconnectGrace().toMillis()
                    : s.deadlineMs(settings);
            if ((s != null && !s.alive) || now > deadline) {
                endLease(l, "lease-expired", "lease expired: agent of " + l.host() + " silent since "
                        + Instant.ofEpochMilli(s == null ? startedMs : Math.max(s.lastBeatMs, s.disconnectedMs)), true);
            } else if (now - l.grantedMillis() > settings.maxRunTime().toMillis()) {
                endLease(l, "lease-expired", "lease expired: run " + l.runId() + " held it longer than "
                        + settings.maxRunTime(), true);
            }
        }
        refreshGauges();
    }

    private void nightly(NightlySchedule n, long now) {
        store.inTransaction(h -> {
            long checked = FleetTables.meta(h, NIGHTLY_CHECKED).map(Long::parseLong).orElse(now);
            if (NightlyTrigger.lastDue(n, Instant.ofEpochMilli(checked), Instant.ofEpochMilli(now)).isPresent()) {
                for (String suite : n.suites()) {
                    for (Target t : n.targets()) {
                        for (Bookable b : plan.resolve(t, suite)) {
                            DeviceRow row = FleetTables.device(h, b.host(), b.device()).orElseThrow();
                            if (row.state() == DeviceState.QUARANTINED) {
                                LOG.log(System.Logger.Level.WARNING, "nightly " + suite + " skips quarantined " + b.label());
                            } else {
                                queue(h, b.host(), suite, List.of(b.device()), Order.NIGHTLY, now);
                            }
                        }
                    }
                }
            }
            FleetTables.meta(h, NIGHTLY_CHECKED, Long.toString(now));
            return null;
        });
    }

    // ---- queue and leases ----

    /** Grants leases to queued orders whose agent is connected and whose groups are free, oldest first. */
    private void dispatch() {
        long now = clock.millis();
        for (Order o : store.withHandle(h -> FleetTables.orders(h, List.of(Order.QUEUED)))) {
            AgentSession s = agents.get(o.host());
            if (s == null || !s.connected()) {
                continue;
            }
            Optional<Lease> granted;
            try {
                granted = store.inTransaction(h -> grant(h, o, now));
            } catch (UnableToExecuteStatementException e) {
                // Another writer took a group between our look and our insert: the held-groups key
                // refused the second lease and the transaction rolled back. It waits its turn.
                continue;
            }
            if (granted.isPresent() && !orders.send(o.toRunOrder(plan.kernelOf(o.host(), o.devices())))) {
                // The agent went away between our look and the send: back into the queue.
                store.inTransaction(h -> {
                    FleetTables.release(h, granted.get().leaseId(), now, "agent not connected");
                    FleetTables.setOrderState(h, o.runId(), Order.QUEUED, null);
                    return null;
                });
            }
        }
        refreshGauges();
    }

    private Optional<Lease> grant(Handle h, Order o, long now) {
        Set<String> groups = new LinkedHashSet<>();
        for (String spec : o.devices()) {
            DeviceRow d = FleetTables.device(h, o.host(), spec).orElse(null);
            if (d == null || d.state() == DeviceState.QUARANTINED) {
                FleetTables.finishOrder(h, o.runId(), Order.CANCELLED, new RunOutcome(RunOutcome.Kind.INFRA_ERROR,
                        d == null ? "device " + spec + " is no longer in the inventory" : "device quarantined: " + d.reason()));
                return Optional.empty();
            }
            if (d.state() != DeviceState.HEALTHY && !o.healthCheck()) {
                return Optional.empty(); // waits for its health check
            }
            groups.add(d.iommuGroup());
        }
        if (!FleetTables.heldGroups(h, o.host(), groups).isEmpty()) {
            return Optional.empty();
        }
        Lease lease = new Lease("lease-" + UUID.randomUUID(), o.host(), o.runId(), now, List.copyOf(groups));
        FleetTables.grant(h, lease);
        FleetTables.setOrderState(h, o.runId(), Order.SENT, lease.leaseId());
        return Optional.of(lease);
    }

    /** Ends a lease the agent did not end: the run is an infrastructure error, in the store too. */
    private void endLease(Lease l, String kind, String detail, boolean countFailure) {
        long now = clock.millis();
        RunOutcome outcome = new RunOutcome(RunOutcome.Kind.INFRA_ERROR, detail);
        Optional<Order> order = store.inTransaction(h -> {
            FleetTables.release(h, l.leaseId(), now, detail);
            Optional<Order> o = FleetTables.order(h, l.runId()).filter(x -> OPEN.contains(x.state()));
            o.ifPresent(x -> end(h, x, outcome, countFailure ? "expired" : "released"));
            return o;
        });
        order.ifPresent(o -> {
            AgentSession s = agents.get(o.host());
            Bookable first = plan.find(o.host(), o.devices().getFirst()).orElseThrow();
            expiredRuns.record(o, first, l.grantedMillis(), clock.instant(), kind, detail,
                    s == null ? null : s.kernelRelease, s == null ? null : s.rigVersion);
            fleetMetrics.runEnded(FleetMetrics.RunStatus.INFRA_ERROR);
        });
    }

    /**
     * Ends an open order: releases its lease and moves its devices' health. {@code how} is
     * {@code finished} (the agent said), {@code expired} or {@code released} (an operator's
     * release is not the device's fault: it only makes the device unknown).
     */
    private void end(Handle h, Order o, RunOutcome outcome, String how) {
        long now = clock.millis();
        if (o.leaseId() != null) {
            FleetTables.release(h, o.leaseId(), now, how + ": " + outcome.kind());
        }
        FleetTables.finishOrder(h, o.runId(), Order.FINISHED, outcome);
        for (String spec : o.devices()) {
            DeviceRow d = FleetTables.device(h, o.host(), spec).orElse(null);
            if (d == null) {
                continue;
            }
            HealthPolicy.Verdict v = how.equals("released")
                    ? new HealthPolicy.Verdict(DeviceState.UNKNOWN, outcome.detail(), d.failures())
                    : health.after(d, o, outcome);
            FleetTables.setHealth(h, d.host(), d.device(), v.state(), v.reason(), now, v.failures());
            if (v.state() == DeviceState.UNKNOWN) {
                queueHealthCheck(h, FleetTables.device(h, d.host(), d.device()).orElseThrow(), now);
            } else if (v.state() == DeviceState.QUARANTINED) {
                cancelQueued(h, d, "device quarantined: " + v.reason());
            }
        }
    }

    private void queueHealthCheck(Handle h, DeviceRow d, long now) {
        boolean pending = FleetTables.orders(h, OPEN).stream()
                .anyMatch(o -> o.healthCheck() && o.host().equals(d.host()) && o.devices().contains(d.device()));
        if (!pending) {
            queue(h, d.host(), settings.healthCheckSuite(), List.of(d.device()), Order.HEALTH_CHECK, now);
        }
    }

    private static void cancelQueued(Handle h, DeviceRow d, String why) {
        FleetTables.orders(h, List.of(Order.QUEUED)).stream()
                .filter(o -> o.host().equals(d.host()) && o.devices().contains(d.device()))
                .forEach(o -> FleetTables.finishOrder(h, o.runId(), Order.CANCELLED,
                        new RunOutcome(RunOutcome.Kind.INFRA_ERROR, why)));
    }

    private static String queue(Handle h, String host, String suite, List<String> devices, String reason, long now) {
        String runId = reason + "-" + UUID.randomUUID();
        FleetTables.addOrder(h, new Order(runId, host, suite, devices, reason, Order.QUEUED, now, null));
        return runId;
    }

    private void refreshGauges() {
        fleetMetrics.agentsConnected((int) agents.values().stream().filter(AgentSession::connected).count());
        store.withHandle(h -> {
            FleetTables.stateCounts(h).forEach((state, n) -> fleetMetrics.devices(state.id(), n));
            fleetMetrics.leasesActive(FleetTables.activeLeases(h).size());
            return null;
        });
    }

    private static FleetMetrics.RunStatus status(RunOutcome o) {
        return switch (o.kind()) {
            case PASSED -> FleetMetrics.RunStatus.PASSED;
            case FAILED -> FleetMetrics.RunStatus.FAILED;
            case INFRA_ERROR -> FleetMetrics.RunStatus.INFRA_ERROR;
        };
    }
}
