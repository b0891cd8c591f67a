package dev.tcpscope.proto.sctp;

import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import java.util.function.Consumer;

/**
 * SCTP (IP protocol 132; RFC 9260) as tshark 4.0.17's packet-sctp.c shows it with its default
 * preferences: the common header (ports, verification tag, the association index it leaves
 * disabled, the checksum it does not verify), then each chunk in turn with its type, flags,
 * length, the fields of its type, its parameters or error causes, and its padding. A DATA
 * chunk's payload goes to the data protocol (payload protocols are not dissected here), after
 * which a new SCTP item holds the chunks that follow, as tshark's tree shows them. Info names
 * each chunk ("SACK (Ack=1, Arwnd=4096) DATA (TSN=0) "). One walk makes the columns, the tree,
 * the fields and frame.protocols' names.
 *
 * <p>Relative TSNs come from {@link Tsns}: the first TSN of the half association (ports and
 * verification tag) and of its peer, as {@code tcp.SctpTsns} follows them in capture order.
 */
public final class Sctp {
    private Sctp() { }

    /** packet-sctp.c's registry (tshark -G fields / values), for the labels. */
    static final Registry REG = Registry.load(Sctp.class, "sctp");

    /**
     * The half association's first TSNs for this frame, or -1 where tshark shows no relative TSN;
     * and for the frame's k-th DATA chunk, at {@code 2k} and {@code 2k + 1} of {@code retrans},
     * the frame that first carried its TSN (0 when this is not a retransmission) and the time since (ns).
     */
    public record Tsns(long own, long peer, long[] retrans) {
        public static final Tsns NONE = new Tsns(-1, -1, new long[0]);

        /** From {@code tcp.Decoded#sctpBases()}: {own, peer, then the pairs of {@code retrans}}. */
        public static Tsns of(long[] b) {
            return b.length < 2 ? NONE : new Tsns(b[0], b[1], java.util.Arrays.copyOfRange(b, 2, b.length));
        }

        /** The first frame of the k-th DATA chunk's TSN when the chunk is a retransmission, else 0. */
        long retransmitted(int k) {
            return 2 * k + 1 < retrans.length ? retrans[2 * k] : 0;
        }

        long after(int k) {
            return retrans[2 * k + 1];
        }
    }

    static final int HEADER = 12;

    /** At most this many chunks are walked in one packet (a chunk is at least 4 bytes: a 64 KiB packet has fewer). */
    static final int MAX_CHUNKS = 1 << 14;

    /**
     * Walks the packet in {@code t}: the columns, the tree under {@code root} and the names of
     * frame.protocols after "sctp" ({@code protocols}).
     *
     * @return null when the walk ended, or the exception that ended it
     */
    public static Tvb.Stop walk(Tvb t, Tsns tsns, boolean fragmented, Tree root, StringBuilder protocol, StringBuilder info,
                                Consumer<String> protocols) {
        return walk(t, tsns, fragmented, true, root, protocol, info, protocols);
    }

    /**
     * As {@link #walk(Tvb, Tsns, boolean, Tree, StringBuilder, StringBuilder, Consumer)}; without
     * {@code tree} (tshark's list with no filter, details or fields) the parameters and error
     * causes are not read, as packet-sctp.c reads them only into a tree.
     */
    public static Tvb.Stop walk(Tvb t, Tsns tsns, boolean fragmented, boolean tree, Tree root, StringBuilder protocol,
                                StringBuilder info, Consumer<String> protocols) {
        Walk w = null;
        try {
            // ports the capture cuts leave the columns to IP (measured on mutated packets)
            t.need(0, 4);
            protocol.setLength(0);
            protocol.append("SCTP");
            info.setLength(0);
            w = new Walk(t, tsns == null ? Tsns.NONE : tsns, root, info, protocols);
            w.tree = tree;
            w.run();
            return null;
        } catch (Tvb.Stop stop) {
            // after a DATA fragment packet-sctp.c has set pinfo->fragmented: a malformed rest is "unreassembled"
            return stop.shown(fragmented || w != null && w.fragment);
        }
    }

    /** Where a DATA chunk's payload goes: its bytes, as the data protocol shows them. */
    @FunctionalInterface
    public interface DataSink {
        void add(java.lang.foreign.MemorySegment s, long offset, int length);
    }

    /** The payloads the walk hands the data protocol (data.data, data.len), in order. */
    public static void data(Tvb t, DataSink sink) {
        try {
            Walk w = new Walk(t, Tsns.NONE, Tree.NOTHING, new StringBuilder(), name -> { });
            w.sink = sink;
            w.run();
        } catch (Tvb.Stop stop) {
            // the payloads before the exception stay
        }
    }

    /** The names frame.protocols gives what follows "sctp": "data" for each DATA chunk's payload. */
    public static void names(Tvb t, Consumer<String> protocols) {
        walk(t, Tsns.NONE, false, Tree.NOTHING, new StringBuilder(), new StringBuilder(), protocols);
    }

    static final class Walk {
        final Tvb t;
        final Tsns tsns;
        final Tree root;
        final StringBuilder info;
        final Consumer<String> protocols;
        Tree sctp;
        DataSink sink;
        /** DATA chunks walked so far: the index into {@link Tsns#retrans}. */
        int dataChunks;
        /** Whether a DATA chunk that is a message fragment has been walked (pinfo->fragmented). */
        boolean fragment;
        /** Whether tshark would build a tree: else parameters and causes are not read. */
        boolean tree = true;

        Walk(Tvb t, Tsns tsns, Tree root, StringBuilder info, Consumer<String> protocols) {
            this.t = t;
            this.tsns = tsns;
            this.root = root;
            this.info = info;
            this.protocols = protocols;
        }

        void run() {
            int sport = t.u16(0);
            int dport = t.u16(2);
            sctp = t.at(root.protocol("sctp", "Stream Control Transmission Protocol, Src Port: " + sport + " (" + sport
                    + "), Dst Port: " + dport + " (" + dport + ")"), 0, t.rep);
            item(sctp, "sctp.srcport", 0, 2);
            item(sctp, "sctp.dstport", 2, 2);
            item(sctp, "sctp.verification_tag", 4, 4);
            // tshark shows the (disabled) association index only when the chunks are dissected without an exception
            if (clean()) {
                sctp.field("sctp.assoc_index", "Association index: disabled (enable in preferences)", "65535").generated();
            }
            t.at(sctp.hidden("sctp.port", Integer.toString(sport)), 0, 2);
            t.at(sctp.hidden("sctp.port", Integer.toString(dport)), 2, 2);
            long sum = t.u32(8);
            String hex = String.format("0x%08x", sum);
            t.at(sctp.field("sctp.checksum", "Checksum: " + hex + " [unverified]", hex), 8, 4);
            t.at(sctp.field("sctp.checksum.status", "Checksum Status: Unverified", "2").generated(), 8, 0);
            chunks();
        }

        void chunks() {
            int off = HEADER;
            int start = 0;
            for (int n = 0; n < MAX_CHUNKS && t.rep - off > 0; n++) {
                int length = t.u16(off + 2);
                int padded = (length + 3) & ~3;
                int left = t.rep - off;
                int rep = Math.min(Math.max(padded, 4), left);
                Tvb c = new Tvb(t.s, t.base + off, Math.max(0, Math.min(rep, t.cap - off)), rep);
                boolean handedOn = Chunks.chunk(this, c, length);
                // a chunk shorter than its header ends the walk (its type byte has been read)
                if (length < 4) {
                    break;
                }
                if (handedOn) {
                    // the item ends with the DATA chunk's header; the chunks after the payload get a new one
                    sctp.length(off - start + Chunks.DATA_HEADER);
                }
                off += padded;
                if (handedOn && t.rep - off > 0) {
                    sctp = t.at(root.protocol("sctp", "Stream Control Transmission Protocol"), off, t.rep - off);
                    start = off;
                }
            }
        }

        /** Whether the chunks can be walked to the end without an exception (a walk that keeps nothing). */
        boolean clean() {
            if (root == Tree.NOTHING) {
                return true;
            }
            Walk dry = new Walk(t, tsns, Tree.NOTHING, new StringBuilder(), name -> { });
            dry.sctp = Tree.NOTHING;
            dry.tree = tree;
            try {
                dry.chunks();
                return true;
            } catch (Tvb.Stop stop) {
                return false;
            }
        }

        Tree item(Tree parent, String name, int off, int len) {
            return REG.integerItem(t, parent, REG.row(name), off, len, (v, number) -> number);
        }

        void data(Tvb c, int off, int len) {
            int n = Math.min(len, Math.max(0, c.cap - off));
            if (sink != null && n > 0) {
                sink.add(c.s, c.base + off, n);
            }
            Items.data(root, c.s, c.base + off, n, protocols);
        }
    }

    static Tree item(Tvb t, Tree parent, String name, int off, int len) {
        return REG.integerItem(t, parent, REG.row(name), off, len, (v, number) -> number);
    }

    static Tree named(Tvb t, Tree parent, String name, int off, int len) {
        return REG.integerItem(t, parent, REG.row(name), off, len, (v, number) -> REG.name(name, v) + " (" + number + ")");
    }

}
