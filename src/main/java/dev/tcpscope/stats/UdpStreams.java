package dev.tcpscope.stats;

import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Proto;

/**
 * Where a frame's UDP layers are, for following and counting UDP conversations; their
 * {@code udp.stream} numbers come from the decoder ({@link dev.tcpscope.tcp.Decoder#udpStreams}),
 * which files every frame's datagrams.
 */
final class UdpStreams {
    private UdpStreams() { }

    /** The first UDP layer over IP of the frame itself (not quoted), whose payload a follow takes; or -1. */
    static int first(Dissection x) {
        for (int i = 0; i < x.count(); i++) {
            if (x.proto(i) == Proto.UDP && ipBefore(x, i) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The IP layer carrying layer {@code i}, or -1. */
    static int ipBefore(Dissection d, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (d.proto(j) == Proto.IPV4 || d.proto(j) == Proto.IPV6) {
                return j;
            }
        }
        return -1;
    }
}
