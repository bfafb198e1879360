package io.vfiorig.agent.result;

/** The rig's version, from the jar manifest when packaged. */
public final class RigVersion {
    private RigVersion() {}

    public static String get() {
        String v = RigVersion.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
