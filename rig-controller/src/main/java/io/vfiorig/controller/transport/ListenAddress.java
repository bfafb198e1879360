package io.vfiorig.controller.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses {@code HOST:PORT}, {@code [V6]:PORT} or {@code :PORT} (all addresses). */
public final class ListenAddress {
    private ListenAddress() {}

    /** @throws IllegalArgumentException with the accepted forms */
    public static InetSocketAddress parse(String s) {
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            throw bad(s);
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw bad(s);
        }
        if (port < 0 || port > 65535) {
            throw bad(s);
        }
        try {
            return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve '" + host + "' in listen address '" + s + "'");
        }
    }

    private static IllegalArgumentException bad(String s) {
        return new IllegalArgumentException("listen address '" + s + "' is not HOST:PORT; e.g. 127.0.0.1:7443, "
                + "0.0.0.0:7443 (needs --tls-dir) or [::1]:7443");
    }
}
