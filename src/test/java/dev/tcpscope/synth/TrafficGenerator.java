package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Writes a deterministic synthetic capture of many interleaved TCP connections: handshakes with
 * options, request/response and bulk data both ways with delayed ACKs, FIN closes and RST aborts,
 * and faults at modest rates (loss with RTO or fast retransmission, duplicate ACKs with SACK,
 * out-of-order segments, zero-window periods with probes and window updates, keep-alives, SYN
 * retransmissions, ISNs near 2^32). Frames are a mix of full-size (1514-byte) segments and small
 * ones: about 1 GB per million packets.
 *
 * <p>The same seed and options give the same bytes. A bounded number of connections is open at
 * once; as one closes, a new one opens, so memory stays flat however many packets are asked for.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.TrafficGenerator \
 *     --packets N --seed S --out FILE [--conversations K] [--ipv6-share P] [--http-share P]
 *     [--tls-share P] [--dns-share P] [--nanos]
 * </pre>
 */
public final class TrafficGenerator {
    /** 2025-01-01T00:00:00Z: a fixed start so that output depends on nothing but the options. */
    public static final long START_EPOCH_NANOS = 1_735_689_600_000_000_000L;
    private static final long US = 1_000;

    private final SplittableRandom rnd;
    private final int conversations;
    private final double ipv6Share;
    private double httpShare, tlsShare, dnsShare;
    private final FrameBuilder frames = new FrameBuilder();

    /**
     * @param seed          fixes everything random
     * @param conversations how many connections are open at once (>= 1)
     * @param ipv6Share     fraction of connections over IPv6, 0..1
     */
    public TrafficGenerator(long seed, int conversations, double ipv6Share) {
        if (conversations < 1) throw new IllegalArgumentException("conversations " + conversations);
        if (!(ipv6Share >= 0 && ipv6Share <= 1)) throw new IllegalArgumentException("ipv6 share " + ipv6Share);
        this.rnd = new SplittableRandom(seed);
        this.conversations = conversations;
        this.ipv6Share = ipv6Share;
    }

    /**
     * Makes a share of the connections HTTP/1.1 on port 80 (see {@link Conversation}); 0, the
     * default, draws nothing more from the seed, so captures made before this option are unchanged.
     */
    public TrafficGenerator httpShare(double share) {
        if (!(share >= 0 && share <= 1)) throw new IllegalArgumentException("http share " + share);
        this.httpShare = share;
        return this;
    }

    /**
     * Makes shares of the connections TLS 1.3 on port 443 and DNS lookups over UDP (see
     * {@link Conversation}); the shares of HTTP, TLS and DNS add up to at most 1.
     */
    public TrafficGenerator tlsDnsShares(double tls, double dns) {
        if (!(tls >= 0 && dns >= 0 && httpShare + tls + dns <= 1)) {
            throw new IllegalArgumentException("shares " + httpShare + " + " + tls + " + " + dns);
        }
        this.tlsShare = tls;
        this.dnsShare = dns;
        return this;
    }

    /** What the next connection carries: one draw when any share is set (none otherwise). */
    private int kind() {
        if (httpShare == 0 && tlsShare == 0 && dnsShare == 0) {
            return Conversation.PLAIN;
        }
        double r = rnd.nextDouble();
        return r < httpShare ? Conversation.HTTP : r < httpShare + tlsShare ? Conversation.TLS
                : r < httpShare + tlsShare + dnsShare ? Conversation.DNS : Conversation.PLAIN;
    }

    /**
     * Writes {@code packets} Ethernet frames to {@code out} in capture order, timestamps never
     * decreasing (several frames may share a microsecond, as on a busy link). Call once per
     * generator.
     */
    public void write(PcapWriter out, long packets) throws IOException {
        PriorityQueue<Conversation> open = new PriorityQueue<>(conversations, (a, b) -> {
            int c = Long.compare(a.nextTime(), b.nextTime());
            return c != 0 ? c : Long.compare(a.id, b.id);
        });
        long nextId = 0;
        for (int i = 0; i < conversations; i++) {
            Conversation c = new Conversation();
            // Openings spread over the first half second, like a capture started on a busy link.
            c.open(nextId++, START_EPOCH_NANOS + rnd.nextLong(500_000 * US), rnd.nextDouble() < ipv6Share, kind(), rnd);
            open.add(c);
        }
        long last = START_EPOCH_NANOS;
        for (long written = 0; written < packets; written++) {
            Conversation c = open.poll();
            long t = Math.max(c.nextTime(), last);   // plans never go back in time; this only guards it
            c.emit(t, frames, out);
            last = t;
            if (!c.advance(rnd)) {
                c.open(nextId++, t + rnd.nextLong(10 * US, 20_000 * US), rnd.nextDouble() < ipv6Share, kind(), rnd);
            }
            open.add(c);
        }
    }

    public static void main(String[] args) throws IOException {
        long packets = 1_000_000, seed = 1;
        int conversations = 2000;
        double ipv6 = 0.2, http = 0, tls = 0, dns = 0;
        boolean nanos = false;
        int snaplen = 262_144;
        Path outPath = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--packets" -> packets = Long.parseLong(value(args, ++i, a));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--out" -> outPath = Path.of(value(args, ++i, a));
                case "--conversations" -> conversations = Integer.parseInt(value(args, ++i, a));
                case "--ipv6-share" -> ipv6 = Double.parseDouble(value(args, ++i, a));
                case "--http-share" -> http = Double.parseDouble(value(args, ++i, a));
                case "--tls-share" -> tls = Double.parseDouble(value(args, ++i, a));
                case "--dns-share" -> dns = Double.parseDouble(value(args, ++i, a));
                case "--nanos" -> nanos = true;
                case "--snaplen" -> snaplen = Integer.parseInt(value(args, ++i, a));
                default -> usage("unknown option " + a);
            }
        }
        if (outPath == null) usage("--out is required");
        long t0 = System.nanoTime();
        TrafficGenerator g = new TrafficGenerator(seed, conversations, ipv6).httpShare(http).tlsDnsShares(tls, dns);
        try (OutputStream os = outPath.toString().equals("-") ? System.out : Files.newOutputStream(outPath);
             PcapWriter w = new PcapWriter(os, LinkType.ETHERNET, snaplen, nanos, 4 << 20)) {
            g.write(w, packets);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (!outPath.toString().equals("-")) {
            long bytes = Files.size(outPath);
            System.err.printf("wrote %d packets, %.1f MB to %s in %.2f s (%.2f M packets/s)%n",
                    packets, bytes / 1e6, outPath, s, packets / s / 1e6);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) usage(option + " needs a value");
        return args[i];
    }

    private static void usage(String why) {
        System.err.println("TrafficGenerator: " + why);
        System.err.println("usage: --packets N --seed S --out FILE [--conversations K] [--ipv6-share P] [--http-share P] [--tls-share P] [--dns-share P] [--nanos] [--snaplen N]");
        System.exit(2);
    }
}
