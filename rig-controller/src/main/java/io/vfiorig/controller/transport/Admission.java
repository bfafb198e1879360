package io.vfiorig.controller.transport;

import io.grpc.Status;
import io.grpc.StatusException;
import io.vfiorig.controller.inventory.Host;
import io.vfiorig.controller.inventory.HostDevice;
import io.vfiorig.controller.inventory.Inventory;
import io.vfiorig.proto.Hello;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may connect, and what they may report. With TLS the agent's certificate must name an inventory
 * host's {@code agent-identity} (CN or DNS name), the hello must be for that same host, and the
 * identity must not be revoked. On plaintext loopback (the embedded demo) the hello's host must be in
 * the inventory. An agent reports only for its own host: a device spec naming a PCI address must be
 * one of that host's devices.
 */
final class Admission {
    private final Inventory inventory;
    private final Revocations revocations;

    Admission(Inventory inventory, Revocations revocations) {
        this.inventory = inventory;
        this.revocations = revocations;
    }

    Host admit(PeerCertificate peer, Hello hello) throws StatusException {
        String claimed = hello.getHost();
        Host host;
        if (peer.present()) {
            host = inventory.hosts().stream().filter(h -> peer.names().stream()
                    .anyMatch(n -> n.equalsIgnoreCase(h.agentIdentity()))).findFirst()
                    .orElseThrow(() -> refuse(Status.UNAUTHENTICATED, peer.describe()
                            + " is no inventory host's agent-identity; fix: add the host with agent-identity: CN="
                            + (peer.names().isEmpty() ? "NAME" : peer.names().getFirst())
                            + " to the inventory, or issue the agent a certificate for its host (rig ca issue HOST)"));
            if (!host.name().equals(claimed)) {
                throw refuse(Status.PERMISSION_DENIED, peer.describe() + " identifies host " + host.name()
                        + "; it may not report as host '" + claimed + "'");
            }
        } else {
            host = inventory.host(claimed).orElseThrow(() -> refuse(Status.UNAUTHENTICATED, "host '" + claimed
                    + "' is not in the inventory; fix: add it, or start the agent with --host set to an inventory host"));
        }
        if (revocations.revoked(peer, host.name())) {
            throw refuse(Status.PERMISSION_DENIED, "the identity of host " + host.name() + " (" + peer.describe()
                    + ") is revoked");
        }
        return host;
    }

    /** Still admitted? (The revocation list may have changed since the stream began.) */
    void recheck(PeerCertificate peer, Host host) throws StatusException {
        if (revocations.revoked(peer, host.name())) {
            throw refuse(Status.PERMISSION_DENIED, "the identity of host " + host.name() + " was revoked");
        }
    }

    /**
     * @param deviceSpecs the run's device specs, {@code ;}-separated
     * @throws StatusException PERMISSION_DENIED if one names a PCI device that is not the host's
     */
    void checkDevices(Host host, String deviceSpecs) throws StatusException {
        for (String spec : deviceSpecs.split(";")) {
            Optional<String> bdf = pciAddress(spec);
            if (bdf.isPresent() && host.devices().stream().map(HostDevice::bdf)
                    .noneMatch(b -> b.toString().equalsIgnoreCase(bdf.get()))) {
                throw refuse(Status.PERMISSION_DENIED, "host " + host.name() + " reported for device '" + spec
                        + "', which the inventory does not list on that host; an agent reports only for its own devices");
            }
        }
    }

    /** The PCI address a {@code vfio:BDF[,opts]} spec names; other backends (sim, vm) name none. */
    private static Optional<String> pciAddress(String spec) {
        String s = spec.strip().toLowerCase(Locale.ROOT);
        if (!s.startsWith("vfio:")) {
            return Optional.empty();
        }
        String rest = s.substring("vfio:".length());
        int comma = rest.indexOf(',');
        return Optional.of(comma < 0 ? rest : rest.substring(0, comma));
    }

    private static StatusException refuse(Status s, String why) {
        return s.withDescription(why).asException();
    }
}
