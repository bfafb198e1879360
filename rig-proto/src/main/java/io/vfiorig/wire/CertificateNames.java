package io.vfiorig.wire;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** The names a certificate claims: subject CN first, then DNS subject alternative names. */
public final class CertificateNames {
    private static final int SAN_DNS = 2;

    private CertificateNames() {}

    public static List<String> of(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    names.add(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            // A subject we cannot parse names nobody; the SANs may still.
        }
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.get(0) instanceof Integer type && type == SAN_DNS) {
                        names.add(san.get(1).toString());
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // As above: unparsable alternative names name nobody.
        }
        return names;
    }
}
