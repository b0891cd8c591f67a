package dev.tcpscope.tcp;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Mptcp;

import java.lang.foreign.MemorySegment;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Multipath TCP connections (RFC 8684) as Wireshark 4.0's TCP dissector follows them with its
 * default preferences (MPTCP analysis on, relative data sequence numbers, no mapping analysis):
 * every TCP conversation that carries an MPTCP option is a subflow; the keys of MP_CAPABLE
 * give each direction a token and an initial data sequence number (the SHA-1 or SHA-256 of the
 * key), MP_JOIN's token finds the connection a new subflow joins, and each connection gets an
 * MPTCP stream number in the order it was first needed ({@code mptcp.stream}).
 *
 * <p>The state moves as packet-tcp.c moves it ({@code get_or_create_mptcpd_from_key},
 * {@code mptcp_get_meta_from_token}, {@code mptcp_alloc_analysis}), including its quirks: a
 * DSS, ADD_ADDR or later option on a conversation without a connection makes one that no
 * subflow list holds, and a DSS with an 8-byte sequence number marks the direction's base
 * as known without changing it. Effects stop where Wireshark's reads of a short option throw.
 *
 * <p>Fed in capture order with every MPTCP option ({@link #option}); the printers read the
 * state the frame left ({@link TcpRecord#mptcp}).
 */
public final class MptcpAnalysis {
    /** {@code MPTCP_META_HAS_BASE_DSN_MSB}: the base is known, so sequence numbers can be made relative. */
    public static final int HAS_BASE = 0x01;
    /** {@code MPTCP_META_HAS_KEY}; it includes {@link #HAS_BASE}, and Wireshark tests the two bits together. */
    public static final int HAS_KEY = 0x03;
    /** {@code MPTCP_META_HAS_TOKEN}. */
    public static final int HAS_TOKEN = 0x04;

    /** One direction of an MPTCP connection (Wireshark's {@code mptcp_meta_flow_t}). */
    public static final class Meta {
        int flags;
        long token;
        long key;
        int version;
        long baseDsn;

        void copy(Meta m) {
            flags = m == null ? 0 : m.flags;
            token = m == null ? 0 : m.token;
            key = m == null ? 0 : m.key;
            version = m == null ? 0 : m.version;
            baseDsn = m == null ? 0 : m.baseDsn;
        }

        public int flags() { return flags; }

        /** The token, the first 32 bits of the key's hash. */
        public long token() { return token; }

        public long key() { return key; }

        /** The initial data sequence number, the last 64 bits of the key's hash. */
        public long baseDsn() { return baseDsn; }
    }

    /** An MPTCP connection (Wireshark's {@code mptcp_analysis}). */
    public static final class Connection {
        final int stream;
        final Meta[] meta = {new Meta(), new Meta()};
        /** The subflows attached, newest first (Wireshark prepends). */
        final List<Subflow> subflows = new ArrayList<>(2);
        Subflow master;
        /** The {@link #operation}s of every segment whose MPTCP analysis was shown (mp_operations). */
        int operations;

        Connection(int stream) {
            this.stream = stream;
        }

        /** {@code mptcp.stream}. */
        public int stream() { return stream; }

        /** The TCP stream whose MP_CAPABLE set the connection up, or -1. */
        public int masterStream() { return master == null ? -1 : master.tcpStream; }

        /** {@code mptcp.analysis.subflows}: each subflow's TCP stream followed by a space, newest first. */
        public String subflowList() {
            StringBuilder sb = new StringBuilder();
            for (Subflow f : subflows) {
                sb.append(f.tcpStream).append(' ');
            }
            return sb.toString();
        }
    }

    /** A TCP conversation's MPTCP side: its connection and each direction's meta flow. */
    public static final class Subflow {
        final int tcpStream;
        Connection connection;
        /** Index 0: the conversation's forward (low to high) direction, 1: the other. */
        final Meta[] meta = new Meta[2];
        /** Per direction: the connection's operations when that direction's last segment was analysed. */
        final int[] operations = new int[2];

        Subflow(int tcpStream) {
            this.tcpStream = tcpStream;
        }

        /** The MPTCP connection, or null while none is known. */
        public Connection connection() { return connection; }

        /** The meta flow of the direction that sends when {@code forward} is as given, or null. */
        public Meta meta(boolean forward) { return meta[forward ? 0 : 1]; }
    }

    /**
     * What each MPTCP option of the segment being analysed saw: both directions' meta flows as
     * that option left them, which is what Wireshark shows with it (a later option of the same
     * segment may change them). Reused for every segment.
     */
    public static final class Seen {
        /** An MPTCP option is at least 3 bytes, so 40 bytes of options hold at most 13. */
        private static final int MAX = 14;
        int count;
        final int[] position = new int[MAX];
        final Meta[] fwd = new Meta[MAX];
        final Meta[] rev = new Meta[MAX];

        Seen() {
            for (int k = 0; k < MAX; k++) {
                fwd[k] = new Meta();
                rev[k] = new Meta();
            }
        }

        private int index(int pos) {
            for (int k = 0; k < count; k++) {
                if (position[k] == pos) {
                    return k;
                }
            }
            return -1;
        }

        /** The sender's meta flow as the option at header offset {@code pos} left it (zero when none). */
        public Meta sender(int pos) {
            int k = index(pos);
            return k < 0 ? new Meta() : fwd[k];
        }

        /** The receiver's meta flow as the option at header offset {@code pos} left it (zero when none). */
        public Meta receiver(int pos) {
            int k = index(pos);
            return k < 0 ? new Meta() : rev[k];
        }
    }

    private final Seen seen = new Seen();
    private final HashMap<Integer, Subflow> subflows = new HashMap<>();
    private final HashMap<Long, Connection> tokens = new HashMap<>();
    private int nextStream;
    /** The sending direction of the segment being taken in (0: forward), for {@link #allocate}. */
    private int sender;

    /** Starts a segment: no MPTCP option seen yet. */
    Seen begin() {
        seen.count = 0;
        return seen;
    }

    /** Notes what the option at header offset {@code pos} of TCP stream {@code tcpStream} left. */
    void saw(int tcpStream, boolean forward, int pos) {
        if (seen.count == Seen.MAX) {
            return;
        }
        Subflow sf = subflow(tcpStream);
        int k = seen.count++;
        seen.position[k] = pos;
        seen.fwd[k].copy(sf == null ? null : sf.meta[forward ? 0 : 1]);
        seen.rev[k].copy(sf == null ? null : sf.meta[forward ? 1 : 0]);
    }

    /** The MPTCP side of TCP stream {@code tcpStream}, or null when it never carried the option. */
    public Subflow subflow(int tcpStream) {
        return subflows.isEmpty() ? null : subflows.get(tcpStream);
    }

    /**
     * The bit an option subtype sets in a connection's operations (packet-tcp.c's
     * {@code mp_operations}: MP_CAPABLE 0x01 up to MP_FASTCLOSE 0x80; MP_TCPRST and unknown
     * subtypes none).
     */
    public static int operation(int subtype) {
        return subtype <= Mptcp.MP_FASTCLOSE ? 1 << subtype : 0;
    }

    /**
     * Whether the connection of TCP stream {@code tcpStream} has seen new MPTCP operations since
     * the sender's last segment: RFC 8684 §4 lets such a segment repeat an ACK, and Wireshark
     * then counts no duplicate ACK.
     */
    boolean operationsChanged(int tcpStream, boolean forward) {
        Subflow sf = subflow(tcpStream);
        return sf != null && sf.connection != null && sf.connection.operations != sf.operations[forward ? 0 : 1];
    }

    /** The end of a segment's sequence analysis: the sender remembers the connection's operations. */
    void rememberOperations(int tcpStream, boolean forward) {
        Subflow sf = subflow(tcpStream);
        if (sf != null && sf.connection != null) {
            sf.operations[forward ? 0 : 1] = sf.connection.operations;
        }
    }

    /**
     * A segment's MPTCP analysis was shown (its options were read to their end): its
     * {@code operations} join the connection's.
     */
    void operationsShown(int tcpStream, int operations) {
        Subflow sf = subflow(tcpStream);
        if (sf != null && sf.connection != null) {
            sf.connection.operations |= operations;
        }
    }

    /** Where Wireshark 4.0's {@code mptcp_get_meta_from_token()} fails its assertion (see {@link #option}). */
    public static final String ASSERTION = "./epan/dissectors/packet-tcp.c:5551: failed assertion \"DISSECTOR_ASSERT_NOT_REACHED\"";

    /**
     * Takes in the MPTCP option at {@code o} (length byte {@code len}, {@code avail} bytes of it
     * readable) of a segment of TCP stream {@code tcpStream} sent in direction {@code forward}.
     * False when Wireshark's dissector stops with {@link #ASSERTION}: a new token for a
     * connection made by an earlier DSS or later subtype, neither of whose directions has a
     * token yet. The segment's dissection ends there, and the token is not recorded.
     */
    public boolean option(int tcpStream, boolean forward, MemorySegment s, long o, int len, int avail) {
        Subflow sf = subflows.computeIfAbsent(tcpStream, Subflow::new);
        int fwd = forward ? 0 : 1;
        int rev = 1 - fwd;
        sender = fwd;
        if (avail < 3) {
            return true;
        }
        int subtype = Mptcp.subtype(s, o);
        if (sf.connection == null && subtype > Mptcp.MP_JOIN) {
            allocate(sf);
        }
        switch (subtype) {
            case Mptcp.MP_CAPABLE -> {
                if (avail < 4 || !(len == 12 || len == 20 || len == 22 || len == 24) || avail < 12) {
                    return true;
                }
                int version = Bytes.u8(s, o + 2) & 0x0f;
                Connection c = fromKey(sf, fwd, version, Mptcp.u64(s, o + 4));
                if (c == null) {
                    return false;
                }
                c.master = sf;
                if (len >= 20 && avail >= 20) {
                    Meta r = sf.meta[rev];
                    if ((r == null || (r.flags & HAS_KEY) == 0) && fromKey(sf, rev, version, Mptcp.u64(s, o + 12)) == null) {
                        return false;
                    }
                }
            }
            case Mptcp.MP_JOIN -> {
                if (len != 12 && sf.connection == null) {
                    allocate(sf);
                }
                if (len == 12 && avail >= 8) {
                    if (fromToken(sf, rev, Bytes.u32(s, o + 4)) == null) {
                        return false;
                    }
                    if (sf.meta[fwd].version == 1) {
                        // version 1 sent the first key on the SYN/ACK: the directions swap
                        Meta m = sf.meta[fwd];
                        sf.meta[fwd] = sf.meta[rev];
                        sf.meta[rev] = m;
                    }
                }
            }
            case Mptcp.DSS -> {
                if (avail < 4) {
                    return true;
                }
                int flags = Bytes.u8(s, o + 3);
                int at = 4;
                if ((flags & Mptcp.DSS_DATA_ACK) != 0) {
                    at += (flags & Mptcp.DSS_DATA_ACK_8) != 0 ? 8 : 4;
                }
                if ((flags & Mptcp.DSS_MAPPING) != 0 && (flags & Mptcp.DSS_DSN_8) != 0 && avail >= at + 8) {
                    sf.meta[fwd].flags |= HAS_BASE; // the base stays as it was (packet-tcp.c ORs in nothing)
                }
            }
            default -> { }
        }
        return true;
    }

    /** mptcp_alloc_analysis(): a new connection, not yet in any subflow list; the sender gets meta 0. */
    private Connection allocate(Subflow sf) {
        Connection c = new Connection(nextStream++);
        sf.connection = c;
        sf.meta[sender] = c.meta[0];
        sf.meta[1 - sender] = c.meta[1];
        return c;
    }

    private static void attach(Connection c, Subflow sf) {
        if (!c.subflows.contains(sf)) {
            c.subflows.addFirst(sf);
        }
        sf.connection = c;
    }

    /** get_or_create_mptcpd_from_key(): the direction {@code dir} learns its key; null on Wireshark's assertion. */
    private Connection fromKey(Subflow sf, int dir, int version, long key) {
        Meta m = sf.meta[dir];
        if (m != null && (m.flags & HAS_KEY) != 0) {
            return sf.connection;
        }
        long[] tokenIdsn = version == 0 ? hash("SHA-1", key) : version == 1 ? hash("SHA-256", key) : new long[2];
        Connection c = fromToken(sf, dir, tokenIdsn[0]);
        if (c == null) {
            return null;
        }
        m = sf.meta[dir];
        m.version = version;
        m.key = key;
        m.flags |= HAS_KEY;
        m.baseDsn = tokenIdsn[1];
        return c;
    }

    /**
     * mptcp_get_meta_from_token(): finds or sets up the connection whose direction {@code dir}
     * has this token; null where Wireshark asserts (neither direction of the conversation's
     * connection has a token).
     */
    private Connection fromToken(Subflow sf, int dir, long token) {
        Meta m = sf.meta[dir];
        if (m != null && (m.flags & HAS_TOKEN) != 0) {
            return sf.connection;
        }
        Connection c = tokens.get(token);
        if (c != null) {
            attach(c, sf);
        } else {
            c = sf.connection;
            if (c == null) {
                c = allocate(sf);
                attach(c, sf);
            } else if ((c.meta[0].flags & HAS_TOKEN) != 0) {
                sf.meta[dir] = c.meta[1]; // the direction without a token takes this one
            } else if ((c.meta[1].flags & HAS_TOKEN) != 0) {
                sf.meta[dir] = c.meta[0];
            } else {
                return null;
            }
            sf.meta[dir].token = token;
            sf.meta[dir].flags |= HAS_TOKEN;
            tokens.put(token, c);
        }
        int id = sf.meta[dir] == c.meta[0] ? 0 : 1;
        int fwdId = dir == 0 ? id : 1 - id;
        sf.meta[0] = c.meta[fwdId];
        sf.meta[1] = c.meta[1 - fwdId];
        return c;
    }

    /** The token (first 32 bits) and initial data sequence number (last 64 bits) of the key's hash (RFC 8684 §3.1). */
    private static long[] hash(String algorithm, long key) {
        byte[] in = new byte[8];
        for (int k = 0; k < 8; k++) {
            in[k] = (byte) (key >>> (56 - 8 * k));
        }
        byte[] d;
        try {
            d = MessageDigest.getInstance(algorithm).digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is a required JDK algorithm", e);
        }
        long token = ((d[0] & 0xffL) << 24) | ((d[1] & 0xffL) << 16) | ((d[2] & 0xffL) << 8) | (d[3] & 0xffL);
        long idsn = 0;
        for (int k = d.length - 8; k < d.length; k++) {
            idsn = (idsn << 8) | (d[k] & 0xffL);
        }
        return new long[] {token, idsn};
    }
}
