package dev.tcpscope.present;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.Desegmenter;
import dev.tcpscope.tcp.TcpRecord;
import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.End;
import dev.tcpscope.wire.Ipv4;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Tcp;

import java.lang.foreign.MemorySegment;

/**
 * Recognises the frames whose detail tree certainly holds no expert item, so that
 * {@code -z expert} need not build their trees: a plain TCP segment of an established
 * connection (ACK set, no SYN, FIN, RST or URG, no analysis flag, no duplicate ACK), over a
 * 20-byte IPv4 header or an IPv6 header without extensions whose length fills the frame exactly,
 * with no TCP option but NOPs and timestamps, no protocol above TCP that took its payload, no
 * packet comment. Every condition is one of an expert item's in {@link Details}'s builders turned
 * around; anything else, however ordinary, answers false and gets its tree built.
 * Checksums are never verified ({@code tcp.check_checksum} is carried, not applied): when they are,
 * this must look at them too. {@code ExpertFreeTest} checks the answer against the built tree over every capture the tests have.
 */
public final class ExpertFree {
    private ExpertFree() { }

    /** Whether the frame {@code decoder} has just decoded has no expert item in its tree. */
    public static boolean certain(Decoder decoder) {
        Frame f = decoder.frame();
        if (f.kind() != Frame.Kind.PACKET || f.comments().length != 0) {
            return false;
        }
        Dissection d = decoder.dissection();
        int n = d.count();
        if (d.end != End.COMPLETE || d.fragmented || d.reassembled || n < 2 || d.proto(n - 1) != Proto.TCP) {
            return false;
        }
        for (int i = 0; i < n - 2; i++) {
            Proto p = d.proto(i);
            if (p != Proto.ETH && p != Proto.VLAN && p != Proto.SLL && p != Proto.SLL2 && p != Proto.NULL && p != Proto.RAW) {
                return false;
            }
        }
        int ip = n - 2;
        if (!(d.proto(ip) == Proto.IPV4 ? plainIpv4(d, ip) : d.proto(ip) == Proto.IPV6 && plainIpv6(d, ip))) {
            return false;
        }
        // the datagram ends the frame (as it was on the wire: a snap length may cut its payload):
        // no Ethernet padding or trailer (eth.padding_bad)
        if (d.segment(ip) != f.segment() || d.offset(ip) + d.reported(ip) != f.offset() + f.originalLength()) {
            return false;
        }
        TcpRecord r = decoder.tcp();
        return r != null && plainTcp(d, n - 1, r) && nothingAbove(decoder);
    }

    /** No bogus length, no options, no TTL note, no trailer after the datagram. */
    private static boolean plainIpv4(Dissection d, int i) {
        MemorySegment s = d.segment(i);
        long off = d.offset(i);
        if (d.captured(i) < Ipv4.MIN_HEADER_LENGTH || Ipv4.version(s, off) != 4
                || Ipv4.headerLength(s, off) != Ipv4.MIN_HEADER_LENGTH || Ipv4.totalLength(s, off) != d.reported(i)) {
            return false;
        }
        long dst = Ipv4.dst(s, off) & 0xffffffffL;
        return Ipv4.ttl(s, off) >= 5 && (dst & 0xf0000000L) != 0xe0000000L;
    }

    /** Version 6, TCP as the next header, a payload length that is neither 0 nor short of or past the frame. */
    private static boolean plainIpv6(Dissection d, int i) {
        MemorySegment s = d.segment(i);
        long off = d.offset(i);
        if (d.captured(i) < 40 || Bytes.u8(s, off) >>> 4 != 6 || Bytes.u8(s, off + 6) != 6) {
            return false;
        }
        int plen = Bytes.u16(s, off + 4);
        return plen != 0 && plen + 40 == d.reported(i);
    }

    private static boolean plainTcp(Dissection d, int i, TcpRecord r) {
        int hl = r.headerLength;
        if (!r.haveSegmentLength || r.bogusHeaderLength || !r.optionsComplete || r.mptcp != null
                || hl < Tcp.MIN_HEADER_LENGTH || hl > d.captured(i)) {
            return false;
        }
        if ((r.flags & (Tcp.SYN | Tcp.FIN | Tcp.RST | Tcp.URG)) != 0 || (r.flags & Tcp.ACK_FLAG) == 0
                || r.analysisFlags != 0 || r.dupAckNum != 0) {
            return false;
        }
        MemorySegment s = d.segment(i);
        long off = d.offset(i);
        if (Tcp.urgentPointer(s, off) != 0) {
            return false;
        }
        // NOPs (fewer than tcp.nop's four) and well-formed timestamps only
        int nops = 0;
        for (int pos = Tcp.MIN_HEADER_LENGTH; pos < hl; ) {
            int kind = Bytes.u8(s, off + pos);
            if (kind == Tcp.OPT_NOP) {
                if (++nops == 4) {
                    return false;
                }
                pos++;
            } else if (kind == Tcp.OPT_TIMESTAMP && pos + 10 <= hl && Bytes.u8(s, off + pos + 1) == 10) {
                pos += 10;
            } else {
                return false;
            }
        }
        return true;
    }

    /** No protocol above TCP took the payload, completed a PDU or failed a reassembly in this frame. */
    private static boolean nothingAbove(Decoder decoder) {
        Desegmenter g = decoder.desegmenter();
        if (g == null) {
            return true;
        }
        return !(g.handled() || g.tookPayload() || g.finCompleted() || g.reassemblyError() != null
                || g.reassembled() != null || Details.aboveShows(decoder));
    }
}
