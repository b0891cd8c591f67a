package dev.tcpscope.tcp;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Proto;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Echo request/reply matching of packet-icmp.c and packet-icmpv6.c (their transaction_start and
 * transaction_end), for every frame the {@link Decoder} decodes, so that the packet list, the
 * detail tree and the fields all see one answer, whether or not a filter hides the partner frame.
 *
 * <p>A request waits under its address pair (either direction), identifier, sequence number and
 * the checksum its reply will carry (the type byte changes the ones'-complement sum by 0x0800 in
 * ICMP, 0x0100 in ICMPv6); the first reply found under that key answers it, and a second reply to
 * the same request is not paired. A request repeated under the same key replaces the waiting one.
 * The dissectors' "in GRE" bit of the key does not separate an exchange over GRE from one outside
 * it in tshark 4.0.17 (measured), so it is left out.
 *
 * <p>One pass, as tshark without {@code -2}: a reply names its request; a request names nothing,
 * for its reply comes later. {@code -2}: the first pass {@linkplain #record() records} each pair
 * and the second shows it from both ends; a request left unanswered then says so, or that it
 * went to a multicast address, as tshark's second pass does.
 *
 * <p>Memory: at most {@link #MAX_WAITING} unanswered requests are remembered (the oldest are
 * forgotten), and a recording first pass keeps every answered exchange.
 */
public final class IcmpEchoes {
    /** Unanswered requests remembered at most. */
    static final int MAX_WAITING = 1 << 16;

    private record Key(long a0, long a1, long b0, long b1, int sum, int idSeq) { }

    /** A request: its frame and time (epoch nanoseconds), and its reply's frame once answered. */
    private static final class Exchange {
        final long request;
        final long time;
        long reply;

        Exchange(long request, long time) {
            this.request = request;
            this.time = time;
        }
    }

    private final Map<Key, Exchange> waiting = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Exchange> eldest) {
            return size() > MAX_WAITING;
        }
    };

    /**
     * An answered exchange under each of its two frames, with the key, as packet-icmp.c's
     * matched_pdus: with {@code -2 -R} a frame the read filter drops shares its number with
     * the next one, so the number alone could name two messages.
     */
    private record Matched(Key key, long frame) { }

    /** First pass of two: the exchanges answered so far. */
    private Map<Matched, Exchange> recording;
    /** Second pass: what the first recorded. */
    private Map<Matched, Exchange> recorded;

    private int layer = -1;
    private boolean request;
    private long partner;
    private long requestTime;
    private boolean unanswered;
    private boolean multicast;

    /** Before a first pass of two: keep every pair for the second. */
    void record() {
        recording = new HashMap<>();
    }

    /** Before the second pass: show the pairs {@code first} recorded. */
    void secondPassOf(IcmpEchoes first) {
        recorded = first.recording == null ? new HashMap<>() : first.recording;
        first.recording = null;
    }

    /** Matches the echo message of the frame just dissected, if it has one. */
    void frame(Dissection d, long frame, long time) {
        layer = -1;
        partner = 0;
        unanswered = false;
        multicast = false;
        int ip = -1;
        for (int i = 0, n = d.count(); i < n; i++) {
            Proto p = d.proto(i);
            if (p == Proto.IPV4 || p == Proto.IPV6) {
                ip = i;
            } else if (p == Proto.ICMP || p == Proto.ICMPV6) {
                // only the first: an ICMP message after it is inside an error (in_error_pkt)
                message(d, i, ip, p == Proto.ICMPV6, frame, time);
                return;
            }
        }
    }

    private void message(Dissection d, int i, int ip, boolean v6, long frame, long time) {
        if (d.captured(i) < 8) {
            return; // the dissectors throw reading the identifier or sequence number first
        }
        MemorySegment s = d.segment(i);
        long off = d.offset(i);
        int type = Bytes.u8(s, off);
        boolean isRequest = type == (v6 ? 128 : 8);
        if (!isRequest && type != (v6 ? 129 : 0)) {
            return;
        }
        if (v6 && dev.tcpscope.wire.UdpTunnel.teredoTest(d, i)) {
            return; // Teredo's connectivity test (RFC 4380 §5.2.9): packet-icmpv6.c shows its nonce instead
        }
        int sum = Bytes.u16(s, off + 2);
        // ICMP keys both ends under the reply's checksum, ICMPv6 under the request's; 0x0000 and
        // 0xffff (the two zeros of ones'-complement arithmetic) key alike, as tshark 4.0.17 pairs
        // a request with a reply of either
        int keySum = v6 ? (isRequest ? sum : shifted(sum, 0x0100)) : (isRequest ? shifted(sum, 0x0800) : sum);
        Key key = key(d, ip, keySum == 0 ? 0xffff : keySum, (int) Bytes.u32(s, off + 4));
        layer = i;
        request = isRequest;
        if (recorded != null) {
            Exchange r = recorded.get(new Matched(key, frame));
            if (r != null) {
                partner = isRequest ? r.reply : r.request;
                requestTime = r.time;
            } else if (isRequest) {
                multicast = toMulticast(d, ip);
                unanswered = !multicast;
            }
            return;
        }
        if (isRequest) {
            waiting.put(key, new Exchange(frame, time));
            return;
        }
        Exchange w = waiting.remove(key);
        if (w == null) {
            return;
        }
        w.reply = frame;
        partner = w.request;
        requestTime = w.time;
        if (recording != null) {
            recording.put(new Matched(key, w.request), w);
            recording.put(new Matched(key, frame), w);
        }
    }

    /**
     * The checksum of the partner message: {@code sum} with the type word changed by
     * {@code delta}, as the dissectors fold {~sum, ~delta} with ip_checksum(); 0 becomes 0xffff.
     */
    static int shifted(int sum, int delta) {
        int folded = (~sum & 0xffff) + (~delta & 0xffff);
        folded = (folded & 0xffff) + (folded >>> 16);
        int k = ~folded & 0xffff;
        return k == 0 ? 0xffff : k;
    }

    private static Key key(Dissection d, int ip, int sum, int idSeq) {
        if (ip < 0) {
            return new Key(0, 0, 0, 0, sum, idSeq);
        }
        MemorySegment s = d.segment(ip);
        long off = d.offset(ip);
        long a0;
        long a1;
        long b0;
        long b1;
        if (d.proto(ip) == Proto.IPV4) {
            a0 = Bytes.u32(s, off + 12);
            b0 = Bytes.u32(s, off + 16);
            a1 = 0;
            b1 = 0;
        } else {
            a0 = Bytes.u64(s, off + 8);
            a1 = Bytes.u64(s, off + 16);
            b0 = Bytes.u64(s, off + 24);
            b1 = Bytes.u64(s, off + 32);
        }
        // a conversation is the address pair in either direction
        int c = Long.compareUnsigned(a0, b0);
        if (c > 0 || c == 0 && Long.compareUnsigned(a1, b1) > 0) {
            return new Key(b0, b1, a0, a1, sum, idSeq);
        }
        return new Key(a0, a1, b0, b1, sum, idSeq);
    }

    /** Whether the request went to a multicast address (224.0.0.0/4, ff00::/8). */
    private static boolean toMulticast(Dissection d, int ip) {
        if (ip < 0) {
            return false;
        }
        boolean v4 = d.proto(ip) == Proto.IPV4;
        int first = Bytes.u8(d.segment(ip), d.offset(ip) + (v4 ? 16 : 24));
        return v4 ? (first & 0xf0) == 0xe0 : first == 0xff;
    }

    /** Takes {@code o}'s answer about the frame it decoded last (not its waiting requests): for a copy of that frame. */
    public void copyAnswer(IcmpEchoes o) {
        layer = o.layer;
        request = o.request;
        partner = o.partner;
        requestTime = o.requestTime;
        unanswered = o.unanswered;
        multicast = o.multicast;
    }

    /** Whether layer {@code i} of the frame just decoded is a request or reply this matched (or tried to). */
    public boolean about(int i) { return layer == i && layer >= 0; }

    /** Whether the message {@link #about} is a request. */
    public boolean request() { return request; }

    /** For a request, the frame of its reply (second pass only); for a reply, its request's frame; else 0. */
    public long partner() { return partner; }

    /** For a reply with a {@link #partner}, its request's time (epoch nanoseconds). */
    public long requestTime() { return requestTime; }

    /** Second pass: a request no reply answered, to a unicast address ("no response found!"). */
    public boolean unanswered() { return unanswered; }

    /** Second pass: a request no reply answered, to a multicast address. */
    public boolean multicast() { return multicast; }
}
