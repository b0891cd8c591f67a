package dev.tcpscope.wire;

import java.util.HashMap;

/**
 * Where each fragment's datagram was completed, noted in a first pass for the second one, as
 * Wireshark's reassembled table remembers it for {@code tshark -2}: a fragment that did not
 * complete its datagram then shows "Reassembled IPv4 in frame: N". Holds one entry per fragment
 * of a completed datagram (frames with fragments only), for the length of the capture.
 */
public final class ReassembledIn {
    private final HashMap<Long, Long> completedIn = new HashMap<>();

    /** Notes that frame {@code frame} completed {@code r}. */
    void note(Reassembly r, long frame) {
        for (int k = 0; k < r.count(); k++) {
            if (r.frame(k) != frame) {
                completedIn.put(r.frame(k), frame);
            }
        }
    }

    /** The frame in which the datagram that frame {@code frame} was a fragment of was completed, or 0. */
    public long of(long frame) {
        Long in = completedIn.get(frame);
        return in == null ? 0 : in;
    }
}
