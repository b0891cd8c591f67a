package dev.tcpscope.tcp;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Udp;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * packet-udp.c's conversations: {@code udp.stream} numbers them (both address/port pairs, either
 * direction) from 0 in the order they are first met (a datagram whose header is whole and whose
 * length is not bogus), and each keeps the time of its first and of
 * its latest datagram for the "Timestamps" items. Every frame the {@link Decoder} decodes passes
 * here, so a display filter, or a window that shows only some frames, numbers them as a pass over
 * the whole capture does. A datagram quoted by an ICMP error takes a number too, but does not
 * move its conversation's latest time. One entry (40 bytes of key and three longs) per
 * conversation, as Wireshark keeps one.
 */
final class UdpConversations {
    /** key → {stream index, first time (ns), latest time (ns)}. */
    private final Map<Key, long[]> conversations = new HashMap<>();
    /**
     * Conversations a protocol announced between an endpoint and any port of another address
     * ({@link UdpKeys#announced}): a datagram with no conversation of its own that matches one
     * belongs to it (its stream is numbered at its first such datagram), as packet-udp.c's
     * find_or_create_conversation finds the announced conversation (packet-tftp.c's, whose server
     * answers from a new port). Newest kept, at most 65,536.
     */
    private final Map<Long, long[]> announced = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, long[]> eldest) {
            return size() > 1 << 16;
        }
    };
    /**
     * Second conversations of a pair of endpoints a dissector created ({@link PduTable#takeWildcard}):
     * found before the pair's first, as Wireshark 4.0's conversation tables return the newest
     * conversation of a key. Newest kept, at most 65,536.
     */
    private final Map<Long, long[]> wildcards = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, long[]> eldest) {
            return size() > 1 << 16;
        }
    };
    private long nextStream;

    /** Notes a second conversation a dissector created in frame {@code frame} ({@link PduTable#takeWildcard}). */
    void wildcard(long key, long frame) {
        wildcards.putIfAbsent(key, new long[] {-1, 0, 0, frame});
    }

    /**
     * The second pass of two ({@code -2}): the first pass's wildcard conversations, each with its
     * stream, first time and the frame that made it. Wireshark's second pass finds such a
     * conversation for the frame that made it too (it exists from its setup frame on), whose
     * datagram then shows that conversation's stream and a time since its first datagram (in the
     * first pass, a later one); a conversation no later datagram used takes the next number after
     * the first pass's last.
     */
    private Map<Long, long[]> firstWildcards = Map.of();
    private long afterFirst;
    private long frameNumber;

    void secondPassOf(UdpConversations first) {
        firstWildcards = first.wildcards;
        afterFirst = first.nextStream;
    }

    /** Notes a conversation a dissector announced ({@link PduTable#takeAnnounced}). */
    void announce(long key) {
        announced.putIfAbsent(key, new long[] {-1, 0, 0});
    }
    /**
     * Per layer of the frame just decoded (and of its quote): {stream, first, previous}, reused
     * from frame to frame; a layer without a conversation is marked absent.
     */
    private final long[][] frameLayers = new long[Dissection.MAX_LAYERS][3];
    private final long[][] quoteLayers = new long[Dissection.MAX_LAYERS][3];
    private final boolean[] frameHas = new boolean[Dissection.MAX_LAYERS];
    private final boolean[] quoteHas = new boolean[Dissection.MAX_LAYERS];

    /** Both directions of a conversation map to one key (addresses and ports sorted). */
    private record Key(byte[] a, byte[] b, int pa, int pb) {
        static Key of(byte[] src, int sp, byte[] dst, int dp) {
            int c = Arrays.compare(src, dst);
            return c < 0 || c == 0 && sp <= dp ? new Key(src, dst, sp, dp) : new Key(dst, src, dp, sp);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && pa == k.pa && pb == k.pb && Arrays.equals(a, k.a) && Arrays.equals(b, k.b);
        }

        @Override
        public int hashCode() {
            return (Arrays.hashCode(a) * 31 + Arrays.hashCode(b)) * 31 + pa * 65537 + pb;
        }
    }

    /** Files the UDP layers of the frame just dissected ({@code d}), then those of the datagram its ICMP error quotes. */
    void frame(Dissection d, long time, long number) {
        frameNumber = number;
        layers(d, time, frameLayers, frameHas, false);
        Dissection q = d.quote();
        if (q != null) {
            layers(q, time, quoteLayers, quoteHas, true);
        } else {
            Arrays.fill(quoteHas, false);
        }
    }

    /**
     * The stream numbers of the frame's UDP layers, then those of the datagram its ICMP error
     * quotes (as {@code udp.stream} matches them all), written into {@code out} as far as it
     * reaches; returns how many there were.
     */
    int streams(int[] out) {
        int n = 0;
        for (int pass = 0; pass < 2; pass++) {
            boolean[] has = pass == 0 ? frameHas : quoteHas;
            long[][] layers = pass == 0 ? frameLayers : quoteLayers;
            for (int i = 0; i < has.length; i++) {
                if (has[i]) {
                    if (n < out.length) {
                        out[n] = (int) layers[i][0];
                    }
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Layer {@code i}'s {stream index, time of the conversation's first datagram, time of its
     * datagram before this one} (times in epoch nanoseconds), or null when it has none (fewer
     * than 8 bytes captured, no IP layer before it).
     */
    long[] of(Dissection d, int i, boolean quoted) {
        boolean[] has = quoted ? quoteHas : frameHas;
        return i < has.length && has[i] ? (quoted ? quoteLayers : frameLayers)[i] : null;
    }

    private void layers(Dissection d, long time, long[][] out, boolean[] has, boolean quoted) {
        int ip = -1;
        int n = Math.min(d.count(), out.length);
        for (int i = 0; i < out.length; i++) {
            has[i] = false;
            if (i >= n) {
                continue;
            }
            Proto p = d.proto(i);
            if (p == Proto.IPV4 || p == Proto.IPV6) {
                ip = i;
            } else if (p == Proto.UDP && ip >= 0 && d.captured(i) >= Udp.HEADER_LENGTH) {
                int length = Udp.length(d.segment(i), d.offset(i));
                // a length under 8 is bogus and ends packet-udp.c before the conversation
                // (0 over IPv6 is a jumbogram's, RFC 2675)
                if (length >= Udp.HEADER_LENGTH || length == 0 && d.proto(ip) == Proto.IPV6) {
                    file(d, ip, i, time, quoted, out[i]);
                    has[i] = true;
                }
            }
        }
    }

    /** Files the datagram of layer {@code i} and writes {stream, first, previous} into {@code result}. */
    private void file(Dissection d, int ip, int i, long time, boolean quoted, long[] result) {
        MemorySegment s = d.segment(ip);
        long off = d.offset(ip);
        boolean v4 = d.proto(ip) == Proto.IPV4;
        int n = v4 ? 4 : 16;
        // IPv6: a routing header's last hop is the destination and a home address option's
        // address the source (packet-ipv6.c sets pinfo->dst and pinfo->src)
        int dstAt = v4 ? 16 : d.ipv6Destination(ip);
        int srcAt = v4 ? 12 : d.ipv6Source(ip);
        byte[] src = new byte[n];
        byte[] dst = new byte[n];
        for (int k = 0; k < n; k++) {
            src[k] = (byte) Bytes.u8(s, off + srcAt + k);
            dst[k] = (byte) Bytes.u8(s, off + dstAt + k);
        }
        MemorySegment u = d.segment(i);
        long uo = d.offset(i);
        int sp = Udp.srcPort(u, uo);
        int dp = Udp.dstPort(u, uo);
        Key key = Key.of(src, sp, dst, dp);
        long[] c = null;
        if (!wildcards.isEmpty()) {
            c = wildcards.get(UdpKeys.announced(UdpKeys.endpoint(src, sp), UdpKeys.endpoint(dst, dp)));
            if (c == null) {
                c = wildcards.get(UdpKeys.announced(UdpKeys.endpoint(dst, dp), UdpKeys.endpoint(src, sp)));
            }
            if (c != null && c[0] < 0) {
                c[0] = nextStream++;
                c[1] = time;
                c[2] = time;
            }
        }
        if (c == null) {
            c = conversations.get(key);
        }
        if (c == null && !announced.isEmpty()) {
            c = announced.get(UdpKeys.announced(UdpKeys.endpoint(dst, dp), UdpKeys.endpoint(src, UdpKeys.HOST)));
            if (c == null) {
                c = announced.get(UdpKeys.announced(UdpKeys.endpoint(src, sp), UdpKeys.endpoint(dst, UdpKeys.HOST)));
            }
            if (c != null && c[0] < 0) {
                c[0] = nextStream++;
                c[1] = time;
                c[2] = time;
            }
        }
        if (c == null) {
            c = new long[] {nextStream++, time, time};
            conversations.put(key, c);
        }
        result[0] = c[0];
        result[1] = c[1];
        result[2] = c[2];
        if (!firstWildcards.isEmpty() && !quoted) {
            long[] w = firstWildcards.get(UdpKeys.announced(UdpKeys.endpoint(src, sp), UdpKeys.endpoint(dst, dp)));
            if (w == null) {
                w = firstWildcards.get(UdpKeys.announced(UdpKeys.endpoint(dst, dp), UdpKeys.endpoint(src, sp)));
            }
            if (w != null && w[3] == frameNumber) {
                if (w[0] < 0) {
                    w[0] = afterFirst++;
                    w[1] = time;
                }
                result[0] = w[0];
                result[1] = w[1];
            }
        }
        if (!quoted) {
            c[2] = time;
        }
    }
}
