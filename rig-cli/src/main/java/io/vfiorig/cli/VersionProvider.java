package io.vfiorig.cli;

import io.vfiorig.agent.result.RigVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code rig --version}. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"vfio-rig " + RigVersion.get(), "Java " + Runtime.version()};
    }
}
