package io.vfiorig.agent.vm;

/** Run by VirtualHostTest inside the guest from the staged class path: the rig's own classes load there. */
public final class GuestHello {
    private GuestHello() {}

    public static void main(String[] args) throws Exception {
        Class<?> rig = Class.forName("io.vfiorig.agent.vm.GuestKernel");
        System.out.println("hello-from-guest kernel=" + System.getProperty("os.version") + " loaded="
                + rig.getSimpleName() + " from=" + rig.getProtectionDomain().getCodeSource().getLocation().getPath());
    }
}
