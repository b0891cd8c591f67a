package dev.tcpscope.field;

import dev.tcpscope.tcp.TcpRecord;
import dev.tcpscope.wire.Bytes;
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
                        option(Tcp.OPT_TIMESTAMP, 10, (w, s, r, v) -> v.addLong(Bytes.u32(s, w.offset() + 6)))));
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
