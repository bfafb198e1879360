package io.vfiorig.wire;

/** Limits both ends of the uplink enforce, so an agent never spools what the controller would refuse. */
public final class WireLimits {
    /** Largest message either side accepts; a larger one ends the stream with RESOURCE_EXHAUSTED. */
    public static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    /** Largest spooled record: a report plus the envelope of an AgentMessage must fit a message. */
    public static final int MAX_REPORT_BYTES = MAX_MESSAGE_BYTES - 1024;

    /** Reports an agent puts in one message when it has a backlog (per-message costs dominate small reports). */
    public static final int MAX_REPORTS_PER_MESSAGE = 64;

    /** Reports an agent may have sent and not seen acknowledged. */
    public static final int AGENT_WINDOW = 1024;

    /** Messages the controller buffers per stream before it stops reading (gRPC flow control). */
    public static final int CONTROLLER_WINDOW = 512;

    /** How often an agent beats; the controller's keepalive finds a dead connection sooner. */
    public static final int HEARTBEAT_SECONDS = 10;

    private WireLimits() {}
}
