package io.vfiorig.suites.probe;

import io.vfiorig.agent.engine.LiveStats;
import io.vfiorig.agent.probe.EventLog;
import io.vfiorig.agent.probe.ProbeEvent;
import io.vfiorig.agent.probe.Progress;
import io.vfiorig.agent.result.Environment;
import io.vfiorig.suites.Devices;
import io.vfiorig.suites.ResultSink;
import io.vfiorig.suites.RigResultListener;
import io.vfiorig.suites.SuiteCatalog;
import java.nio.file.Path;
import java.util.List;
import org.testng.TestNG;
import org.testng.xml.XmlSuite;

/**
 * Entry point of the probe JVM, the only process that touches device memory. Runs one suite and
 * reports every event to the supervisor through the event log; started by
 * {@link io.vfiorig.agent.probe.ProbeSupervisor}, never by users.
 */
public final class ProbeMain {
    private ProbeMain() {}

    public static void main(String[] args) throws Exception {
        String suite = null;
        String devices = null;
        String events = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--suite" -> suite = args[i + 1];
                case "--devices" -> devices = args[i + 1];
                case "--events" -> events = args[i + 1];
                default -> usage("unknown option " + args[i]);
            }
        }
        if (suite == null || devices == null || events == null) {
            usage("missing option");
        }
        System.setProperty(Devices.PROPERTY, devices);
        try (EventLog log = new EventLog(Path.of(events))) {
            ResultSink.useEventLog(log);
            log.emit(ProbeEvent.env(Environment.current()));
            JsonWarmUp.encodeSampleResult();
            Thread progress = Thread.ofPlatform().daemon().name("probe-progress").start(() -> {
                while (true) {
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                    log.emit(ProbeEvent.progress(Progress.of(LiveStats.GLOBAL)));
                }
            });
            List<XmlSuite> suites = SuiteCatalog.load(suite);
            TestNG testng = new TestNG(false);
            testng.setXmlSuites(suites);
            testng.setUseDefaultListeners(false);
            testng.addListener(new RigResultListener());
            testng.setVerbose(0);
            testng.run();
            progress.interrupt();
            log.emit(ProbeEvent.progress(Progress.of(LiveStats.GLOBAL)));
            log.emit(ProbeEvent.suiteEnd());
        }
        // Abandoned threads (a revoke stuck in the "kernel") must not keep the probe alive.
        System.exit(0);
    }

    private static void usage(String why) {
        System.err.println("ProbeMain: " + why + "; usage: --suite NAME --devices SPEC[;SPEC] --events FILE");
        System.exit(2);
    }
}
