package dev.tcpscope.wire;

import dev.tcpscope.frame.Frame;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

/** Test fixtures: hex text (spaces and newlines allowed) to bytes, segments and frames. */
final class Fixtures {
    private Fixtures() {}

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    static MemorySegment seg(String hex) {
        return MemorySegment.ofArray(bytes(hex));
    }

    /** A whole frame: captured length = original length = the bytes given. */
    static Frame frame(int linkType, byte[] b) {
        return frame(linkType, b, b.length, b.length);
    }

    /** A frame of which {@code capLen} bytes were captured out of {@code origLen} on the wire. */
    static Frame frame(int linkType, byte[] b, int capLen, int origLen) {
        Frame f = new Frame();
        f.set(1, 1_700_000_000L, 0, 9, linkType, 0, MemorySegment.ofArray(b), 0, capLen, origLen);
        return f;
    }

    static Dissection dissect(Frame f) {
        Dissection d = new Dissection();
        new Dissector().dissect(f, d);
        return d;
    }

    /** The layers as {@code PROTO@offset captured/reported}, one string per layer. */
    static String[] layers(Dissection d) {
        String[] out = new String[d.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.proto(i) + "@" + d.offset(i) + " " + d.captured(i) + "/" + d.reported(i);
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
