package dev.tcpscope.present.explain;

import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Tcp;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The TCP header of a segment drawn as the figure of RFC 9293 §3.1 (Figure 1), 32 bits a row,
 * with this segment's values under each field name and its flag bits as 0 or 1; with colors on,
 * the set flag bits are lit (reverse video). 67 columns wide, so it fits an 80-column terminal
 * under the explanation indent.
 */
public final class HeaderFigure {
    private static final String RULE = "+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+";
    private static final String[] FLAG_COLUMNS = {"CWR", "ECE", "URG", "ACK", "PSH", "RST", "SYN", "FIN"};
    private static final String LIT = "\u001b[7m", OFF = "\u001b[27m";

    private HeaderFigure() { }

    /** The figure of the frame {@code decoder} has just decoded; empty when it has no whole TCP header. */
    public static List<String> draw(Decoder decoder, boolean color) {
        int t = decoder.tcpLayer();
        Dissection d = decoder.dissection();
        if (t < 0 || d.captured(t) < Tcp.MIN_HEADER_LENGTH) {
            return List.of();
        }
        MemorySegment s = d.segment(t);
        long off = d.offset(t);
        int flags = Tcp.flags(s, off);
        int hlen = Tcp.headerLength(s, off);
        List<String> out = new ArrayList<>();
        out.add(" 0                   1                   2                   3");
        out.add(" 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1");
        out.add(RULE);
        out.add(two("Source Port", "Destination Port"));
        out.add(two(Integer.toString(Tcp.srcPort(s, off)), Integer.toString(Tcp.dstPort(s, off))));
        out.add(RULE);
        out.add(one("Sequence Number"));
        out.add(one(Long.toString(Tcp.seq(s, off))));
        out.add(RULE);
        out.add(one("Acknowledgment Number"));
        out.add(one(Long.toString(Tcp.ack(s, off))));
        out.add(RULE);
        for (int row = 0; row < 3; row++) {
            StringBuilder l = new StringBuilder("|");
            l.append(row == 0 ? "  Data " : row == 1 ? " Offset" : "       ").append('|');
            l.append(row == 1 ? " Rsrvd " : "       ").append('|');
            for (int b = 0; b < 8; b++) {
                boolean set = (flags & (0x80 >> b)) != 0;
                char ch = FLAG_COLUMNS[b].charAt(row);
                l.append(color && set ? LIT + ch + OFF : String.valueOf(ch)).append('|');
            }
            l.append(center(row == 1 ? "Window" : "", 31)).append('|');
            out.add(l.toString());
        }
        StringBuilder v = new StringBuilder("|");
        v.append(center(Integer.toString(hlen / 4), 7)).append('|');
        v.append(center(Integer.toString((flags >> 8) & 0xf), 7)).append('|');
        for (int b = 0; b < 8; b++) {
            boolean set = (flags & (0x80 >> b)) != 0;
            v.append(color && set ? LIT + "1" + OFF : set ? "1" : "0").append('|');
        }
        v.append(center(Integer.toString(Tcp.window(s, off)), 31)).append('|');
        out.add(v.toString());
        out.add(RULE);
        out.add(two("Checksum", "Urgent Pointer"));
        out.add(two(String.format(Locale.ROOT, "0x%04x", Bytes.u16(s, off + Tcp.CHECKSUM)),
                Integer.toString(Tcp.urgentPointer(s, off))));
        out.add(RULE);
        if (hlen > Tcp.MIN_HEADER_LENGTH) {
            out.add(one("[Options]"));
            out.add(one((hlen - Tcp.MIN_HEADER_LENGTH) + " bytes"));
            out.add(RULE);
        }
        out.add(one("Data"));
        out.add(one(Math.max(0, decoder.tcp() == null ? 0 : decoder.tcp().segmentLength) + " bytes"));
        out.add(RULE);
        return out;
    }

    private static String one(String text) {
        return "|" + center(text, 63) + "|";
    }

    private static String two(String a, String b) {
        return "|" + center(a, 31) + "|" + center(b, 31) + "|";
    }

    private static String center(String s, int width) {
        int pad = Math.max(0, width - s.length());
        return " ".repeat(pad / 2) + s + " ".repeat(pad - pad / 2);
    }
}
