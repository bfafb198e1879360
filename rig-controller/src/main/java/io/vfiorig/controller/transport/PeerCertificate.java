package io.vfiorig.controller.transport;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.vfiorig.wire.CertificateNames;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The verified client certificate of a call (TLS already checked it against the lab CA), put in the
 * call's context; {@link #NONE} on plaintext loopback.
 *
 * @param names  subject CN, then DNS subject alternative names
 * @param serial the certificate's serial number, hex
 */
record PeerCertificate(List<String> names, String serial) {
    static final PeerCertificate NONE = new PeerCertificate(List.of(), "");
    static final Context.Key<PeerCertificate> KEY = Context.key("rig-peer-certificate");

    boolean present() {
        return !names.isEmpty() || !serial.isEmpty();
    }

    static PeerCertificate current() {
        PeerCertificate p = KEY.get();
        return p == null ? NONE : p;
    }

    /** Reads the peer certificate of each call into its context. */
    static ServerInterceptor interceptor() {
        return new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                    ServerCallHandler<Q, A> next) {
                return Contexts.interceptCall(Context.current().withValue(KEY, of(call.getAttributes().get(
                        Grpc.TRANSPORT_ATTR_SSL_SESSION))), call, headers, next);
            }
        };
    }

    private static PeerCertificate of(SSLSession session) {
        if (session == null) {
            return NONE;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate x) {
                return new PeerCertificate(CertificateNames.of(x), x.getSerialNumber().toString(16));
            }
        } catch (SSLPeerUnverifiedException e) {
            // No client certificate: the server requires one, so this call never gets this far.
        }
        return NONE;
    }

    String describe() {
        return present() ? "certificate " + names + " (serial " + serial + ")" : "no certificate";
    }
}
