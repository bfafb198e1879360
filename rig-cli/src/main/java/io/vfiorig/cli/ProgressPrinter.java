package io.vfiorig.cli;

import io.vfiorig.agent.probe.ProbeListener;
import io.vfiorig.agent.probe.Progress;
import io.vfiorig.agent.result.TestResult;
import java.io.PrintWriter;

/**
 * The live progress line: phase, faults/s, revokes, violations, tests done. Rewrites one line on
 * a terminal; prints a line every few seconds when output is a log.
 */
final class ProgressPrinter implements ProbeListener {
    private static final long LOG_EVERY_NANOS = 3_000_000_000L;

    private final PrintWriter out;
    private final boolean terminal = System.console() != null;
    private final long start = System.nanoTime();
    private final String suite;
    private Progress last;
    private double faultsPerSec;
    private long lastPrinted;
    private int done;
    private int failed;
    private String test = "";

    ProgressPrinter(PrintWriter out, String suite) {
        this.out = out;
        this.suite = suite;
    }

    @Override
    public synchronized void testStarted(String name) {
        test = name;
    }

    @Override
    public synchronized void progress(Progress p) {
        if (last != null && p.nanos() > last.nanos()) {
            faultsPerSec = (p.faults() - last.faults()) * 1e9 / (p.nanos() - last.nanos());
        }
        last = p;
        long now = System.nanoTime();
        if (terminal || now - lastPrinted > LOG_EVERY_NANOS) {
            lastPrinted = now;
            print();
        }
    }

    @Override
    public synchronized void result(TestResult r) {
        done++;
        if (r.status() == io.vfiorig.agent.result.TestStatus.FAIL) {
            failed++;
        }
        if (terminal) {
            out.print("\r\033[K");
        }
        out.printf("%-5s %s [%s]%s%n", r.status(), r.test(), r.device(),
                r.brokenInvariants().isEmpty() ? "" : "  broken: " + String.join(", ", r.brokenInvariants()));
    }

    synchronized void finish() {
        if (terminal) {
            out.print("\r\033[K");
            out.flush();
        }
    }

    private void print() {
        if (last == null) {
            return;
        }
        String line = String.format("[%5.1fs] %s %-18s %-28s faults/s=%-9s revokes=%-5d sigbus=%-8d violations=%d"
                + "  tests=%d done, %d failed", (System.nanoTime() - start) / 1e9, suite, last.phase(), test,
                human(faultsPerSec), last.revokes(), last.sigbus(), last.violations(), done, failed);
        if (terminal) {
            out.print("\r\033[K" + line);
            out.flush();
        } else {
            out.println(line);
        }
    }

    private static String human(double v) {
        return v >= 1e6 ? String.format("%.2fM", v / 1e6) : v >= 1e3 ? String.format("%.1fk", v / 1e3)
                : String.format("%.0f", v);
    }
}
