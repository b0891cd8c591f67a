package dev.tcpscope.synth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code captures/synth-cotp.pcap}: TPKT and ISO 8073 COTP on port 102 covering
 * packet-tpkt.c and packet-ositp.c: a CR and its CC with TSAP, TPDU size, version, options and
 * preferred-size parameters (printable and binary TSAPs), class 0 DTs with and without EOT
 * (units of two and three, a zero-byte fragment, several TPKT messages in one segment, a unit
 * left waiting across connections), a TPKT message split over two segments, class 2 DTs
 * with their destination reference, an extended DT, a DT with a checksum parameter, AK, EA,
 * RJ, ED, ER, DR and DC, an unknown TPDU type, a zero length indicator, a parameter running past
 * the message (malformed), bytes that do not start with version 3 (continuation), and a length
 * field smaller than the header. Run it to remake the file; nothing here says what the result
 * should be (tshark does).
 */
public final class CotpScenarios {
    private final TcpSessions io;

    private CotpScenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 102, n -> 41000 + n);
    }

    private static byte[] tpkt(byte[]... tpdus) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] t : tpdus) {
            o.writeBytes(t);
        }
        byte[] p = o.toByteArray();
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.write(3);
        m.write(0);
        m.write((p.length + 4) >> 8);
        m.write(p.length + 4);
        m.writeBytes(p);
        return m.toByteArray();
    }

    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A class 0 DT: length indicator 2, type 0xf0, EOT and TPDU number, then the data. */
    private static byte[] dt0(boolean eot, int nr, String data) {
        return cat(b(2, 0xf0, (eot ? 0x80 : 0) | nr), text(data));
    }

    private void write() throws IOException {
        io.open();
        // CR with a printable calling TSAP, a binary called TSAP, TPDU size 1024, version, options
        byte[] params = cat(b(0xc1, 4), text("S7PC"), b(0xc2, 2, 0x01, 0x02), b(0xc0, 1, 0x0a), b(0xc4, 1, 1),
                b(0xc6, 1, 0x01), b(0xf0, 2, 0x00, 0x08), b(0xf2, 4, 0, 0, 0x75, 0x30), b(0xc7, 1, 0x55));
        io.client(tpkt(cat(b(6 + params.length, 0xe0, 0, 0, 0, 0x01, 0x00), params)));
        io.server(tpkt(cat(b(6 + 9, 0xd0, 0, 1, 0x44, 0x31, 0x00), b(0xc0, 1, 0x09), b(0xc1, 2), text("PC"), b(0xc2, 1, 0x07))));
        io.client(tpkt(dt0(true, 0, "whole unit")));
        io.server(tpkt(dt0(false, 0, "first ")));
        io.server(tpkt(dt0(false, 0, "")));
        io.server(tpkt(dt0(true, 0, "last")));
        // three messages in one segment: a unit completed inside it, then one left open
        io.client(cat(tpkt(dt0(false, 0, "a")), tpkt(dt0(true, 0, "b")), tpkt(dt0(false, 0, "c"))));
        io.client(tpkt(dt0(true, 0, "d")));
        // a message over two segments (TCP reassembles it for TPKT)
        byte[] split = tpkt(dt0(true, 0, "spread over two segments"));
        io.client(java.util.Arrays.copyOfRange(split, 0, 10));
        io.client(java.util.Arrays.copyOfRange(split, 10, split.length));
        // a fragment left waiting when the connection ends
        io.server(tpkt(dt0(false, 0, "never finished")));
        io.close();

        io.open();
        // class 2: DT with its destination reference, extended DT, DT with a checksum parameter
        io.client(tpkt(cat(b(4, 0xf0, 0x12, 0x34, 0x85), text("class 2"))));
        io.client(tpkt(cat(b(7, 0xf0, 0x12, 0x34, 0x00, 0x00, 0x00, 0x07), text("ext part"))));
        io.client(tpkt(cat(b(7, 0xf0, 0x12, 0x34, 0x80, 0x00, 0x00, 0x08), text("ext end"))));
        io.client(tpkt(cat(b(8, 0xf0, 0x12, 0x34, 0x86, 0xc3, 0x02, 0x00, 0x00), text("summed"))));
        // AK normal and extended, EA, RJ, ED, ER
        io.server(tpkt(b(4, 0x61, 0x43, 0x21, 0x07)));
        io.server(tpkt(b(9, 0x60, 0x43, 0x21, 0x00, 0x00, 0x01, 0x00, 0x00, 0x05)));
        io.server(tpkt(b(4, 0x20, 0x43, 0x21, 0x02)));
        io.server(tpkt(b(4, 0x51, 0x43, 0x21, 0x03)));
        io.client(tpkt(cat(b(4, 0x10, 0x12, 0x34, 0x81), text("urgent"))));
        io.server(tpkt(b(4, 0x70, 0x43, 0x21, 0x02)));
        // two TPDUs in one message: AK then DT
        io.server(tpkt(b(4, 0x61, 0x43, 0x21, 0x08), cat(b(4, 0xf0, 0x43, 0x21, 0x80), text("after ack"))));
        // unknown type, zero length indicator, a parameter past the message, not version 3, a short length
        io.client(tpkt(b(2, 0x30, 0x00)));
        io.client(tpkt(b(0, 0xf0, 0x80)));
        io.client(tpkt(cat(b(6 + 4, 0xe0, 0, 0, 0, 0x02, 0x00), b(0xc1, 40, 0x41, 0x42))));
        io.client(text("not TPKT at all"));
        io.client(b(3, 0, 0, 2, 0xf0, 0x80));
        // DR with a cause and a clearing parameter, DC
        io.client(tpkt(cat(b(6 + 3, 0x80, 0x12, 0x34, 0x43, 0x21, 0x80), b(0xe0, 1, 0x09))));
        io.server(tpkt(b(5, 0xc0, 0x43, 0x21, 0x12, 0x34)));
        io.close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CotpScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            CotpScenarios s = new CotpScenarios(os);
            s.write();
            s.io.done();
        }
    }
}
