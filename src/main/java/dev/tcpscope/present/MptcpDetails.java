package dev.tcpscope.present;

import dev.tcpscope.tcp.MptcpAnalysis;
import dev.tcpscope.tcp.TcpRecord;
import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Mptcp;

import java.lang.foreign.MemorySegment;

/**
 * The Multipath TCP option's subtree ({@code mptcp}, RFC 8684 §3) and the {@code [MPTCP
 * analysis]} items, as Wireshark 4.0's {@code dissect_tcpopt_mptcp()} and
 * {@code mptcp_add_analysis_subtree()} write them with the default preferences: raw values,
 * the token and initial data sequence number each key gives, data ACKs and sequence numbers
 * made relative to the initial data sequence number once it is known. The connection state
 * comes from the analysis ({@link MptcpAnalysis}, through {@link TcpRecord#mptcp}).
 *
 * <p>The dissector reads fields whether or not the option holds them; a read past the option
 * ends the frame {@code [Malformed Packet: MPTCP]}, past the captured bytes
 * {@code [Packet size limited during capture: MPTCP truncated]}.
 */
final class MptcpDetails {
    /** A read past what can be read (Wireshark's bounds exceptions), or its failed assertion. */
    private static final class Stop extends RuntimeException {
        private static final Stop INSTANCE = new Stop();

        private Stop() {
            super(null, null, false, false);
        }
    }

    private final Details x;
    private MemorySegment s;
    private long o;
    private int len;
    private int avail;
    /** The end of the read that failed. */
    private int failedAt;
    /** Whether the analysis found Wireshark's assertion failing on this option. */
    private boolean assertion;

    MptcpDetails(Details x) {
        this.x = x;
    }

    /**
     * Adds the option at {@code optionOffset} ({@code position} in its TCP header, length byte
     * {@code optionLength}, of which {@code captured} bytes exist) under {@code opts}; false when
     * a read failed or Wireshark's assertion did (the frame stops).
     */
    boolean add(DetailNode opts, MemorySegment seg, long optionOffset, int position, int optionLength, int captured,
                TcpRecord r) {
        s = seg;
        o = optionOffset;
        len = optionLength;
        avail = Math.min(optionLength, captured);
        assertion = r.mptcpAssertion == position;
        x.protocol("mptcp");
        // the option's buffer ends with the option: the item covers what of it was captured
        DetailNode m = opts.protocol("mptcp", "Multipath Transmission Control Protocol").at(s, o, Math.max(0, avail));
        try {
            at(m.field("tcp.option_kind", "Kind: Multipath TCP (30)", "30"), 0, 1);
            at(m.field("tcp.option_len", "Length: " + len, len), 1, 1);
            int b = u8(2);
            int subtype = b >>> 4;
            at(m.field("tcp.options.mptcp.subtype", Bits.pattern(b, 0xf0, 8) + "Multipath TCP subtype: "
                    + Mptcp.subtypeName(subtype) + (subtype <= Mptcp.MP_TCPRST ? " (" + subtype + ")" : ""),
                    Integer.toString(subtype)), 2, 1);
            m.relabel(m.label() + ": " + Mptcp.subtypeName(subtype));
            // each option shows the connection as it left it, not as the whole segment did
            MptcpAnalysis.Meta fwd = r.mptcpSeen == null ? null : r.mptcpSeen.sender(position);
            MptcpAnalysis.Meta rev = r.mptcpSeen == null ? null : r.mptcpSeen.receiver(position);
            switch (subtype) {
                case Mptcp.MP_CAPABLE -> capable(m, fwd, rev);
                case Mptcp.MP_JOIN -> join(m);
                case Mptcp.DSS -> dss(m, fwd, rev);
                case Mptcp.ADD_ADDR -> addAddress(m);
                case Mptcp.REMOVE_ADDR -> {
                    at(m.field("mptcp.rm_addr.count", "Number of removed addresses: " + ((len - 3) & 0xff),
                            Integer.toString((len - 3) & 0xff)).generated(), 2, 1);
                    for (int at = 3; at < len; at++) {
                        addressId(m, at);
                    }
                }
                case Mptcp.MP_PRIO -> {
                    backupFlags(m, 2);
                    if (len == 4) {
                        addressId(m, 3);
                    }
                }
                case Mptcp.MP_FAIL -> {
                    reserved(m);
                    at(m.field("tcp.options.mptcp.rawdataseqno", "Data Sequence Number: " + unsigned(u64(4)), unsigned(u64(4))),
                            4, 8);
                }
                case Mptcp.MP_FASTCLOSE -> {
                    reserved(m);
                    at(m.field("tcp.options.mptcp.recvkey", "Receiver's Key: " + unsigned(u64(4)), unsigned(u64(4))), 4, 8);
                }
                case Mptcp.MP_TCPRST -> reset(m);
                default -> { }
            }
            return true;
        } catch (Stop e) {
            if (failedAt < 0) {
                x.stopOnBug("MPTCP", MptcpAnalysis.ASSERTION);
            } else {
                x.stop("MPTCP", failedAt > len);
            }
            return false;
        }
    }

    // ---- reads --------------------------------------------------------------------------------

    /** Where the analysis met Wireshark's assertion: the dissector stops there. */
    private void assertionPoint() {
        if (assertion) {
            failedAt = -1;
            throw Stop.INSTANCE;
        }
    }

    private void need(int end) {
        if (end > avail) {
            failedAt = end;
            throw Stop.INSTANCE;
        }
    }

    private int u8(int at) {
        need(at + 1);
        return Bytes.u8(s, o + at);
    }

    private int u16(int at) {
        need(at + 2);
        return Bytes.u16(s, o + at);
    }

    private long u32(int at) {
        need(at + 4);
        return Bytes.u32(s, o + at);
    }

    private long u64(int at) {
        need(at + 8);
        return Mptcp.u64(s, o + at);
    }

    /** Places {@code n} as covering {@code size} bytes at {@code at} of the option. */
    private DetailNode at(DetailNode n, int at, int size) {
        return n.at(s, o + at, size);
    }

    private static String unsigned(long v) {
        return Long.toUnsignedString(v);
    }

    // ---- subtypes -------------------------------------------------------------------------------

    private void capable(DetailNode m, MptcpAnalysis.Meta fwd, MptcpAnalysis.Meta rev) {
        int version = u8(2) & 0x0f;
        at(m.field("tcp.options.mptcp.version", Bits.pattern(u8(2), 0x0f, 8) + "Multipath TCP version: " + version,
                Integer.toString(version)), 2, 1);
        int f = u8(3);
        DetailNode flags = at(m.field("tcp.options.mptcp.flags", "Multipath TCP flags: " + Labels.hex(f, 2), Labels.hex(f, 2)),
                3, 1);
        at(bit(flags, f, 0x80, "tcp.options.mptcp.checksumreq.flags", "Checksum required"), 3, 1);
        at(bit(flags, f, 0x40, "tcp.options.mptcp.extensibility.flag", "Extensibility"), 3, 1);
        if (version == 1) {
            at(bit(flags, f, 0x20, "tcp.options.mptcp.nomoresubflows.flag",
                    "Do not attempt to establish new subflows to this address and port"), 3, 1);
            at(bit(flags, f, 0x01, "tcp.options.mptcp.sha256.flag", "Use HMAC-SHA256"), 3, 1);
            int res = (f & 0x1e) >>> 1;
            at(flags.field("tcp.options.mptcp.reserved.flag", Bits.pattern(f, 0x1e, 8) + "Reserved: " + Labels.hex(res, 1),
                    Labels.hex(res, 2)), 3, 1);
        } else {
            at(bit(flags, f, 0x01, "tcp.options.mptcp.sha1.flag", "Use HMAC-SHA1"), 3, 1);
            int res = (f & 0x3e) >>> 1;
            at(flags.field("tcp.options.mptcp.reserved.flag", Bits.pattern(f, 0x3e, 8) + "Reserved: " + Labels.hex(res, 2),
                    Labels.hex(res, 2)), 3, 1);
        }
        if ((f & 0x3f) == 0) {
            Expert.add(flags, "mptcp.connection.missing_algorithm", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                    "No crypto algorithm specified");
        }
        if ((f & 0x3f) != 1) {
            Expert.add(flags, "mptcp.connection.unsupported_algorithm", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                    "Unsupported algorithm");
        }
        if (len != 12 && len != 20 && len != 22 && len != 24) {
            return;
        }
        long key = u64(4);
        at(m.field("tcp.options.mptcp.sendkey", "Sender's Key: " + unsigned(key), unsigned(key)), 4, 8);
        assertionPoint(); // get_or_create_mptcpd_from_key() of the sender's key
        long token = fwd == null ? 0 : fwd.token();
        long idsn = fwd == null ? 0 : fwd.baseDsn();
        // where packet-tcp.c has read to (after the sender's key), with no length: PDML's pos
        at(m.field("mptcp.expected_token", "Subflow token generated from key: " + token, token).generated(), 12, 0);
        DetailNode idsnItem = at(m.field("mptcp.expected_idsn", "Subflow expected IDSN: " + unsigned(idsn) + " (64bits version)",
                unsigned(idsn)).generated(), 12, 0);
        if (len >= 20) {
            long recv = u64(12);
            at(m.field("tcp.options.mptcp.recvkey", "Receiver's Key: " + unsigned(recv), unsigned(recv)), 12, 8);
            if (rev != null && (rev.flags() & MptcpAnalysis.HAS_KEY) != 0 && rev.key() != recv) {
                Expert.add(idsnItem, "mptcp.connection.echoed_key_mismatch", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                        "The echoed key in the ACK of the MPTCP handshake does not match the key of the SYN/ACK");
            }
        }
        if (len >= 22) {
            int dataLength = u16(20);
            at(m.field("tcp.options.mptcp.datalvllen", "Data-level Length: " + dataLength, dataLength), 20, 2);
            if (dataLength == 0) {
                infiniteMapping(m);
            }
            if (len == 24) {
                checksum(m, 22);
            }
        }
    }

    private void join(DetailNode m) {
        switch (len) {
            case 12 -> {
                backupFlags(m, 2);
                addressId(m, 3);
                long token = u32(4);
                at(m.field("tcp.options.mptcp.recvtok", "Receiver's Token: " + token, token), 4, 4);
                assertionPoint(); // mptcp_get_meta_from_token()
                long nonce = u32(8);
                at(m.field("tcp.options.mptcp.sendrand", "Sender's Random Number: " + nonce, nonce), 8, 4);
            }
            case 16 -> {
                backupFlags(m, 2);
                addressId(m, 3);
                long hmac = u64(4);
                at(m.field("tcp.options.mptcp.sendtrunchmac", "Sender's Truncated HMAC: " + unsigned(hmac), unsigned(hmac)),
                        4, 8);
                long nonce = u32(12);
                at(m.field("tcp.options.mptcp.sendrand", "Sender's Random Number: " + nonce, nonce), 12, 4);
            }
            case 24 -> {
                reserved(m);
                need(24);
                at(m.field("tcp.options.mptcp.sendhmac", "Sender's HMAC: " + Labels.hexShort(s, o + 4, 20),
                        Labels.hexColons(s, o + 4, 20)), 4, 20);
            }
            default -> { }
        }
    }

    private void dss(DetailNode m, MptcpAnalysis.Meta fwd, MptcpAnalysis.Meta rev) {
        int f = u8(3) & 0x1f;
        DetailNode flags = at(m.field("tcp.options.mptcp.flags", "Multipath TCP flags: " + Labels.hex(u8(3), 2),
                Labels.hex(u8(3), 2)), 3, 1);
        int raw = u8(3);
        at(bit(flags, raw, Mptcp.DSS_DATA_FIN, "tcp.options.mptcp.datafin.flag", "DATA_FIN"), 3, 1);
        at(bit(flags, raw, Mptcp.DSS_DSN_8, "tcp.options.mptcp.dseqn8.flag", "Data Sequence Number is 8 octets"), 3, 1);
        at(bit(flags, raw, Mptcp.DSS_MAPPING, "tcp.options.mptcp.dseqnpresent.flag",
                "Data Sequence Number, Subflow Sequence Number, Data-level Length, Checksum present"), 3, 1);
        at(bit(flags, raw, Mptcp.DSS_DATA_ACK_8, "tcp.options.mptcp.dataack8.flag", "Data ACK is 8 octets"), 3, 1);
        at(bit(flags, raw, Mptcp.DSS_DATA_ACK, "tcp.options.mptcp.dataackpresent.flag", "Data ACK is present"), 3, 1);
        boolean ack8 = (f & Mptcp.DSS_DATA_ACK_8) != 0;
        int at = 4;
        if ((f & Mptcp.DSS_DATA_ACK) != 0) {
            long ack = ack8 ? u64(at) : u32(at);
            at(m.field("tcp.options.mptcp.rawdataack", "Original MPTCP Data ACK: " + unsigned(ack) + (ack8 ? " (64bits)" : ""),
                    unsigned(ack)), at, ack8 ? 8 : 4);
            at += ack8 ? 8 : 4;
            if (relative(rev)) {
                long v = relative(ack, rev, !ack8);
                m.field("mptcp.ack", "Multipath TCP Data ACK: " + unsigned(v) + " (Relative)", unsigned(v)).generated();
            }
        }
        if ((f & Mptcp.DSS_MAPPING) != 0) {
            boolean dsn8 = (f & Mptcp.DSS_DSN_8) != 0;
            long dsn = dsn8 ? u64(at) : u32(at);
            at(m.field("tcp.options.mptcp.rawdataseqno", "Data Sequence Number: " + unsigned(dsn)
                    + (dsn8 ? "  (64bits version)" : "  (32bits version)"), unsigned(dsn)), at, dsn8 ? 8 : 4);
            at += dsn8 ? 8 : 4;
            long ssn = u32(at);
            at(m.field("tcp.options.mptcp.subflowseqno", "Subflow Sequence Number: " + ssn, ssn), at, 4);
            at += 4;
            int dataLength = u16(at);
            at(m.field("tcp.options.mptcp.datalvllen", "Data-level Length: " + dataLength, dataLength), at, 2);
            at += 2;
            if (dataLength == 0) {
                infiniteMapping(m);
            }
            // packet-tcp.c widens the sequence number by the data ACK's size flag, not its own
            if (relative(fwd)) {
                long v = relative(dsn, fwd, !ack8);
                m.field("mptcp.dss.dsn", "DSS Data Sequence Number: " + unsigned(v) + " (Relative)", unsigned(v)).generated();
            }
            if (len >= at + 4) {
                checksum(m, at);
            }
        }
    }

    /** mptcp_convert_dsn() can make numbers relative once the direction's base is known. */
    private static boolean relative(MptcpAnalysis.Meta meta) {
        return meta != null && (meta.flags() & MptcpAnalysis.HAS_BASE) != 0;
    }

    /** A data sequence number or ACK relative to the base; a 32-bit one takes the base's upper half first. */
    private static long relative(long raw, MptcpAnalysis.Meta meta, boolean widen) {
        long v = widen ? (meta.baseDsn() & 0xffffffff00000000L) | raw : raw;
        return v - meta.baseDsn();
    }

    private void addAddress(DetailNode m) {
        int b = u8(2);
        int ipver = b & 0x0f;
        if (ipver == 4 || ipver == 6) {
            at(m.field("tcp.options.mptcp.ipver", Bits.pattern(b, 0x0f, 8) + "IP version: " + ipver, ipver),
                    2, 1);
        } else {
            at(m.field("tcp.options.mptcp.echo", Bits.pattern(b, 0x01, 8) + "Echo: " + (b & 1), b & 1), 2, 1);
        }
        addressId(m, 3);
        int at = 4;
        if (len == 8 || len == 10 || len == 16 || len == 18) {
            need(at + 4);
            String a = Labels.ipv4(s, o + at);
            at(m.field("tcp.options.mptcp.ipv4", "Advertised IPv4 Address: " + a, a), at, 4);
            at += 4;
        }
        if (len == 20 || len == 22 || len == 28 || len == 30) {
            need(at + 16);
            String a = IpDetails.ipv6(s, o + at);
            at(m.field("tcp.options.mptcp.ipv6", "Advertised IPv6 Address: " + a, a), at, 16);
            at += 16;
        }
        if (len == 10 || len == 18 || len == 22 || len == 30) {
            int port = u16(at);
            at(m.field("tcp.options.mptcp.port", "Advertised port: " + port, port), at, 2);
            at += 2;
        }
        if (len == 16 || len == 18 || len == 28 || len == 30) {
            long hmac = u64(at);
            at(m.field("tcp.options.mptcp.addaddrtrunchmac", "Truncated HMAC: " + unsigned(hmac), unsigned(hmac)), at, 8);
        }
    }

    private static final String[] RESET_REASONS = {
        "Unspecified error", "MPTCP-specific error", "Lack of resources", "Administratively prohibited",
        "Too much outstanding data", "Unacceptable performance", "Middlebox interference"
    };

    /** MP_TCPRST (RFC 8684 §3.6): four flags in the low nibble, then the reason. */
    private void reset(DetailNode m) {
        int f = u8(2);
        String[] names = {"Flag U", "Flag V", "Flag W", "Transient"};
        String[] keys = {"flag_U", "flag_V", "flag_W", "flag_T"};
        StringBuilder label = new StringBuilder("Multipath TCP flags: ").append(Labels.hex(f, 2));
        for (int k = 0; k < 4; k++) {
            if ((f & (0x8 >>> k)) != 0) {
                label.append(", ").append(names[k]);
            }
        }
        DetailNode flags = at(m.field("tcp.options.mptcp.flags", label.toString(), Labels.hex(f, 2)), 2, 1);
        for (int k = 0; k < 4; k++) {
            int mask = 0x8 >>> k;
            at(flags.field("tcp.options.mptcp." + keys[k] + ".flag", Bits.pattern(f & 0xf, mask, 4) + names[k] + ": "
                    + ((f & mask) != 0 ? "Set" : "Not set"), (f & mask) != 0 ? "1" : "0"), 2, 1);
        }
        int reason = u8(3);
        String name = reason < RESET_REASONS.length ? RESET_REASONS[reason] : "Unknown";
        at(m.field("tcp.options.mptcp.rst_reason", "TCPRST Reason: " + name + " (" + Labels.hex(reason, 2) + ")",
                Labels.hex(reason, 2)), 3, 1);
    }

    // ---- shared items ---------------------------------------------------------------------------

    /** A one-bit FT_UINT8 flag shown with its value (0 or 1). */
    private static DetailNode bit(DetailNode flags, int v, int mask, String key, String name) {
        String bit = (v & mask) != 0 ? "1" : "0";
        return flags.field(key, Bits.pattern(v, mask, 8) + name + ": " + bit, bit);
    }

    private void backupFlags(DetailNode m, int at) {
        int f = u8(at);
        DetailNode flags = at(m.field("tcp.options.mptcp.flags", "Multipath TCP flags: " + Labels.hex(f, 2), Labels.hex(f, 2)),
                at, 1);
        at(bit(flags, f, 0x01, "tcp.options.mptcp.backup.flag", "Backup flag"), at, 1);
    }

    private void addressId(DetailNode m, int at) {
        int id = u8(at);
        at(m.field("tcp.options.mptcp.addrid", "Address ID: " + id, id), at, 1);
    }

    private void reserved(DetailNode m) {
        int v = u16(2);
        at(m.field("tcp.options.mptcp.reserved", Bits.pattern(v, 0x0fff, 16) + "Reserved: " + Labels.hex(v & 0x0fff, 3),
                Labels.hex(v & 0x0fff, 4)), 2, 2);
    }

    private void checksum(DetailNode m, int at) {
        int sum = u16(at);
        at(m.field("tcp.options.mptcp.checksum", "Checksum: " + Labels.hex(sum, 4), Labels.hex(sum, 4)), at, 2);
    }

    private static void infiniteMapping(DetailNode m) {
        Expert.add(m, "mptcp.dss.infinite_mapping", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                "Fallback to infinite mapping");
    }

    /**
     * {@code [MPTCP analysis]} of a segment that carried an MPTCP option, once its conversation
     * belongs to a connection: the master flow, the MPTCP stream and its subflows.
     */
    static void analysis(DetailNode tcp, TcpRecord r) {
        MptcpAnalysis.Connection c = r.mptcp == null ? null : r.mptcp.connection();
        if (c == null) {
            return;
        }
        DetailNode a = tcp.none("mptcp.analysis", "MPTCP analysis").generated();
        int master = c.masterStream();
        if (master >= 0) {
            a.field("mptcp.master", "Master flow: Master is tcp stream " + master, master == r.stream ? "1" : "0")
                    .generated();
        } else {
            a.field("mptcp.master", "Master flow: False", "0").generated();
        }
        a.field("mptcp.stream", "Stream index: " + c.stream(), c.stream()).generated();
        String list = c.subflowList();
        a.field("mptcp.analysis.subflows", "TCP subflow stream id(s): " + list, list).generated();
    }
}
