package io.vfiorig.agent.vm.guest;

import io.vfiorig.agent.device.DeviceSpec;
import io.vfiorig.agent.device.vfio.VfioApi;
import io.vfiorig.agent.vm.QemuCommand;
import io.vfiorig.agent.vm.VmDevice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which emulated devices a guest needs for a list of {@code vm:DEVICE[,api=group|cdev]} specs, and
 * which {@code vfio:BDF[,api=...]} spec each becomes inside the guest. Specs naming the same device
 * share one emulated device ({@code vm:edu,api=cdev;vm:edu,api=group}: one edu, both APIs).
 *
 * @param devices    emulated devices in boot order (device i is at {@code 0000:0(i+1):00.0})
 * @param guestSpecs per host spec, in the order given: the spec the guest's probe opens
 */
public record GuestPlan(List<VmDevice> devices, Map<String, String> guestSpecs) {
    public static final String BACKEND = "vm";
    public static final String USAGE = "vm:DEVICE[,api=group|cdev] (DEVICE: edu, ivshmem[:SIZE], nvme, e1000e, virtio-net)";
    private static final Set<String> KEYS = Set.of(DeviceSpec.TARGET, "api");

    public GuestPlan {
        devices = List.copyOf(devices);
        guestSpecs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(guestSpecs));
    }

    /** @throws IllegalArgumentException naming the bad spec and the expected form */
    public static GuestPlan of(List<String> hostSpecs) {
        if (hostSpecs.isEmpty()) {
            throw new IllegalArgumentException("no vm device given; use " + USAGE);
        }
        List<String> kinds = new ArrayList<>();
        List<VmDevice> devices = new ArrayList<>();
        Map<String, String> guest = new LinkedHashMap<>();
        for (String text : hostSpecs) {
            DeviceSpec spec = DeviceSpec.parse(text);
            VmDevice d = device(spec);
            String target = spec.options().get(DeviceSpec.TARGET);
            int slot = kinds.indexOf(target);
            if (slot < 0) {
                slot = kinds.size();
                kinds.add(target);
                devices.add(d);
            }
            String api = spec.options().containsKey("api") ? ",api=" + spec.options().get("api") : "";
            guest.put(spec.text(), "vfio:" + bdf(slot) + api);
        }
        return new GuestPlan(devices, guest);
    }

    /**
     * Whether a run's devices go to a guest: true when all are {@code vm:} specs, false when none is.
     *
     * @throws IllegalArgumentException when host and vm devices are mixed (one run is one probe, on
     *                                  the host or in a guest)
     */
    public static boolean isGuestRun(List<String> specs) {
        long vm = specs.stream().filter(s -> BACKEND.equals(DeviceSpec.parse(s).backend())).count();
        if (vm > 0 && vm < specs.size()) {
            throw new IllegalArgumentException("devices " + specs + " mix vm: devices (run in a guest) with host devices;"
                    + " run them in separate rig runs");
        }
        return vm > 0;
    }

    /** Checks one spec without booting anything. */
    public static void validate(DeviceSpec spec) {
        device(spec);
    }

    /** The guest specs joined as the probe's {@code --devices} wants them. */
    public String probeDevices() {
        return String.join(";", guestSpecs.values());
    }

    /** The host spec a guest spec came from (results are named as the user asked). */
    public String hostSpecFor(String guestSpec) {
        return guestSpecs.entrySet().stream().filter(e -> e.getValue().equals(guestSpec)).map(Map.Entry::getKey)
                .findFirst().orElse(guestSpec);
    }

    private static VmDevice device(DeviceSpec spec) {
        if (!BACKEND.equals(spec.backend())) {
            throw new IllegalArgumentException("device '" + spec.text() + "' is not a vm device; use " + USAGE);
        }
        for (String key : spec.options().keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("device '" + spec.text() + "': unknown vm option '" + key + "'; use "
                        + USAGE);
            }
        }
        String target = spec.options().get(DeviceSpec.TARGET);
        if (target == null) {
            throw new IllegalArgumentException("device '" + spec.text() + "': no guest device; use " + USAGE);
        }
        if (spec.options().containsKey("api")) {
            VfioApi.requestable(spec.options().get("api"));
        }
        try {
            return VmDevice.parse(target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("device '" + spec.text() + "': " + e.getMessage(), e);
        }
    }

    /** The guest address of device {@code slot}: QemuCommand puts each behind its own root port. */
    static String bdf(int slot) {
        return String.format("0000:%02x:00.0", slot + 1);
    }

    /** Same numbering as {@link QemuCommand#guestBdfs()}; checked against it after the boot. */
    public List<String> bdfs() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            out.add(bdf(i));
        }
        return out;
    }
}
