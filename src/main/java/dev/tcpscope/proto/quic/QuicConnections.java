package dev.tcpscope.proto.quic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * packet-quic.c's connection tracking: a connection is made by the client's first Initial
 * packet and found again by its Connection IDs (the client's, the server's, the client's first
 * Destination Connection ID) or, for a zero-length DCID and for short headers, by its UDP
 * conversation. Which side sent a packet follows from which table knew its DCID, or from the
 * server's address and port (RFC 9000 §5.2). At most {@link #MAX_CONNECTIONS} connections are
 * tracked; a client Initial after that makes none (its packets show "Unknown QUIC connection").
 */
final class QuicConnections {
    /** The cap on tracked connections (a few hundred bytes each, plus their CRYPTO buffers). */
    static final int MAX_CONNECTIONS = 10_000;

    static final int INITIAL = 0, ZERO_RTT = 1, HANDSHAKE = 2, RETRY = 3, VERSION_NEGOTIATION = 0xfe, SHORT = 0xff;

    private static final HexFormat HEX = HexFormat.of();

    /** A Connection ID: its bytes (at most 20) as lowercase hex, which is also how Info shows it. */
    record Cid(String hex) {
        static final Cid EMPTY = new Cid("");

        int length() { return hex.length() / 2; }

        byte[] bytes() { return HEX.parseHex(hex); }

        /** Whether {@code raw}, a DCID read to an unknown length, starts with this CID (an empty one matches all). */
        boolean prefixOf(Cid raw) { return raw.hex.startsWith(hex); }

        static Cid of(byte[] b) { return new Cid(HEX.formatHex(b)); }
    }

    /** One QUIC connection (quic_info_data_t). */
    static final class Conn {
        final int number;
        int version;
        final long serverEndpoint;
        final List<Cid> clientCids = new ArrayList<>(2);
        final List<Cid> serverCids = new ArrayList<>(2);
        Cid clientDcidInitial = Cid.EMPTY;
        boolean clientDcidSet;
        QuicCrypto.Keys[] initialKeys;
        /** Packet number spaces Initial, Handshake, application data, per side (client 0, server 1). */
        final long[][] maxPn = new long[2][3];
        boolean skipDecryption;
        /** The connection that used the same UDP conversation before this one. */
        final Conn prev;
        /** CRYPTO streams: [side][level], level 0 Initial (the only one decrypted here). */
        final QuicCryptoStream[][] crypto = new QuicCryptoStream[2][1];

        Conn(int number, int version, long serverEndpoint, Conn prev) {
            this.number = number;
            this.version = version;
            this.serverEndpoint = serverEndpoint;
            this.prev = prev;
            clientCids.add(Cid.EMPTY);
            serverCids.add(Cid.EMPTY);
        }

        QuicCryptoStream crypto(boolean fromServer) {
            int side = fromServer ? 1 : 0;
            if (crypto[side][0] == null) {
                crypto[side][0] = new QuicCryptoStream();
            }
            return crypto[side][0];
        }
    }

    private final Map<String, Conn> client = new HashMap<>();
    private final Map<String, Conn> server = new HashMap<>();
    private final Map<String, Conn> initial = new HashMap<>();
    private final Map<Long, Conn> byConversation = new HashMap<>();
    private long cidLengths;
    private int count;

    /** The result of a lookup: the connection (or null) and whether the packet came from the server. */
    static final class Found {
        Conn conn;
        boolean fromServer;
        /** A short header's DCID as the lookup cut it. */
        Cid dcid;
    }

    boolean anyCid() { return cidLengths != 0; }

    private boolean knownLength(int len) {
        return len < 64 && (cidLengths & (1L << len)) != 0;
    }

    private void insert(Cid cid, Conn c, boolean fromServer) {
        (fromServer ? server : client).put(cid.hex(), c);
        cidLengths |= 1L << cid.length();
    }

    /** quic_connection_find_dcid: by DCID, or (null or empty DCID) the conversation's newest connection. */
    private void findDcid(Cid dcid, long conversation, long source, Found f) {
        Conn c = null;
        boolean checkPorts = false;
        if (dcid != null && dcid.length() > 0) {
            if (!knownLength(dcid.length())) {
                f.conn = null;
                return;
            }
            c = client.get(dcid.hex());
            if (c != null) {
                f.fromServer = true;
                checkPorts = server.containsKey(dcid.hex());
            } else {
                c = server.get(dcid.hex());
                if (c != null) {
                    f.fromServer = false;
                }
            }
        } else {
            c = byConversation.get(conversation);
            checkPorts = c != null;
        }
        if (checkPorts) {
            f.fromServer = c.serverEndpoint == source;
        }
        f.conn = c;
    }

    /** quic_connection_find for a packet of {@code type} with {@code dcid} (for a short header: up to 20 bytes read). */
    Found find(int type, Cid dcid, long conversation, long source) {
        Found f = new Found();
        f.dcid = dcid;
        if (type == ZERO_RTT && dcid.length() > 0) {
            f.conn = initial.get(dcid.hex());
            f.fromServer = false;
        } else {
            findDcid(dcid, conversation, source, f);
            if (type == INITIAL && f.conn == null && dcid.length() > 0) {
                f.conn = initial.get(dcid.hex());
                if (f.conn != null) {
                    f.fromServer = false;
                }
            }
            if (type == INITIAL && f.conn != null && !f.fromServer && dcid.length() > 0
                    && !dcid.equals(f.conn.clientDcidInitial) && !matches(f.conn.serverCids, dcid)) {
                f.conn = null;
            }
        }
        if (type == SHORT && f.conn == null) {
            findDcid(null, conversation, source, f);
            Conn c = f.conn;
            while (c != null) {
                if (matches(f.fromServer ? c.clientCids : c.serverCids, dcid)) {
                    break;
                }
                c = c.prev;
            }
            f.conn = c;
            String hex = dcid.hex();
            while (f.conn == null && hex.length() > 2) {
                hex = hex.substring(0, hex.length() - 2);
                if (knownLength(hex.length() / 2)) {
                    findDcid(new Cid(hex), conversation, source, f);
                }
            }
            if (f.conn == null) {
                f.dcid = Cid.EMPTY;
            }
        }
        return f;
    }

    private static boolean matches(List<Cid> cids, Cid raw) {
        for (Cid c : cids) {
            if (c.prefixOf(raw)) {
                return true;
            }
        }
        return false;
    }

    /** quic_connection_create_or_update after a long header packet (or a short one: nothing). */
    Conn createOrUpdate(Conn c, int type, int version, Cid scid, Cid dcid, boolean fromServer,
                        long conversation, long destination) {
        switch (type) {
            case INITIAL -> {
                if (!fromServer) {
                    if (c == null) {
                        if (count >= MAX_CONNECTIONS) {
                            return null;
                        }
                        c = new Conn(count++, version, destination, byConversation.get(conversation));
                        byConversation.put(conversation, c);
                        updateInitial(c, scid, dcid);
                    } else if (!c.clientDcidSet && dcid.length() > 0) {
                        updateInitial(c, scid, dcid);
                        server.remove(c.serverCids.get(0).hex());
                        c.serverCids.set(0, Cid.EMPTY);
                    }
                    return c;
                }
                serverSide(c, type, scid, fromServer);
            }
            case RETRY, HANDSHAKE -> serverSide(c, type, scid, fromServer);
            default -> { }
        }
        return c;
    }

    private void serverSide(Conn c, int type, Cid scid, boolean fromServer) {
        if (!fromServer || c == null) {
            return;
        }
        if (type == RETRY) {
            initial.remove(c.clientDcidInitial.hex());
            c.clientDcidInitial = Cid.EMPTY;
            c.clientDcidSet = false;
        }
        if (c.serverCids.get(0).length() == 0 && scid.length() > 0) {
            c.serverCids.set(0, scid);
            insert(scid, c, true);
        }
    }

    private void updateInitial(Conn c, Cid scid, Cid dcid) {
        if (scid.length() > 0) {
            c.clientCids.set(0, scid);
            insert(scid, c, false);
        }
        if (dcid.length() > 0) {
            c.clientDcidInitial = dcid;
            initial.put(dcid.hex(), c);
            c.clientDcidSet = true;
        }
    }

    /**
     * The cipher suite a Server Hello chose, by UDP conversation: tshark 4.0.17's TLS keeps its
     * session per conversation, so a second QUIC connection on the same addresses and ports
     * knows the first one's (tls_get_cipher_info). At most {@link #MAX_CONNECTIONS} kept.
     */
    private final Map<Long, Integer> ciphers = new HashMap<>();

    void noteCipher(long conversation, int cipher) {
        if (ciphers.size() < MAX_CONNECTIONS || ciphers.containsKey(conversation)) {
            ciphers.putIfAbsent(conversation, cipher);
        }
    }

    int cipher(long conversation) {
        return ciphers.getOrDefault(conversation, 0);
    }

    /** How many connections are tracked. */
    int size() { return count; }

    static String hex(byte[] b) { return HEX.formatHex(b); }

    static byte[] copy(byte[] b, int len) { return Arrays.copyOf(b, len); }
}
