package io.vfiorig.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small lab certificate authority in a directory: {@code ca.pem} (share it) and {@code ca-key.pem}
 * (keep it on the machine that issues). Host certificates are {@code NAME.pem} + {@code NAME-key.pem},
 * with CN=NAME and DNS:NAME, good for both TLS client (agent) and server (controller). EC P-256.
 */
public final class LabCa {
    public static final String CA_CERT = "ca.pem";
    public static final String CA_KEY = "ca-key.pem";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration HOST_VALIDITY = Duration.ofDays(825);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final X509Certificate cert;
    private final PrivateKey key;

    private LabCa(Path dir, X509Certificate cert, PrivateKey key) {
        this.dir = dir;
        this.cert = cert;
        this.key = key;
    }

    /**
     * Creates a new CA in {@code dir}.
     *
     * @throws IllegalArgumentException if {@code dir} already holds a CA (it is never overwritten)
     */
    public static LabCa init(Path dir, String labName) {
        if (Files.exists(dir.resolve(CA_CERT)) || Files.exists(dir.resolve(CA_KEY))) {
            throw new IllegalArgumentException(dir.resolve(CA_CERT) + " already exists; a CA is never overwritten "
                    + "(its certificates would stop working); fix: choose another directory or remove it on purpose");
        }
        try {
            Files.createDirectories(dir);
            KeyPair kp = newKeyPair();
            X500Name subject = new X500Name("CN=vfio-rig lab CA " + labName);
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_VALIDITY)), subject, kp.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            X509Certificate cert = sign(b, kp.getPrivate());
            Pem.write(dir.resolve(CA_KEY), true, kp.getPrivate());
            Pem.write(dir.resolve(CA_CERT), false, cert);
            return new LabCa(dir, cert, kp.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the CA in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the CA key", e);
        }
    }

    /** Opens the CA in {@code dir} (both files needed). */
    public static LabCa open(Path dir) {
        Path certFile = dir.resolve(CA_CERT);
        Path keyFile = dir.resolve(CA_KEY);
        if (!Files.isRegularFile(certFile) || !Files.isRegularFile(keyFile)) {
            throw new IllegalArgumentException(dir + " holds no lab CA (" + CA_CERT + " and " + CA_KEY
                    + "); fix: rig ca init " + dir);
        }
        return new LabCa(dir, Pem.certificates(certFile).getFirst(), Pem.privateKey(keyFile));
    }

    /**
     * Issues {@code NAME.pem} and {@code NAME-key.pem} in the CA's directory.
     *
     * @param extraNames more subject alternative names: DNS names or IP addresses (what the agents dial)
     * @return the certificate file
     */
    public Path issue(String name, List<String> extraNames) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a host name; fix: use letters, digits, '.', '-', '_'");
        }
        if (name.equals("ca")) {
            throw new IllegalArgumentException("'ca' names the CA's own files; fix: choose another name");
        }
        try {
            KeyPair kp = newKeyPair();
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(cert, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(HOST_VALIDITY)),
                    new X500Name("CN=" + name), kp.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            b.addExtension(Extension.subjectAlternativeName, false, altNames(name, extraNames));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(cert));
            X509Certificate issued = sign(b, key);
            Path certFile = dir.resolve(name + ".pem");
            Pem.write(dir.resolve(name + "-key.pem"), true, kp.getPrivate());
            Pem.write(certFile, false, issued);
            return certFile;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot issue a certificate for " + name, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a key for " + name, e);
        }
    }

    public X509Certificate certificate() {
        return cert;
    }

    private static GeneralNames altNames(String name, List<String> extra) {
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.dNSName, name));
        if (name.equals("localhost")) {
            names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        }
        for (String n : extra) {
            names.add(isIpAddress(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static boolean isIpAddress(String s) {
        if (!s.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            InetAddress.ofLiteral(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
            throws GeneralSecurityException, CertIOException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with the CA key", e);
        }
    }
}
