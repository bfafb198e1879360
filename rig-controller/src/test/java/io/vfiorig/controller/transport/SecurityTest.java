package io.vfiorig.controller.transport;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.vfiorig.controller.ControllerServer;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.proto.AgentMessage;
import io.vfiorig.proto.ControllerMessage;
import io.vfiorig.proto.Report;
import io.vfiorig.proto.Reports;
import io.vfiorig.proto.TestReport;
import io.vfiorig.proto.UplinkGrpc;
import io.vfiorig.uplink.RunReports;
import io.vfiorig.uplink.Spool;
import io.vfiorig.uplink.UplinkClient;
import io.vfiorig.wire.LabCa;
import io.vfiorig.wire.TlsFiles;
import io.vfiorig.wire.WireLimits;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * Mutual TLS and admission against a real controller: the wrong certificate, another host's identity,
 * an unknown or revoked identity, another host's device, oversize and malformed messages are refused
 * with a clear status and nothing of theirs is stored.
 */
public class SecurityTest {
    private Path dir;
    private Path ca;
    private ControllerServer controller;
    private String target;

    @BeforeClass
    public void startController() {
        dir = StreamLab.tempDir("security");
        ca = dir.resolve("ca");
        LabCa lab = LabCa.init(ca, "test");
        lab.issue("controller", List.of("localhost", "127.0.0.1"));
        for (String h : List.of(StreamLab.HOST_1, StreamLab.HOST_2, "stranger", "revoked-host")) {
            lab.issue(h, List.of());
        }
        // A certificate for lab-host-01 from a CA the controller does not trust, next to the lab's ca.pem.
        Path rogueCa = dir.resolve("rogue-ca");
        LabCa.init(rogueCa, "rogue").issue(StreamLab.HOST_1, List.of());
        Path rogue = dir.resolve("rogue");
        try {
            Files.createDirectories(rogue);
            Files.copy(ca.resolve("ca.pem"), rogue.resolve("ca.pem"));
            Files.copy(rogueCa.resolve(StreamLab.HOST_1 + ".pem"), rogue.resolve(StreamLab.HOST_1 + ".pem"));
            Files.copy(rogueCa.resolve(StreamLab.HOST_1 + "-key.pem"), rogue.resolve(StreamLab.HOST_1 + "-key.pem"));
            Files.writeString(ca.resolve("revoked.txt"), "# revoked after a laptop was lost\nCN=" + StreamLab.HOST_2 + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        controller = ControllerServer.start(new ControllerServer.Config(StreamLab.inventory(),
                "jdbc:sqlite:" + dir.resolve("results.db"), new InetSocketAddress("127.0.0.1", 0), ca, null),
                ControllerServer.NO_FLEET);
        target = "127.0.0.1:" + controller.transport().address().getPort();
    }

    @AfterClass(alwaysRun = true)
    public void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    public void theRightCertificateForItsOwnHostIsAdmittedAndStored() throws Exception {
        Status s = stream(new TlsFiles(ca, StreamLab.HOST_1), StreamLab.HOST_1, "good-1", "sim", true);
        assertEquals(s, null, "no error expected");
        assertEquals(store().tests(StreamLab.HOST_1, "good-1").size(), 3);
    }

    @Test
    public void anotherHostsIdentityIsRefused() throws Exception {
        Status s = stream(new TlsFiles(ca, StreamLab.HOST_1), StreamLab.HOST_2, "impostor-1", "sim", false);
        assertEquals(s.getCode(), Status.Code.PERMISSION_DENIED, s.toString());
        assertTrue(s.getDescription().contains("identifies host lab-host-01; it may not report as host 'lab-host-02'"),
                s.getDescription());
        assertNothingStored("impostor-1");
    }

    @Test
    public void aCertificateOfAnotherCaIsRefusedByTls() throws Exception {
        Status s = stream(new TlsFiles(dir.resolve("rogue"), StreamLab.HOST_1), StreamLab.HOST_1, "rogue-1", "sim", false);
        assertEquals(s.getCode(), Status.Code.UNAVAILABLE, s.toString());
        assertNothingStored("rogue-1");
    }

    @Test
    public void anIdentityNoInventoryHostHasIsRefused() throws Exception {
        Status s = stream(new TlsFiles(ca, "stranger"), "stranger", "stranger-1", "sim", false);
        assertEquals(s.getCode(), Status.Code.UNAUTHENTICATED, s.toString());
        assertTrue(s.getDescription().contains("is no inventory host's agent-identity"), s.getDescription());
        assertNothingStored("stranger-1");
    }

    @Test
    public void aRevokedIdentityIsRefused() throws Exception {
        Status s = stream(new TlsFiles(ca, StreamLab.HOST_2), StreamLab.HOST_2, "revoked-1", "sim", false);
        assertEquals(s.getCode(), Status.Code.PERMISSION_DENIED, s.toString());
        assertTrue(s.getDescription().contains("is revoked"), s.getDescription());
        assertNothingStored("revoked-1");
    }

    @Test
    public void reportingForAnotherHostsDeviceIsRefused() throws Exception {
        Status s = stream(new TlsFiles(ca, StreamLab.HOST_1), StreamLab.HOST_1, "their-device-1", "vfio:0000:af:00.0", false);
        assertEquals(s.getCode(), Status.Code.PERMISSION_DENIED, s.toString());
        assertTrue(s.getDescription().contains("an agent reports only for its own devices"), s.getDescription());
        assertNothingStored("their-device-1");
    }

    @Test
    public void anOversizeMessageIsRefused() throws Exception {
        RunReports run = StreamLab.run("oversize-1", "sim");
        Report big = run.result(StreamLab.result(0)).toBuilder().setResult(TestReport.newBuilder().setSequence(0)
                .setResultJson(ByteString.copyFrom(new byte[WireLimits.MAX_MESSAGE_BYTES + 1]))).build();
        Status s = raw(AgentMessage.newBuilder().setReport(big).build().toByteArray());
        assertEquals(s.getCode(), Status.Code.RESOURCE_EXHAUSTED, s.toString());
        assertTrue(s.getDescription().contains("exceeds maximum"), s.getDescription());
        assertNothingStored("oversize-1");
    }

    @Test
    public void aResultThatIsNotJsonIsRefusedAndNothingOfItsBatchStored() throws Exception {
        RunReports run = StreamLab.run("malformed-1", "sim");
        // The bad one first: whether the controller drains the two together or one at a time, the
        // stream ends at the bad one and the good one after it is not stored either.
        Report bad = run.result(StreamLab.result(0)).toBuilder().setResult(TestReport.newBuilder().setSequence(0)
                .setResultJson(ByteString.copyFromUtf8("{\"sequence\": 0, \"test\": "))).build();
        Status s = raw(AgentMessage.newBuilder().setReport(bad).build().toByteArray(),
                AgentMessage.newBuilder().setReport(run.result(StreamLab.result(1))).build().toByteArray());
        assertEquals(s.getCode(), Status.Code.INVALID_ARGUMENT, s.toString());
        assertTrue(s.getDescription().contains("report of run 'malformed-1' sequence 0: not a valid test result"),
                s.getDescription());
        assertNothingStored("malformed-1");
    }

    @Test
    public void moreReportsInOneMessageThanAllowedAreRefused() throws Exception {
        RunReports run = StreamLab.run("crowded-1", "sim");
        Reports.Builder many = Reports.newBuilder();
        for (int i = 0; i <= WireLimits.MAX_REPORTS_PER_MESSAGE; i++) {
            many.addReports(run.result(StreamLab.result(i)));
        }
        Status s = raw(AgentMessage.newBuilder().setReports(many).build().toByteArray());
        assertEquals(s.getCode(), Status.Code.INVALID_ARGUMENT, s.toString());
        assertTrue(s.getDescription().contains((WireLimits.MAX_REPORTS_PER_MESSAGE + 1) + " reports in one message"),
                s.getDescription());
        assertNothingStored("crowded-1");
    }

    @Test
    public void bytesThatAreNotAMessageAreRefused() throws Exception {
        Status s = raw(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01, 0x02});
        assertEquals(s.getCode(), Status.Code.INVALID_ARGUMENT, s.toString());
        assertTrue(s.getDescription().contains("not an uplink AgentMessage"), s.getDescription());
    }

    @Test
    public void plaintextBeyondLoopbackIsRefused() {
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class, () -> ControllerServer.start(
                new ControllerServer.Config(StreamLab.inventory(), "jdbc:sqlite:" + dir.resolve("never.db"),
                        new InetSocketAddress("0.0.0.0", 0), null, null), ControllerServer.NO_FLEET));
        assertTrue(e.getMessage().contains("without TLS: plaintext is only allowed on loopback"), e.getMessage());
    }

    private ResultStore store() {
        return controller.store();
    }

    private void assertNothingStored(String runId) {
        for (String h : List.of(StreamLab.HOST_1, StreamLab.HOST_2, "stranger")) {
            assertEquals(store().tests(h, runId).size(), 0, h);
            assertTrue(store().run(h, runId).isEmpty(), h);
        }
    }

    /** Streams three results with the real agent uplink; returns the status the stream ended with, or null. */
    private Status stream(TlsFiles tls, String host, String runId, String device, boolean expectDrained) throws Exception {
        RunReports run = StreamLab.run(runId, device);
        ManagedChannel ch = UplinkClient.channel(target, tls);
        try (Spool spool = Spool.open(dir.resolve("spool-" + runId));
                UplinkClient agent = new UplinkClient(ch, spool, () -> StreamLab.hello(host), o -> { },
                        OfflineDrainTest.QUIET).start()) {
            spool.append(StreamLab.results(run, 0, 3));
            if (expectDrained) {
                StreamLab.await("the spool to drain", 60_000, spool::drained);
                return agent.lastError();
            }
            StreamLab.await("the stream to be refused", 60_000, () -> agent.lastError() != null);
            return agent.lastError();
        } finally {
            ch.shutdownNow();
        }
    }

    /** Sends hello then raw message bytes on a lab-host-01 stream; returns the status it ends with. */
    private Status raw(byte[]... messages) throws Exception {
        ManagedChannel ch = UplinkClient.channel(target, new TlsFiles(ca, StreamLab.HOST_1));
        try {
            MethodDescriptor<InputStream, ControllerMessage> m = UplinkGrpc.getConnectMethod().toBuilder(
                    new RawBytes(), UplinkGrpc.getConnectMethod().getResponseMarshaller()).build();
            ClientCall<InputStream, ControllerMessage> call = ch.newCall(m, CallOptions.DEFAULT);
            CompletableFuture<Status> ended = new CompletableFuture<>();
            call.start(new ClientCall.Listener<>() {
                @Override
                public void onClose(Status status, Metadata trailers) {
                    ended.complete(status);
                }
            }, new Metadata());
            call.request(Integer.MAX_VALUE);
            call.sendMessage(new ByteArrayInputStream(AgentMessage.newBuilder().setHello(StreamLab.hello(StreamLab.HOST_1))
                    .build().toByteArray()));
            for (byte[] b : messages) {
                call.sendMessage(new ByteArrayInputStream(b));
            }
            return ended.get(60, TimeUnit.SECONDS);
        } finally {
            ch.shutdownNow();
        }
    }

    private static final class RawBytes implements MethodDescriptor.Marshaller<InputStream> {
        @Override
        public InputStream stream(InputStream value) {
            return value;
        }

        @Override
        public InputStream parse(InputStream stream) {
            return stream;
        }
    }

}
