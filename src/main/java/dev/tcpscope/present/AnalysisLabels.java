package dev.tcpscope.present;

import dev.tcpscope.tcp.TcpRecord;

import static dev.tcpscope.tcp.TcpRecord.*;

/**
 * The TCP analysis labels of the Info column ({@code [TCP Retransmission] } ...), as tshark 4.0
 * writes them: each label is put in front of everything already in the column, in the order of
 * Wireshark's {@code tcp_print_sequence_number_analysis()} — reused ports, retransmissions,
 * lost segments, window, keep-alive, duplicate ACK, zero window — so the label written last
 * reads first.
 */
public final class AnalysisLabels {
    private AnalysisLabels() { }

    /** Puts {@code r}'s labels in front of {@code info}. */
    public static void prepend(StringBuilder info, TcpRecord r) {
        if (r.analysisFlags == 0) {
            return;
        }
        StringBuilder p = new StringBuilder(64);
        // Built front to back: the reverse of the order in which tshark prepends them.
        label(p, r, ZERO_WINDOW_PROBE_ACK, "[TCP ZeroWindowProbeAck] ");
        label(p, r, ZERO_WINDOW, "[TCP ZeroWindow] ");
        label(p, r, ZERO_WINDOW_PROBE, "[TCP ZeroWindowProbe] ");
        if (r.dupAckNum != 0 && r.has(DUPLICATE_ACK)) {
            p.append("[TCP Dup ACK ").append(r.dupAckFrame).append('#').append(r.dupAckNum).append("] ");
        }
        label(p, r, KEEP_ALIVE_ACK, "[TCP Keep-Alive ACK] ");
        label(p, r, KEEP_ALIVE, "[TCP Keep-Alive] ");
        label(p, r, WINDOW_FULL, "[TCP Window Full] ");
        label(p, r, WINDOW_UPDATE, "[TCP Window Update] ");
        label(p, r, ACK_LOST_SEGMENT, "[TCP ACKed unseen segment] ");
        label(p, r, LOST_SEGMENT, "[TCP Previous segment not captured] ");
        label(p, r, OUT_OF_ORDER, "[TCP Out-Of-Order] ");
        label(p, r, SPURIOUS_RETRANSMISSION, "[TCP Spurious Retransmission] ");
        label(p, r, FAST_RETRANSMISSION, "[TCP Fast Retransmission] ");
        label(p, r, RETRANSMISSION, "[TCP Retransmission] ");
        label(p, r, REUSED_PORTS, "[TCP Port numbers reused] ");
        info.insert(0, p);
    }

    private static void label(StringBuilder p, TcpRecord r, int flag, String text) {
        if (r.has(flag)) {
            p.append(text);
        }
    }

    /** The names of the tcp.analysis.* fields {@code r} raises, comma-separated, in TcpRecord's bit order. */
    public static String fieldNames(TcpRecord r) {
        String[] names = {"retransmission", "lost_segment", "ack_lost_segment", "keep_alive", "duplicate_ack",
            "zero_window", "zero_window_probe", "zero_window_probe_ack", "keep_alive_ack", "out_of_order",
            "fast_retransmission", "window_update", "window_full", "reused_ports", "spurious_retransmission"};
        StringBuilder on = new StringBuilder();
        for (int b = 0; b < names.length; b++) {
            if ((r.analysisFlags & (1 << b)) != 0) {
                on.append(on.isEmpty() ? "" : ", ").append("tcp.analysis.").append(names[b]);
            }
        }
        return on.toString();
    }
}
