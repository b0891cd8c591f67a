package dev.tcpscope.present.explain;

import dev.tcpscope.present.color.ColoringRule;

import java.util.List;

/**
 * The explanation of one packet.
 *
 * @param frame       the frame number
 * @param stream      {@code tcp.stream}, -1 when not TCP
 * @param role        what the segment does
 * @param step        the handshake step (1..3) or close step (1..4) it is, 0 when neither
 * @param fromClient  whether the client sent it (the side that sent the first SYN)
 * @param seq         relative {@code tcp.seq}
 * @param ack         relative {@code tcp.ack}, -1 without the ACK flag
 * @param nextSeq     the sender's next sequence number after it: seq + len (+1 for SYN, FIN)
 * @param ackedFrame  the frame whose segment this ACK completes (0: none)
 * @param rule        the coloring rule that colors it, or null
 * @param lines       the explanation, one sentence group per line, in the chosen language
 */
public record Explanation(long frame, int stream, Role role, int step, boolean fromClient, long seq, long ack,
                          long nextSeq, long ackedFrame, ColoringRule rule, List<String> lines) {
    public Explanation {
        lines = List.copyOf(lines);
    }
}
