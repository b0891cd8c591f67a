package dev.tcpscope.proto;

import java.util.function.Consumer;

/**
 * A protocol above TCP that shows itself in the detail tree: the one hook the {@code present}
 * stage calls after a frame's TCP item (and TCP's reassembly items), for each dissector of the
 * {@link DissectorTable} that implements it. Adding a protocol's tree is implementing this in its
 * package; nothing in {@code present} names the protocol.
 */
public interface LayerTree {
    /** Whether this protocol dissected something in {@code frame} (then TCP shows no data for its payload). */
    boolean shows(long frame);

    /**
     * Adds this protocol's items for {@code frame} (the frame just decoded) under {@code root},
     * the frame's top level, and names each protocol shown through {@code protocols}, in order,
     * for {@code frame.protocols}. Returns how the dissection ended: {@link End#SHORT} or
     * {@link End#MALFORMED} where Wireshark's dissector stopped on a bounds exception (the frame
     * then ends with "[Packet size limited during capture: NAME truncated]" or "[Malformed
     * Packet: NAME]", NAME being {@link #protocolName()}).
     */
    End tree(long frame, Tree root, Consumer<String> protocols);

    /**
     * The data sources this protocol added in {@code frame} after the frame's own bytes (tshark's
     * {@code add_new_data_source}: "De-chunked entity body", "Uncompressed entity body"), in order,
     * each given as its name and bytes; {@code -x} dumps them after the frame.
     */
    default void sources(long frame, java.util.function.BiConsumer<String, byte[]> source) { }

    /**
     * Bytes this protocol made in {@code frame} that items lie in without being a data source
     * (a tvb_new_child_real_data nothing added as a source: packet-dnp.c's CRC-stripped fragment):
     * {@code -T json -x} gives such an item no hex and its place within these bytes, {@code -T
     * pdml} a place after its parent's start.
     */
    default void unlistedSources(long frame, java.util.function.Consumer<byte[]> bytes) { }

    /**
     * Items this protocol adds to the TCP item of {@code frame} (packet-tcp.c's
     * {@code tcp_dissect_pdus} adds "[PDU Size: N]" for each PDU it hands on); none by default.
     */
    default void underTcp(long frame, Tree tcp) { }

    /**
     * Items this protocol adds to the UDP item of {@code frame} after its payload item, when it
     * took the datagram (packet-udp.c's {@code udp_dissect_pdus} adds "[PDU Size: N]" for each
     * PDU it hands on); none by default.
     */
    default void underUdp(long frame, Tree udp) { }

    /**
     * Places the "[Malformed Packet]" marker of {@code frame} where this protocol's dissection
     * threw, when that is not the start of the frame's IP layer (tcp_dissect_pdus shows an
     * exception at the PDU it dissected); {@code -T pdml} and {@code -T json -x} show the position.
     */
    default void markerAt(long frame, Tree marker) { }

    /**
     * Items this protocol adds to the TCP item of {@code frame} after TCP's "TCP segment data"
     * items: the PDUs of a later call than the one that got a reassembled PDU (tcp_dissect_pdus
     * adds "[PDU Size: N]" as it goes, and TCP adds the segment data between the calls); none by default.
     */
    default void underTcpAfterData(long frame, Tree tcp) { }

    /** The protocol's short name as exception markers show it ({@code HTTP}). */
    String protocolName();

    /** How a protocol's dissection of a frame ended. */
    enum End {
        OK, SHORT, MALFORMED,
        /** Reading past the bytes of a fragment nothing reassembled: "[BoundError Unreassembled Packet: NAME]". */
        UNREASSEMBLED;

        /** The packet list's marker for a walk that ended this way (epan/show_exception.c); empty for OK. */
        public String marker() {
            return switch (this) {
                case OK -> "";
                case SHORT -> "[Packet size limited during capture]";
                case UNREASSEMBLED -> "[BoundErrorUnreassembled Packet]";
                case MALFORMED -> "[Malformed Packet]";
            };
        }
    }
}
