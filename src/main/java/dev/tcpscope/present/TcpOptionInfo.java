package dev.tcpscope.present;

import dev.tcpscope.tcp.MptcpAnalysis;
import dev.tcpscope.tcp.TcpRecord;
import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Tcp;
import dev.tcpscope.wire.TcpOptionWalk;

import java.lang.foreign.MemorySegment;

/**
 * The TCP options' part of a packet-list Info column (packet-tcp.c's option dissectors, which
 * append {@code MSS=}, {@code WS=}, {@code SACK_PERM}, {@code SLE=/SRE=}, {@code TSval=/TSecr=},
 * {@code TFO=}, {@code MD5}, {@code QSresp=}, {@code USER_TO=}), and where a short option stops
 * them with tshark's marker. One instance per {@link PacketList}.
 */
final class TcpOptionInfo {
    private static final int TFO_EXPERIMENT_ID = 0xf989;
    private Dissection d;
    private StringBuilder info;

    /**
     * Appends the options' Info text in wire order ({@code w} set on the segment's options);
     * false when the options run out of bytes, after the marker tshark shows then.
     */
    boolean append(TcpOptionWalk w, MemorySegment s, Dissection d, int i, TcpRecord rec,
                   StringBuilder info, StringBuilder protocol) {
        this.d = d;
        this.info = info;
        int kind;
        while ((kind = w.next()) >= 0) {
            int pos = w.position();
            int len = w.length();
            long o = w.offset();
            switch (kind) {
                case Tcp.OPT_MSS -> {
                    if (len == 4) {
                        if (!bounds(i, pos + 4)) {
                            return false;
                        }
                        info.append(" MSS=").append(Bytes.u16(s, o + 2));
                    }
                }
                case Tcp.OPT_WS -> {
                    if (len == 3) {
                        if (!bounds(i, pos + 3)) {
                            return false;
                        }
                        info.append(" WS=").append(1 << Math.min(Bytes.u8(s, o + 2), 14));
                    }
                }
                case Tcp.OPT_SACK_PERM -> {
                    if (len == 2) {
                        info.append(" SACK_PERM");
                    }
                }
                case Tcp.OPT_SACK -> {
                    if (len == 2) {
                        info.append(PacketList.MALFORMED); // an empty SACK block list
                        return false;
                    }
                    for (int b = 2; b + 8 <= len; b += 8) {
                        if (!bounds(i, pos + b + 8)) {
                            return false;
                        }
                        info.append(" SLE=").append((Bytes.u32(s, o + b) - rec.sackBase) & 0xffffffffL)
                                .append(" SRE=").append((Bytes.u32(s, o + b + 4) - rec.sackBase) & 0xffffffffL);
                    }
                }
                case Tcp.OPT_TIMESTAMP -> {
                    if (len == 10) {
                        if (!bounds(i, pos + 10)) {
                            return false;
                        }
                        info.append(" TSval=").append(Bytes.u32(s, o + 2)).append(" TSecr=").append(Bytes.u32(s, o + 6));
                    }
                }
                case Tcp.OPT_TFO -> info.append(len == 2 ? " TFO=R" : " TFO=C");
                case Tcp.OPT_EXP1, Tcp.OPT_EXP2 -> {
                    if (len >= 4) {
                        if (!bounds(i, pos + 4)) {
                            return false;
                        }
                        if (Bytes.u16(s, o + 2) == TFO_EXPERIMENT_ID) {
                            info.append(len == 4 ? " TFO=R" : " TFO=C");
                        }
                    }
                }
                case Tcp.OPT_MD5 -> {
                    if (len == 18) {
                        info.append(" MD5");
                    }
                }
                case Tcp.OPT_QUICK_START -> {
                    if (len == 8) {
                        if (!bounds(i, pos + 3)) {
                            return false;
                        }
                        info.append(" QSresp=").append(Ipv4Options.qsRate(Bytes.u8(s, o + 2)));
                        if (!bounds(i, pos + 4)) {
                            return false;
                        }
                    }
                }
                case Tcp.OPT_USER_TIMEOUT -> {
                    if (len == 4) {
                        if (!bounds(i, pos + 4)) {
                            return false;
                        }
                        info.append(" USER_TO=").append(Bytes.u16(s, o + 2) & 0x7fff);
                    }
                }
                case Tcp.OPT_MPTCP -> {
                    protocol.setLength(0);
                    protocol.append("MPTCP");
                    if (pos == rec.mptcpAssertion) {
                        info.append("[Dissector bug, protocol MPTCP: ").append(MptcpAnalysis.ASSERTION).append(']');
                        return false;
                    }
                }
                default -> { }
            }
        }
        if (kind == TcpOptionWalk.MALFORMED) {
            info.append(PacketList.MALFORMED); // a short MPTCP option: its dissector read past it
            return false;
        }
        return kind != TcpOptionWalk.SHORT || bounds(i, w.need());
    }

    /** Whether layer {@code i} holds {@code need} bytes; else the marker for the exception tshark would throw. */
    private boolean bounds(int i, int need) {
        if (d.captured(i) >= need) {
            return true;
        }
        info.append(d.reported(i) >= need ? PacketList.LIMITED : PacketList.MALFORMED);
        return false;
    }
}
