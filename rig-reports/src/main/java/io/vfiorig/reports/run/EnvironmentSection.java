package io.vfiorig.reports.run;

import io.vfiorig.agent.result.Environment;
import io.vfiorig.reports.html.Html;
import io.vfiorig.reports.html.Section;

/** Where the run happened: what makes two runs comparable. */
final class EnvironmentSection implements Section {
    private final Environment env;

    EnvironmentSection(Environment env) {
        this.env = env;
    }

    @Override
    public String id() {
        return "environment";
    }

    @Override
    public String title() {
        return "Environment";
    }

    @Override
    public void render(Html h) {
        h.el("h2", title());
        if (env == null) {
            h.el("p", "The results carry no environment.", "class", "note");
            return;
        }
        h.open("dl", "class", "kv");
        VerdictBanner.fact(h, "host", env.host());
        VerdictBanner.fact(h, "kernel release", env.kernelRelease());
        VerdictBanner.fact(h, "kernel version", env.kernelVersion());
        VerdictBanner.fact(h, "architecture", env.arch());
        VerdictBanner.fact(h, "CPUs", Integer.toString(env.cpus()));
        VerdictBanner.fact(h, "probe JVM", env.javaVersion());
        VerdictBanner.fact(h, "vfio-rig", env.rigVersion());
        h.close("dl");
    }
}
