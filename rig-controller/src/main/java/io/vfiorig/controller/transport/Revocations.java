package io.vfiorig.controller.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Revoked agent identities: a text file, one certificate name (CN/DNS name) or hex serial number per
 * line, {@code #} comments. Re-read when it changes, so revoking needs no controller restart; a
 * revoked identity's open stream ends at its next message.
 */
final class Revocations {
    private final Path file;
    private FileTime seen;
    private Set<String> revoked = Set.of();

    Revocations(Path file) {
        this.file = file;
        refresh();
    }

    static Revocations none() {
        return new Revocations(null);
    }

    synchronized boolean revoked(PeerCertificate peer, String host) {
        refresh();
        if (revoked.contains(host.toLowerCase(Locale.ROOT)) || revoked.contains(peer.serial().toLowerCase(Locale.ROOT))) {
            return true;
        }
        return peer.names().stream().anyMatch(n -> revoked.contains(n.toLowerCase(Locale.ROOT)));
    }

    private void refresh() {
        if (file == null || !Files.exists(file)) {
            revoked = Set.of();
            return;
        }
        try {
            FileTime t = Files.getLastModifiedTime(file);
            if (t.equals(seen)) {
                return;
            }
            Set<String> s = new HashSet<>();
            for (String line : Files.readAllLines(file)) {
                String v = line.replaceFirst("#.*", "").strip().toLowerCase(Locale.ROOT);
                if (!v.isEmpty()) {
                    s.add(v.startsWith("cn=") ? v.substring(3) : v);
                }
            }
            revoked = Set.copyOf(s);
            seen = t;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the revocation list " + file, e);
        }
    }
}
