package dev.tcpscope.synth;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * One synthetic TCP connection, planned a round at a time and emitted a segment at a time.
 *
 * <p>A round is what happens between two decisions of the sender: a flight of data segments and
 * the receiver's ACKs for it, with at most one injected fault (loss and retransmission, an
 * out-of-order pair, a zero-window period). Its steps are planned into a fixed array, sorted by
 * time and handed out one by one, so a connection holds O(1) memory however long it runs.
 * Timing follows a capture taken beside the sender of each flight: the receiver's ACK for a
 * segment shows up one RTT after the segment.
 *
 * <p>Sequence numbers are kept relative (64-bit) per direction and added to the ISN when a
 * segment is built, so ISNs near 2^32 wrap naturally.
 *
 * <p>An HTTP connection (server port 80) carries HTTP/1.1 on the same plan: each exchange's
 * request is a GET (or, for an upload, a POST with a Content-Length body), each response a
 * {@code 200 OK} with a Content-Length body spread over as many segments as its size needs, so
 * a dissector must reassemble it, with the same losses, retransmissions and reordering inside
 * bodies as any other transfer. Header bytes come from the message's text, body bytes from the
 * filler.
 *
 * <p>A TLS connection (server port 443) carries TLS 1.3 records on the same plan ({@link Tls}):
 * the first exchange is a ClientHello with SNI and the server's ServerHello and ChangeCipherSpec
 * followed by Application Data, every later message Application Data records of up to 16 KiB,
 * so records span segments and segments end mid-record. A DNS "connection" is no connection: one
 * to eight lookups over UDP to port 53, each a query and one RTT later its answer ({@link Dns}).
 */
final class Conversation {
    static final int CLIENT = 0, SERVER = 1;
    /** What a conversation carries: filler over TCP, HTTP/1.1, TLS 1.3 records, or DNS over UDP. */
    static final int PLAIN = 0, HTTP = 1, TLS = 2, DNS = 3;
    private static final int MAX_STEPS = 96;
    private static final int MAX_CWND = 24;
    private static final long US = 1_000, MS = 1_000_000;
    private static final byte[] MAC_CLIENT = {0x02, 0x00, 0x5e, 0x10, 0x00, 0x01};
    private static final byte[] MAC_ROUTER = {0x02, 0x00, 0x5e, 0x10, 0x00, (byte) 0xfe};
    private static final int[] SERVER_PORTS = {5201, 5200, 5001, 9000, 12345};

    /** Per-round fault rates: modest, so that most traffic is clean as in a real capture. */
    private static final double P_LOSS = 0.02, P_OUT_OF_ORDER = 0.015, P_ZERO_WINDOW = 0.006,
            P_ABORT = 0.003, P_SYN_RETRANSMIT = 0.01, P_KEEPALIVE = 0.04, P_RST_CLOSE = 0.1;

    /** One segment to emit; seq relative to the sender's ISN, ack and SACK relative to the peer's. */
    static final class Step {
        long time;
        int dir, flags, len, window;
        long seq, ack, sackLeft = -1, sackRight;
    }

    private final Step[] steps = new Step[MAX_STEPS];
    private int nSteps, cursor;
    private long next;
    private final int[] order = new int[MAX_CWND];
    private final long[] segSeq = new long[MAX_CWND], segSent = new long[MAX_CWND];
    private final int[] segLen = new int[MAX_CWND];

    long id;
    private boolean v6;
    private int client4, server4;
    private final byte[] client6 = new byte[16], server6 = new byte[16];
    private int clientPort, serverPort;
    private final int[] isn = new int[2], ipId = new int[2], tsBase = new int[2], wscale = new int[2],
            rwnd = new int[2];
    private final long[] nxt = new long[2];   // next relative sequence number to send, per direction
    private long t0, rtt, gap;
    private int mss, cwnd, exchangesLeft, xferDir;
    private long xferLeft, responsePending;
    private boolean established, closed;
    private boolean http;
    private int kind;
    private int exchange;
    /** TLS: per direction, the message in flight (see {@link Tls}). */
    private final Tls[] tls = {new Tls(), new Tls()};
    private long tlsResponseBody;
    /** HTTP: per direction, the message being sent (header text) and the relative sequence number it starts at. */
    private final byte[][] header = new byte[2][];
    private final long[] messageStart = new long[2];
    private byte[] responseHeader;
    private final byte[] scratch = new byte[65536];

    Conversation() {
        for (int i = 0; i < MAX_STEPS; i++) steps[i] = new Step();
    }

    /** Time of the next segment to emit (a field: the scheduler's heap compares it often). */
    long nextTime() {
        return next;
    }

    /**
     * Starts a fresh connection whose SYN goes out at {@code start}; plans its first round. With
     * {@code kind} HTTP an HTTP/1.1 connection to port 80, TLS a TLS 1.3 one to port 443, DNS
     * a series of DNS lookups over UDP to port 53 (no connection).
     */
    void open(long id, long start, boolean ipv6, int kind, SplittableRandom rnd) {
        this.id = id;
        this.kind = kind;
        this.http = kind == HTTP;
        exchange = 0;
        header[0] = header[1] = null;
        v6 = ipv6;
        int host = (int) (id % 0xFFFFFE) + 1;
        client4 = 0x0a000000 | host;                          // 10.0.0.0/8
        server4 = 0xc6120000 | (1 + rnd.nextInt(250));        // 198.18.0.0/15, RFC 2544 benchmarking
        client6[0] = 0x20; client6[1] = 0x01; client6[2] = 0x0d; client6[3] = (byte) 0xb8;   // 2001:db8::/32
        server6[0] = 0x20; server6[1] = 0x01; server6[2] = 0x0d; server6[3] = (byte) 0xb8;
        server6[4] = (byte) 0xff; server6[15] = (byte) (1 + rnd.nextInt(250));
        client6[12] = (byte) (host >>> 24); client6[13] = (byte) (host >>> 16);
        client6[14] = (byte) (host >>> 8); client6[15] = (byte) host;
        clientPort = 32768 + (int) ((id * 7919) % 28232);
        serverPort = SERVER_PORTS[rnd.nextInt(SERVER_PORTS.length)];
        if (http) serverPort = 80;
        if (kind == TLS) serverPort = 443;
        if (kind == DNS) serverPort = 53;
        for (int d = 0; d < 2; d++) {
            // One connection in ten starts within ~2 MB of 2^32 so its sequence numbers wrap.
            isn[d] = rnd.nextInt(10) == 0 ? -1 - rnd.nextInt(2_000_000) : rnd.nextInt();
            ipId[d] = rnd.nextInt(65536);
            tsBase[d] = rnd.nextInt() & 0x7fffffff;
            nxt[d] = 0;
        }
        wscale[CLIENT] = 7;
        wscale[SERVER] = rnd.nextBoolean() ? 7 : 9;
        rwnd[CLIENT] = 262_144;
        rwnd[SERVER] = 131_072;
        t0 = start;
        long[] rtts = {50 * US, 400 * US, 3 * MS, 20 * MS, 80 * MS};
        rtt = rtts[rnd.nextInt(rtts.length)] + rnd.nextLong(rtts[0]);
        long[] gaps = {121 * US, 600 * US, 2400 * US, 12 * MS};  // a full frame at the bottleneck: 100M, 20M, 5M, 1M b/s
        gap = gaps[rnd.nextInt(gaps.length)] + rnd.nextLong(10 * US);
        mss = v6 ? 1440 : 1460;
        cwnd = 10;                                            // RFC 6928 initial window
        exchangesLeft = 1 + rnd.nextInt(8);
        xferLeft = responsePending = 0;
        established = closed = false;
        nSteps = cursor = 0;
        plan(start, rnd);
    }

    /** Emits the next segment at {@code time} (at or after {@link #nextTime()}). */
    void emit(long time, FrameBuilder fb, PcapWriter out) throws IOException {
        Step s = steps[cursor++];
        if (cursor < nSteps) next = steps[cursor].time;
        int d = s.dir;
        fb.macs(d == CLIENT ? MAC_CLIENT : MAC_ROUTER, d == CLIENT ? MAC_ROUTER : MAC_CLIENT);
        if (v6) {
            fb.ipv6(d == CLIENT ? client6 : server6, d == CLIENT ? server6 : client6);
        } else {
            fb.ipv4(d == CLIENT ? client4 : server4, d == CLIENT ? server4 : client4);
        }
        fb.ipId(ipId[d]++);
        if (kind == DNS) {
            int n = Dns.message(scratch, d == SERVER, (int) s.ack, id, s.seq);
            fb.payload(scratch, 0);
            int len = fb.udp(d == CLIENT ? clientPort : serverPort, d == CLIENT ? serverPort : clientPort, n);
            out.write(time, fb.buffer(), 0, len);
            return;
        }
        TcpOptions o = fb.options().clear();
        int tsval = tsBase[d] + (int) ((time - t0) / MS);
        int tsecr = tsBase[1 - d] + (int) (Math.max(0, time - t0 - rtt) / MS);
        int window;
        if ((s.flags & FrameBuilder.SYN) != 0) {
            o.mss(mss).sackPermitted().timestamps(tsval, d == CLIENT ? 0 : tsecr).nop().windowScale(wscale[d]);
            window = d == CLIENT ? 64240 : 65160;
        } else {
            if ((s.flags & FrameBuilder.RST) == 0) o.nop().nop().timestamps(tsval, tsecr);
            if (s.sackLeft >= 0) {
                o.nop().nop().sack(isn[1 - d] + (int) s.sackLeft, isn[1 - d] + (int) s.sackRight);
            }
            window = s.window >>> wscale[d];
        }
        payload(fb, d, s.seq, s.len);
        int ack = (s.flags & FrameBuilder.ACK) != 0 ? isn[1 - d] + (int) s.ack : 0;
        int sport = d == CLIENT ? clientPort : serverPort, dport = d == CLIENT ? serverPort : clientPort;
        int len = fb.tcp(sport, dport, isn[d] + (int) s.seq, ack, s.flags, window, s.len);
        out.write(time, fb.buffer(), 0, len);
    }

    /**
     * Sets the payload of a segment of direction {@code d} starting at relative {@code seq}: the
     * filler, or for HTTP the header text of the message in flight where the segment covers it.
     */
    private void payload(FrameBuilder fb, int d, long seq, int len) {
        if (kind == TLS) {
            FrameBuilder.filler(seq, scratch, 0, len);
            tls[d].overlay(seq, scratch, len);
            fb.payload(scratch, 0);
            return;
        }
        byte[] h = header[d];
        long off = seq - messageStart[d];
        if (h == null || len == 0 || off >= h.length || off + len <= 0) {
            fb.fillerPayload(seq);
            return;
        }
        int from = (int) Math.max(0, off);
        int lead = (int) Math.max(0, -off);                   // bytes before the message (none in practice)
        int n = Math.min(h.length - from, len - lead);
        FrameBuilder.filler(seq, scratch, 0, len);
        System.arraycopy(h, from, scratch, lead, n);
        fb.payload(scratch, 0);
    }

    /** After {@link #emit}: whether there is more to emit (planning the next round if needed). */
    boolean advance(SplittableRandom rnd) {
        if (cursor < nSteps) return true;
        return plan(steps[nSteps - 1].time, rnd);
    }

    private boolean plan(long t, SplittableRandom rnd) {
        if (closed) return false;
        nSteps = cursor = 0;
        if (kind == DNS) {
            lookup(established ? t + (long) StrictMath.exp(rnd.nextDouble(StrictMath.log(MS), StrictMath.log(2000 * MS))) : t, rnd);
            established = true;
            closed = --exchangesLeft <= 0;
            next = steps[0].time;
            return true;
        }
        if (!established) {
            established = true;
            t = handshake(t, rnd);
            startExchange(t + 10 * US, rnd);
        } else if (xferLeft > 0) {
            transfer(t + 5 * US, rnd);
        } else if (responsePending > 0) {
            xferDir = SERVER;
            xferLeft = responsePending;
            responsePending = 0;
            if (http) {
                header[SERVER] = responseHeader;
                messageStart[SERVER] = nxt[SERVER];
            }
            if (kind == TLS) {
                tls[SERVER].start(nxt[SERVER], exchange == 1 ? Tls.serverHello(id) : null, tlsResponseBody);
            }
            cwnd = Math.max(cwnd, 10);
            transfer(t + 50 * US + rnd.nextLong(5 * MS), rnd);
        } else if (--exchangesLeft > 0) {
            // Think time, log-uniform from 20 ms to 5 s. StrictMath: Math.exp may differ by an ulp
            // between interpreter and JIT, and the output must depend on the seed alone.
            long start = t + (long) StrictMath.exp(rnd.nextDouble(StrictMath.log(20 * MS), StrictMath.log(5000 * MS)));
            if (rnd.nextDouble() < P_KEEPALIVE) start = keepAlive(t + rnd.nextLong(300 * MS, 1500 * MS));
            startExchange(start, rnd);
        } else {
            close(t + rnd.nextLong(10 * US, 20 * MS), rnd);
        }
        sortSteps();
        next = steps[0].time;
        return true;
    }

    private void startExchange(long t, SplittableRandom rnd) {
        xferDir = CLIENT;
        boolean upload = rnd.nextInt(5) == 0;
        xferLeft = upload ? rnd.nextLong(10_000, 500_000) : rnd.nextLong(100, 800);
        int r = rnd.nextInt(100);
        responsePending = upload ? rnd.nextLong(100, 400)
                : r < 50 ? rnd.nextLong(200, 3000) : r < 92 ? rnd.nextLong(3000, 60_000) : rnd.nextLong(60_000, 1_500_000);
        if (kind == TLS) {
            // TLS 1.3: the first exchange is ClientHello, then ServerHello, ChangeCipherSpec and the
            // encrypted rest of the handshake; every other byte is Application Data records
            exchange++;
            byte[] hello = exchange == 1 ? Tls.clientHello(id) : null;
            tls[CLIENT].start(nxt[CLIENT], hello, exchange == 1 && !upload ? 0 : xferLeft);
            xferLeft = tls[CLIENT].length();
            tlsResponseBody = responsePending;
            responsePending = Tls.length(exchange == 1 ? Tls.serverHello(id) : null, responsePending);
        }
        if (http) {
            // the drawn sizes become the bodies; the headers come on top
            exchange++;
            String host = "198.18." + ((server4 >>> 8) & 0xff) + "." + (server4 & 0xff);
            String uri = "/obj/" + id + "/" + exchange;
            String request = upload
                    ? "POST " + uri + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: tcpscope-synth/1\r\n"
                            + "Content-Type: application/octet-stream\r\nContent-Length: " + xferLeft + "\r\n\r\n"
                    : "GET " + uri + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: tcpscope-synth/1\r\nAccept: */*\r\n\r\n";
            header[CLIENT] = request.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            messageStart[CLIENT] = nxt[CLIENT];
            xferLeft = upload ? xferLeft + header[CLIENT].length : header[CLIENT].length;
            responseHeader = ("HTTP/1.1 200 OK\r\nServer: tcpscope-synth/1\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + responsePending + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            responsePending += responseHeader.length;
        }
        transfer(t, rnd);
    }

    /** A DNS query and, one RTT later, its answer (one in eight "No such name"); seq: the lookup's number, ack: its ID. */
    private void lookup(long t, SplittableRandom rnd) {
        exchange++;
        int txid = rnd.nextInt(65536);
        long seq = exchange | (rnd.nextInt(8) == 0 ? Dns.NXDOMAIN : 0);
        add(t, CLIENT, 0, seq, txid, 0);
        add(t + rtt, SERVER, 0, seq, txid, 0);
    }

    private long handshake(long t, SplittableRandom rnd) {
        add(t, CLIENT, FrameBuilder.SYN, 0, 0, 0);
        if (rnd.nextDouble() < P_SYN_RETRANSMIT) add(t += 1000 * MS, CLIENT, FrameBuilder.SYN, 0, 0, 0);
        add(t += rtt, SERVER, FrameBuilder.SYN | FrameBuilder.ACK, 0, 1, 0);
        add(t += 20 * US, CLIENT, FrameBuilder.ACK, 1, 1, 0);
        nxt[CLIENT] = nxt[SERVER] = 1;
        return t;
    }

    /**
     * Idle, then a keep-alive (RFC 9293 §3.8.4: SEG.SEQ = SND.NXT-1, no data) and its ACK;
     * returns when the connection may carry on.
     */
    private long keepAlive(long t) {
        add(t, CLIENT, FrameBuilder.ACK, nxt[CLIENT] - 1, nxt[SERVER], 0);
        add(t + rtt, SERVER, FrameBuilder.ACK, nxt[SERVER], nxt[CLIENT], 0);
        return t + rtt + 100 * US;
    }

    private void close(long t, SplittableRandom rnd) {
        closed = true;
        int a = rnd.nextInt(10) < 7 ? CLIENT : SERVER, b = 1 - a;
        if (rnd.nextDouble() < P_RST_CLOSE) {
            add(t, a, FrameBuilder.RST | FrameBuilder.ACK, nxt[a], nxt[b], 0);
            return;
        }
        int fa = FrameBuilder.FIN | FrameBuilder.ACK;
        add(t, a, fa, nxt[a], nxt[b], 0);
        t += rtt;
        if (rnd.nextBoolean()) {
            add(t, b, FrameBuilder.ACK, nxt[b], nxt[a] + 1, 0);
            t += rnd.nextLong(10 * US, 5 * MS);
        }
        add(t, b, fa, nxt[b], nxt[a] + 1, 0);
        add(t + 20 * US, a, FrameBuilder.ACK, nxt[a] + 1, nxt[b] + 1, 0);
        nxt[a]++;
        nxt[b]++;
    }

    /** One flight of the current transfer and the receiver's ACKs, with at most one fault. */
    private void transfer(long t, SplittableRandom rnd) {
        final int d = xferDir, r = 1 - d;
        final int seg = mss - 12;                         // room left by the timestamps option
        final int n = (int) Math.min(cwnd, (xferLeft + seg - 1) / seg);
        final long base = nxt[d];
        long total = 0;
        for (int i = 0; i < n; i++) {
            segLen[i] = (int) Math.min(seg, xferLeft - total);
            segSeq[i] = base + total;
            segSent[i] = t + i * gap;
            order[i] = i;
            total += segLen[i];
        }
        final boolean finishes = total == xferLeft;
        double f = rnd.nextDouble();
        int loss = -1, swap = -1;
        boolean zeroWindow = false;
        if (n >= 2 && f < P_OUT_OF_ORDER) {
            swap = rnd.nextInt(n - 1);                    // segment swap+1 overtakes segment swap
            segSent[swap + 1] = segSent[swap];
            segSent[swap] += Math.min(gap, rtt) / 2;           // late by less than an RTT: reordered, not lost
            order[swap] = swap + 1;
            order[swap + 1] = swap;
        } else if (f < P_OUT_OF_ORDER + P_LOSS) {
            loss = rnd.nextInt(n);
        } else if (!finishes && f < P_OUT_OF_ORDER + P_LOSS + P_ZERO_WINDOW) {
            zeroWindow = true;
        }
        for (int i = 0; i < n; i++) {
            int flags = FrameBuilder.ACK | (finishes && i == n - 1 ? FrameBuilder.PSH : 0);
            add(segSent[i], d, flags, segSeq[i], nxt[r], segLen[i]);
        }

        // Fast retransmit after the third duplicate ACK (RFC 5681 §3.2), else after an RTO. The
        // third duplicate ACK answers the third segment after the lost one.
        long retransmit = -1;
        if (loss >= 0) {
            retransmit = loss + 3 < n ? segSent[loss + 3] + rtt + 20 * US
                    : segSent[n - 1] + Math.max(200 * MS, 3 * rtt);
            add(retransmit, d, FrameBuilder.ACK, segSeq[loss], nxt[r], segLen[loss]);
            cwnd = Math.max(2, cwnd / 2);
        } else {
            cwnd = Math.min(MAX_CWND, cwnd * 2);
        }

        // The receiver, in arrival order: in-order data is ACKed every second segment (RFC 9293
        // §3.8.6.3, delayed ACKs), data beyond a hole at once with a duplicate ACK carrying SACK
        // (RFC 5681 §4.2), the segment that fills the hole at once.
        long expected = base, sackL = -1, sackR = -1, last = t, lastAck = -1;
        int pending = 0;
        for (int j = 0; j <= n; j++) {
            int i = j < n ? order[j] : -1;
            long at = i >= 0 ? segSent[i] + rtt : Long.MAX_VALUE;
            if (retransmit >= 0 && retransmit + rtt <= at) {       // the retransmission arrives first
                i = loss;
                at = retransmit + rtt;
                retransmit = -1;
                j--;
            } else if (i < 0 || i == loss) {
                continue;
            }
            long s = segSeq[i], e = s + segLen[i];
            last = Math.max(last, at);
            if (s == expected) {
                expected = e;
                if (sackL == expected) {
                    expected = sackR;
                    sackL = -1;
                    pending = 1;
                }
                if (++pending >= 2) {
                    lastAck = ack(at, r, expected, -1, 0);
                    pending = 0;
                }
            } else {
                if (sackL < 0) sackL = s;
                sackR = e;
                lastAck = ack(at, r, expected, sackL, sackR);
                pending = 0;
            }
        }
        // An odd last segment waits for the delayed-ACK timer, unless the reply carries the ACK.
        boolean piggyback = finishes && d == CLIENT && responsePending > 0;
        if (pending > 0 && !piggyback) {
            last += 40 * MS;
            lastAck = ack(last, r, expected, -1, 0);
        }
        nxt[d] = base + total;
        xferLeft -= total;

        if (zeroWindow && lastAck >= 0) {
            // The receiver's buffer fills (RFC 9293 §3.8.6.1): window 0, probes, then a window update.
            steps[(int) lastAck].window = 0;
            long pt = last + 200 * MS;
            int probes = 1 + rnd.nextInt(2);
            for (int p = 0; p < probes; p++, pt += 400 * MS) {
                add(pt, d, FrameBuilder.ACK, nxt[d], nxt[r], 1);
                steps[(int) ack(pt + rtt, r, expected, -1, 0)].window = 0;
            }
            ack(pt + rnd.nextLong(10 * MS, 300 * MS), r, expected, -1, 0);
        } else if (!finishes && rnd.nextDouble() < P_ABORT) {
            add(last + rnd.nextLong(10 * US, 10 * MS), r, FrameBuilder.RST | FrameBuilder.ACK, nxt[r], expected, 0);
            closed = true;
            xferLeft = 0;
        }
    }

    /** Adds a pure ACK from {@code dir}; returns its index among the steps. */
    private long ack(long t, int dir, long ack, long sackL, long sackR) {
        Step s = add(t, dir, FrameBuilder.ACK, nxt[dir], ack, 0);
        s.sackLeft = sackL;
        s.sackRight = sackR;
        return nSteps - 1;
    }

    private Step add(long t, int dir, int flags, long seq, long ack, int len) {
        if (nSteps == MAX_STEPS) throw new IllegalStateException("round too long");
        Step s = steps[nSteps++];
        s.time = t;
        s.dir = dir;
        s.flags = flags;
        s.seq = seq;
        s.ack = ack;
        s.len = len;
        s.window = rwnd[dir];
        s.sackLeft = -1;
        return s;
    }

    /** Stable insertion sort by time: rounds are short and nearly sorted. */
    private void sortSteps() {
        for (int i = 1; i < nSteps; i++) {
            Step s = steps[i];
            int j = i - 1;
            while (j >= 0 && steps[j].time > s.time) {
                steps[j + 1] = steps[j];
                j--;
            }
            steps[j + 1] = s;
        }
    }
}
