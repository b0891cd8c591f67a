package dev.tcpscope.field;

import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.MptcpAnalysis;
import dev.tcpscope.tcp.TcpRecord;
import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Mptcp;
import dev.tcpscope.wire.Tcp;
import dev.tcpscope.wire.TcpOptionWalk;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/**
 * {@code tcp.option_kind}, {@code tcp.options.*}: the options of a TCP header, walked as
 * {@link TcpOptionWalk} walks them. Each field reads the option it belongs to when the option's
 * bytes were captured, as Wireshark's option dissectors do.
 */
final class TcpOptionFields {
    private TcpOptionFields() { }

    /** Receives each option the walk reaches. */
    private interface OptionReader {
        void read(TcpOptionWalk w, MemorySegment s, TcpRecord r, Values v);
    }

    static List<Field> all() {
        return List.of(
                Field.integer("tcp.option_kind", "Kind", UINT, 8, Base.DEC, options((w, s, r, v) -> {
                    v.addLong(Bytes.u8(s, w.offset()));
                })),
                Field.integer("tcp.option_len", "Length", UINT, 8, Base.DEC, options((w, s, r, v) -> {
                    if (w.length() >= 2 || Bytes.u8(s, w.offset()) > Tcp.OPT_NOP) {
                        v.addLong(w.length());
                    }
                })),
                item("tcp.options.eol", "End of Option List (EOL)", Tcp.OPT_EOL),
                item("tcp.options.nop", "No-Operation (NOP)", Tcp.OPT_NOP),
                item("tcp.options.mss", "Maximum segment size", Tcp.OPT_MSS),
                Field.integer("tcp.options.mss_val", "MSS Value", UINT, 16, Base.DEC, option(Tcp.OPT_MSS, 4, (w, s, r, v) -> {
                    v.addLong(Bytes.u16(s, w.offset() + 2));
                })),
                item("tcp.options.wscale", "Window scale", Tcp.OPT_WS),
                Field.integer("tcp.options.wscale.shift", "Shift count", UINT, 8, Base.DEC, option(Tcp.OPT_WS, 3, (w, s, r, v) -> {
                    v.addLong(Bytes.u8(s, w.offset() + 2));
                })),
                Field.integer("tcp.options.wscale.multiplier", "Multiplier", UINT, 16, Base.DEC, option(Tcp.OPT_WS, 3, (w, s, r, v) -> {
                    v.addLong(1L << Math.min(Bytes.u8(s, w.offset() + 2), 14));
                })),
                item("tcp.options.sack_perm", "SACK permitted", Tcp.OPT_SACK_PERM),
                item("tcp.options.sack", "SACK", Tcp.OPT_SACK),
                Field.integer("tcp.options.sack_le", "TCP SACK Left Edge", UINT, 32, Base.DEC, sack(0)),
                Field.integer("tcp.options.sack_re", "TCP SACK Right Edge", UINT, 32, Base.DEC, sack(4)),
                Field.integer("tcp.options.sack.count", "TCP SACK Count", UINT, 8, Base.DEC, options((w, s, r, v) -> {
                    if (Bytes.u8(s, w.offset()) == Tcp.OPT_SACK && w.captured(w.length())) {
                        v.addLong((w.length() - 2) / 8);
                    }
                })),
                item("tcp.options.timestamp", "Timestamps", Tcp.OPT_TIMESTAMP),
                Field.integer("tcp.options.timestamp.tsval", "Timestamp value", UINT, 32, Base.DEC,
                        option(Tcp.OPT_TIMESTAMP, 10, (w, s, r, v) -> v.addLong(Bytes.u32(s, w.offset() + 2)))),
                Field.integer("tcp.options.timestamp.tsecr", "Timestamp echo reply", UINT, 32, Base.DEC,
                        option(Tcp.OPT_TIMESTAMP, 10, (w, s, r, v) -> v.addLong(Bytes.u32(s, w.offset() + 6)))),
                item("tcp.options.qs", "Quick-Start", Tcp.OPT_QUICK_START),
                Field.integer("tcp.options.qs.rate", "QS Rate", UINT, 8, Base.DEC,
                        option(Tcp.OPT_QUICK_START, 8, (w, s, r, v) -> v.addLong(Bytes.u8(s, w.offset() + 2) & 0x0f))),
                item("tcp.options.user_to", "User Timeout", Tcp.OPT_USER_TIMEOUT),
                Field.integer("tcp.options.user_to_val", "User Timeout", UINT, 16, Base.DEC,
                        option(Tcp.OPT_USER_TIMEOUT, 4, (w, s, r, v) -> v.addLong(Bytes.u16(s, w.offset() + 2) & 0x7fff))),
                Field.of("mptcp", "Multipath Transmission Control Protocol", PROTOCOL, mptcp(2, -1, (w, s, r, v) -> {
                    String name = "Multipath Transmission Control Protocol";
                    // the label grows once the subtype is read; before, tshark shows the bare name
                    v.addString(w.length() >= 3 && w.captured(3) ? name + ": " + Mptcp.subtypeName(Mptcp.subtype(s, w.offset())) : "mptcp");
                })),
                Field.integer("tcp.options.mptcp.subtype", "Multipath TCP subtype", UINT, 8, Base.DEC,
                        mptcp(3, -1, (w, s, r, v) -> v.addLong(Mptcp.subtype(s, w.offset())))),
                Field.integer("tcp.options.mptcp.version", "Multipath TCP version", UINT, 8, Base.DEC,
                        mptcp(3, Mptcp.MP_CAPABLE, (w, s, r, v) -> v.addLong(Bytes.u8(s, w.offset() + 2) & 0x0f))),
                Field.integer("tcp.options.mptcp.sendkey", "Sender's Key", UINT, 64, Base.DEC,
                        mptcp(12, Mptcp.MP_CAPABLE, (w, s, r, v) -> {
                            if (keyed(w.length())) {
                                v.addLong(Mptcp.u64(s, w.offset() + 4));
                            }
                        })),
                Field.integer("tcp.options.mptcp.recvkey", "Receiver's Key", UINT, 64, Base.DEC, mptcp(12, -1, (w, s, r, v) -> {
                    int sub = Mptcp.subtype(s, w.offset());
                    if (sub == Mptcp.MP_CAPABLE && keyed(w.length()) && w.length() >= 20 && w.captured(20)
                            && w.position() != r.mptcpAssertion) {
                        v.addLong(Mptcp.u64(s, w.offset() + 12));
                    } else if (sub == Mptcp.MP_FASTCLOSE) {
                        v.addLong(Mptcp.u64(s, w.offset() + 4));
                    }
                })),
                Field.integer("tcp.options.mptcp.rawdataack", "Original MPTCP Data ACK", UINT, 64, Base.DEC,
                        mptcp(4, Mptcp.DSS, (w, s, r, v) -> {
                            int f = Bytes.u8(s, w.offset() + 3);
                            int n = (f & Mptcp.DSS_DATA_ACK_8) != 0 ? 8 : 4;
                            if ((f & Mptcp.DSS_DATA_ACK) != 0 && w.length() >= 4 + n && w.captured(4 + n)) {
                                v.addLong(n == 8 ? Mptcp.u64(s, w.offset() + 4) : Bytes.u32(s, w.offset() + 4));
                            }
                        })),
                Field.integer("tcp.options.mptcp.rawdataseqno", "Data Sequence Number", UINT, 64, Base.DEC,
                        mptcp(4, -1, (w, s, r, v) -> {
                            long o = w.offset();
                            int sub = Mptcp.subtype(s, o);
                            if (sub == Mptcp.MP_FAIL && w.length() >= 12 && w.captured(12)) {
                                v.addLong(Mptcp.u64(s, o + 4)); // where the checksum failed (RFC 8684 §3.7)
                            } else if (sub == Mptcp.DSS) {
                                int f = Bytes.u8(s, o + 3);
                                int at = 4 + ((f & Mptcp.DSS_DATA_ACK) == 0 ? 0 : (f & Mptcp.DSS_DATA_ACK_8) != 0 ? 8 : 4);
                                int n = (f & Mptcp.DSS_DSN_8) != 0 ? 8 : 4;
                                if ((f & Mptcp.DSS_MAPPING) != 0 && w.length() >= at + n && w.captured(at + n)) {
                                    v.addLong(n == 8 ? Mptcp.u64(s, o + at) : Bytes.u32(s, o + at));
                                }
                            }
                        })),
                Field.integer("mptcp.stream", "Stream index", UINT, 32, Base.DEC, (d, v) -> {
                    MptcpAnalysis.Connection c = analysed(d);
                    if (c != null) {
                        v.addLong(c.stream());
                    }
                }),
                Field.of("mptcp.analysis.subflows", "TCP subflow stream id(s)", STRING, (d, v) -> {
                    MptcpAnalysis.Connection c = analysed(d);
                    if (c != null) {
                        v.addString(c.subflowList());
                    }
                }));
    }

    /** An MP_CAPABLE of one of the lengths that carry keys. */
    private static boolean keyed(int len) {
        return len == 12 || len == 20 || len == 22 || len == 24;
    }

    /**
     * MPTCP options of {@code subtype} (any when negative) whose first {@code need} bytes the
     * option holds and the capture has.
     */
    private static Extractor mptcp(int need, int subtype, OptionReader reader) {
        return options((w, s, r, v) -> {
            if (Bytes.u8(s, w.offset()) == Tcp.OPT_MPTCP && w.length() >= need && w.captured(need)
                    && (subtype < 0 || Mptcp.subtype(s, w.offset()) == subtype)) {
                reader.read(w, s, r, v);
            }
        });
    }

    /**
     * The MPTCP connection of a segment whose {@code [MPTCP analysis]} tshark shows: one that
     * carried an MPTCP option, read its options to the end, and belongs to a connection.
     */
    private static MptcpAnalysis.Connection analysed(Decoder d) {
        TcpRecord r = d.tcp();
        if (r == null || !r.optionsComplete || r.mptcp == null || r.mptcp.connection() == null
                || !TcpFields.readable(d, Tcp.MIN_HEADER_LENGTH)) {
            return null;
        }
        TcpOptionWalk w = TcpFields.walk(d, new TcpOptionWalk());
        for (int kind = w.next(); kind >= 0; kind = w.next()) {
            if (kind == Tcp.OPT_MPTCP) {
                return r.mptcp.connection();
            }
        }
        return null;
    }

    /** Every option the walk reaches, handed to {@code reader}. */
    private static Extractor options(OptionReader reader) {
        return (d, v) -> {
            if (!TcpFields.readable(d, Tcp.MIN_HEADER_LENGTH) || d.tcp().headerLength <= Tcp.MIN_HEADER_LENGTH) {
                return;
            }
            MemorySegment s = TcpFields.seg(d);
            TcpOptionWalk w = TcpFields.walk(d, new TcpOptionWalk());
            while (w.next() >= 0) {
                reader.read(w, s, d.tcp(), v);
                if (w.position() == d.tcp().mptcpAssertion) {
                    return; // Wireshark's MPTCP dissector stopped on its assertion there
                }
            }
        };
    }

    /** An option of kind {@code kind} and exactly {@code length} bytes, all captured. */
    private static Extractor option(int kind, int length, OptionReader reader) {
        return options((w, s, r, v) -> {
            if (Bytes.u8(s, w.offset()) == kind && w.length() == length && w.captured(length)) {
                reader.read(w, s, r, v);
            }
        });
    }

    /** The option's own item, whose value is its bytes. */
    private static Field item(String name, String title, int kind) {
        return Field.of(name, title, NONE, options((w, s, r, v) -> {
            if (Bytes.u8(s, w.offset()) == kind) {
                int len = kind <= Tcp.OPT_NOP ? 1 : w.length();
                v.addBytes(s, w.offset(), len);
            }
        }));
    }

    /** SACK block edges, relative to the receiver's base as tshark shows them. */
    private static Extractor sack(int at) {
        return options((w, s, r, v) -> {
            if (Bytes.u8(s, w.offset()) != Tcp.OPT_SACK) {
                return;
            }
            for (int b = 2; b + 8 <= w.length() && w.captured(b + 8); b += 8) {
                v.addLong((Bytes.u32(s, w.offset() + b + at) - r.sackBase) & 0xffffffffL);
            }
        });
    }

}
