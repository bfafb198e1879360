package io.vfiorig.agent.device.bind;

import java.net.Inet6Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/** The addresses configured on a network interface, as {@code ADDRESS/PREFIX}. */
@FunctionalInterface
public interface NetAddresses {
    List<String> of(String ifname);

    /**
     * The host's own view. IPv6 link-local addresses are left out: the kernel gives one to every
     * interface that is up, so they say nothing about the NIC carrying traffic.
     */
    static NetAddresses system() {
        return ifname -> {
            List<String> out = new ArrayList<>();
            try {
                NetworkInterface nic = NetworkInterface.getByName(ifname);
                if (nic == null) {
                    return out;
                }
                for (InterfaceAddress a : nic.getInterfaceAddresses()) {
                    if (a.getAddress() instanceof Inet6Address v6 && v6.isLinkLocalAddress()) {
                        continue;
                    }
                    String host = a.getAddress().getHostAddress();
                    int pct = host.indexOf('%');
                    out.add((pct < 0 ? host : host.substring(0, pct)) + "/" + a.getNetworkPrefixLength());
                }
            } catch (SocketException e) {
                out.add("unknown (" + e.getMessage() + ")"); // cannot tell: treat as in use
            }
            return out;
        };
    }
}
