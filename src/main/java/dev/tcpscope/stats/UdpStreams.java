package dev.tcpscope.stats;

import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Udp;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code udp.stream}: Wireshark numbers UDP conversations (the two address/port pairs, either
 * direction) from 0 in the order it first meets them (epan/dissectors/packet-udp.c
 * {@code init_udp_conversation_data}), the datagram quoted by an ICMP error included. One entry
 * per conversation.
 */
final class UdpStreams {
    private final Map<Key, Integer> streams = new HashMap<>();

    private record Key(byte[] a, int portA, byte[] b, int portB) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && portA == k.portA && portB == k.portB && Arrays.equals(a, k.a) && Arrays.equals(b, k.b);
        }

        @Override
        public int hashCode() {
            return (Arrays.hashCode(a) * 31 + portA) * 31 + Arrays.hashCode(b) * 17 + portB;
        }
    }

    /** The stream of the UDP layer {@code udp} whose IP layer is {@code ip}, numbered on first sight. */
    int stream(Dissection d, int ip, int udp) {
        byte[] src = Net.source(d, ip);
        byte[] dst = Net.destination(d, ip);
        int sport = Net.u16(d.segment(udp), d.offset(udp) + Udp.SRC_PORT);
        int dport = Net.u16(d.segment(udp), d.offset(udp) + Udp.DST_PORT);
        int c = Arrays.compare(src, dst);
        Key k = c < 0 || (c == 0 && sport <= dport) ? new Key(src, sport, dst, dport) : new Key(dst, dport, src, sport);
        Integer n = streams.get(k);
        if (n == null) {
            n = streams.size();
            streams.put(k, n);
        }
        return n;
    }

    /**
     * Numbers every UDP layer of a frame, those of a datagram an ICMP error quotes too (as
     * {@code udp.stream} matches them all), writing the stream numbers into {@code streams} as far
     * as it reaches; returns how many layers there were.
     */
    int frame(Dissection x, int[] streams) {
        int n = 0;
        for (Dissection layers = x; layers != null; layers = layers == x ? x.quote() : null) {
            for (int i = 0; i < layers.count(); i++) {
                int ip = layers.proto(i) == Proto.UDP ? ipBefore(layers, i) : -1;
                if (ip >= 0) {
                    int s = stream(layers, ip, i);
                    if (n < streams.length) {
                        streams[n] = s;
                    }
                    n++;
                }
            }
        }
        return n;
    }

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
