package io.vfiorig.wire;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The TLS material of one end in a directory: {@code ca.pem} (the CA both ends trust) and
 * {@code NAME.pem} + {@code NAME-key.pem} (this end's chain and key). Both ends require the other's
 * certificate (mutual TLS).
 *
 * @param name the certificate's name: {@code controller}, or the agent's host name
 */
public record TlsFiles(Path dir, String name) {
    public Path caFile() {
        return dir.resolve(LabCa.CA_CERT);
    }

    public Path certFile() {
        return dir.resolve(name + ".pem");
    }

    public Path keyFile() {
        return dir.resolve(name + "-key.pem");
    }

    /** @throws IllegalArgumentException naming the missing file and how to make it */
    public void check() {
        for (Path f : List.of(caFile(), certFile(), keyFile())) {
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException("TLS file " + f + " is missing; fix: rig ca issue " + name + " --dir "
                        + dir + " (or copy your PKI's files there under these names)");
            }
        }
    }

    /** Server side: requires and verifies a client certificate signed by the CA. */
    public SslContext serverContext() {
        check();
        try {
            return GrpcSslContexts.configure(SslContextBuilder.forServer(key(), chain())).trustManager(ca())
                    .clientAuth(ClientAuth.REQUIRE).build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot set up TLS from " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Client side: presents this end's certificate, trusts only the CA. */
    public SslContext clientContext() {
        check();
        try {
            return GrpcSslContexts.forClient().keyManager(key(), chain()).trustManager(ca()).build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot set up TLS from " + dir + ": " + e.getMessage(), e);
        }
    }

    private PrivateKey key() {
        return Pem.privateKey(keyFile());
    }

    private X509Certificate[] chain() {
        return Pem.certificates(certFile()).toArray(X509Certificate[]::new);
    }

    private X509Certificate[] ca() {
        return Pem.certificates(caFile()).toArray(X509Certificate[]::new);
    }
}
