package io.vfiorig.wire;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * PEM files in and out. Reads what other PKIs write too: PKCS#8, PKCS#1 RSA and SEC1 EC keys
 * (unencrypted), and certificate chains.
 */
public final class Pem {
    private Pem() {}

    /** @throws IllegalArgumentException naming the file and what it should contain */
    public static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> certs = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file); PEMParser p = new PEMParser(r)) {
            JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                if (o instanceof X509CertificateHolder h) {
                    certs.add(conv.getCertificate(h));
                }
            }
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException(file + ": cannot read PEM certificates (" + e.getMessage()
                    + "); fix: give a file with -----BEGIN CERTIFICATE----- blocks, e.g. from rig ca issue", e);
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException(file + ": no certificate in it; fix: give a file with "
                    + "-----BEGIN CERTIFICATE----- blocks, e.g. from rig ca issue");
        }
        return certs;
    }

    /** @throws IllegalArgumentException naming the file and what it should contain */
    public static PrivateKey privateKey(Path file) {
        try (Reader r = Files.newBufferedReader(file); PEMParser p = new PEMParser(r)) {
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                if (o instanceof PEMKeyPair kp) {
                    // SEC1 EC keys may carry no public key: read the private part alone.
                    return conv.getPrivateKey(kp.getPrivateKeyInfo());
                }
                if (o instanceof PrivateKeyInfo info) {
                    return conv.getPrivateKey(info);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read a PEM private key (" + e.getMessage()
                    + "); fix: give an unencrypted PKCS#8, RSA or EC key, e.g. from rig ca issue", e);
        }
        throw new IllegalArgumentException(file + ": no unencrypted private key in it; fix: give an unencrypted "
                + "PKCS#8, RSA or EC key (openssl pkey -in KEY -out KEY.pem decrypts one)");
    }

    /** Writes objects as PEM; {@code secret} files are created readable by their owner only. */
    public static void write(Path file, boolean secret, Object... objects) {
        try {
            Files.deleteIfExists(file);
            if (secret) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (Writer w = Files.newBufferedWriter(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
                    JcaPEMWriter pw = new JcaPEMWriter(w)) {
                for (Object o : objects) {
                    // Keys as PKCS#8, which every TLS stack reads.
                    pw.writeObject(o instanceof PrivateKey k ? new JcaPKCS8Generator(k, null) : o);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
