package dev.tcpscope.spark;

import java.util.Set;

/**
 * Which columns can be computed from a piece of a capture read on its own. A field whose value
 * depends on earlier frames — the TCP analysis, stream numbers and relative sequence numbers,
 * echo pairing, times relative to the first or previous frame — needs the file read from its
 * start in order (so do the application protocols, dissected over reassembled TCP streams, and
 * {@code frame.protocols}, which names them); a query that selects one reads each file whole, in one task. Header fields of a
 * single frame do not, so a large pcap file is then cut into pieces read in parallel (an IP
 * datagram whose fragments straddle a cut is not reassembled in that case).
 */
final class Splitting {
    private static final Set<String> TCP_HEADER = Set.of("tcp", "tcp.srcport", "tcp.dstport", "tcp.port",
            "tcp.seq_raw", "tcp.ack_raw", "tcp.len", "tcp.hdr_len", "tcp.window_size_value",
            "tcp.checksum", "tcp.checksum.status", "tcp.urgent_pointer");
    private static final Set<String> FRAME_HISTORY = Set.of("frame.time_relative", "frame.time_delta",
            "frame.time_delta_displayed", "frame.ref_time", "frame.protocols");

    private Splitting() { }

    /** Whether the column filled by {@code source} (a field name, or ReadSpec's FILE/ERROR) needs earlier frames. */
    static boolean needsHistory(String source) {
        if (source.equals(ReadSpec.FILE) || source.equals(ReadSpec.ERROR)) {
            return false;
        }
        if (source.startsWith("frame.")) {
            return FRAME_HISTORY.contains(source);
        }
        if (source.equals("tcp") || source.startsWith("tcp.")) {
            return !(TCP_HEADER.contains(source) || source.startsWith("tcp.flags")
                    || source.startsWith("tcp.option"));
        }
        if (source.startsWith("ip.") || source.startsWith("ipv6.")) {
            return source.contains("reassembl") || source.contains("fragment");
        }
        if (source.startsWith("icmp")) {
            return source.contains(".resp");
        }
        return !(source.equals("frame") || source.equals("eth") || source.startsWith("eth.")
                || source.startsWith("vlan") || source.startsWith("sll") || source.startsWith("arp")
                || source.equals("ip") || source.equals("ipv6") || source.equals("udp")
                || source.startsWith("udp.") || source.startsWith("data"));
    }
}
