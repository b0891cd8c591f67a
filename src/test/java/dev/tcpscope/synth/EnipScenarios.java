package dev.tcpscope.synth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code captures/synth-enip.pcap}: EtherNet/IP on port 44818 covering packet-enip.c and
 * the parts of packet-cip.c tcpscope dissects: List Services, List Identity (a request without
 * data), List Interfaces, Register/Unregister Session, NOP, an unknown command; Send RR Data with
 * the PCCC object's Execute PCCC (Diagnostic status, a protected typed logical read answered with
 * data, an answer with an extended status), Get Attribute Single to the Identity object through a
 * port segment and its paired answer, Get Attributes All, an error answer with additional status,
 * an error answer to a Set Attribute Single, an Unconnected Send to the Connection Manager (left to data, as the profile disables cipcm);
 * Send Unit Data with a Multiple Service Packet using 16-bit class/instance and ANSI symbol
 * segments and its answer paired by sequence count; two messages in one segment, one message in
 * three segments; an answer without its request; a CPF item longer than the message, a count of
 * items the message cannot hold, a message cut by the snap length and a one-byte keep-alive.
 * Run it to remake the file; the goldens come from tshark; nothing here says what the result
 * should be.
 */
public final class EnipScenarios {
    private final TcpSessions io;

    private EnipScenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 44818, n -> 51000 + n);
    }

    private static final class Bytes {
        final ByteArrayOutputStream o = new ByteArrayOutputStream();

        Bytes u8(int... v) {
            for (int x : v) {
                o.write(x);
            }
            return this;
        }

        Bytes le16(int v) {
            return u8(v & 0xff, v >> 8 & 0xff);
        }

        Bytes le32(long v) {
            return le16((int) (v & 0xffff)).le16((int) (v >> 16 & 0xffff));
        }

        Bytes s(String t) {
            o.writeBytes(t.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return this;
        }

        Bytes add(byte[] b) {
            o.writeBytes(b);
            return this;
        }

        byte[] get() {
            return o.toByteArray();
        }
    }

    private static Bytes bytes() {
        return new Bytes();
    }

    /** An encapsulation message: the 24-byte header and {@code data}. */
    private static byte[] encap(int cmd, long session, long context, int status, byte[] data) {
        return bytes().le16(cmd).le16(data.length).le32(session).le32(status).le32(context).le32(context >>> 32).le32(0)
                .add(data).get();
    }

    /** Send RR Data's data: interface CIP, timeout, a null address and an unconnected data item. */
    private static byte[] rr(byte[] cip) {
        return bytes().le32(0).le16(10).le16(2).le16(0).le16(0).le16(0xB2).le16(cip.length).add(cip).get();
    }

    /** Send Unit Data's data: a connected address item and a connected data item with its sequence count. */
    private static byte[] unit(long connid, int seq, byte[] cip) {
        return bytes().le32(0).le16(0).le16(2).le16(0xA1).le16(4).le32(connid).le16(0xB1).le16(cip.length + 2).le16(seq)
                .add(cip).get();
    }

    private static byte[] concat(byte[]... parts) {
        Bytes b = bytes();
        for (byte[] p : parts) {
            b.add(p);
        }
        return b.get();
    }

    private static final long S = 0x12345678L;

    private void write() throws IOException {
        io.open();
        io.client(encap(0x04, 0, 1, 0, new byte[0]));
        io.server(encap(0x04, 0, 1, 0, bytes().le16(1).le16(0x100).le16(20).le16(1).le16(0x120)
                .s("Communications").u8(0, 0).get()));
        io.client(encap(0x63, 0, 2, 0, new byte[0]));
        io.server(encap(0x63, 0, 2, 0, bytes().le16(1).le16(0x0C).le16(47).le16(1)
                .u8(0, 2, 0xaf, 0x12, 10, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0)
                .le16(1).le16(12).le16(166).u8(3, 2).le16(0x0030).le32(0xcafef00dL).u8(13).s("1756-EN2T/B  ").u8(3).get()));
        io.client(encap(0x64, 0, 3, 0, new byte[0]));
        io.server(encap(0x64, 0, 3, 0, bytes().le16(0).get()));
        io.client(encap(0x65, 0, 4, 0, bytes().le16(1).le16(0).get()));
        io.server(encap(0x65, S, 4, 0, bytes().le16(1).le16(0).get()));
        io.client(encap(0x00, S, 0, 0, new byte[0]));
        // Execute PCCC: diagnostic status, then a protected typed logical read answered with data
        io.client(encap(0x6F, S, 5, 0, rr(bytes().u8(0x4B, 2, 0x20, 0x67, 0x24, 1).u8(7).le16(0x4d).le32(0x07aa23d3L)
                .u8(0x06, 0).le16(0x1234).u8(0x03).get())));
        io.server(encap(0x6F, S, 5, 0, rr(bytes().u8(0xCB, 0, 0, 0).u8(7).le16(0x4d).le32(0x07aa23d3L)
                .u8(0x46, 0).le16(0x1234).u8(0x00, 0xee, 0x31, 0x37, 0x36, 0x33).get())));
        io.client(encap(0x6F, S, 6, 0, rr(bytes().u8(0x4B, 2, 0x20, 0x67, 0x24, 1).u8(7).le16(0x4d).le32(0x07aa23d3L)
                .u8(0x0F, 0).le16(0x1235).u8(0xA2, 4, 7, 0x89, 0, 0).get())));
        io.server(encap(0x6F, S, 6, 0, rr(bytes().u8(0xCB, 0, 0, 0).u8(7).le16(0x4d).le32(0x07aa23d3L)
                .u8(0x4F, 0).le16(0x1235).u8(0x2a, 0, 0x07, 0).get())));
        io.client(encap(0x6F, S, 7, 0, rr(bytes().u8(0x4B, 2, 0x20, 0x67, 0x24, 1).u8(7).le16(0x4d).le32(0x07aa23d3L)
                .u8(0x0F, 0).le16(0x1236).u8(0x80, 1).get())));
        io.server(encap(0x6F, S, 7, 0, rr(bytes().u8(0xCB, 0, 0, 0).u8(7).le16(0x4d).le32(0x07aa23d3L)
                .u8(0x4F, 0xF0).le16(0x1236).u8(0x0B).get())));
        // Get Attribute Single to the Identity's product name through the backplane, answered
        io.client(encap(0x6F, S, 8, 0, rr(bytes().u8(0x0E, 4, 0x01, 0x00, 0x20, 0x01, 0x24, 0x01, 0x30, 0x07).get())));
        io.server(encap(0x6F, S, 8, 0, rr(bytes().u8(0x8E, 0, 0, 0, 5).s("PLC-5").get())));
        // Get Attributes All to the Identity class, answered; an error answer with additional status
        io.client(encap(0x6F, S, 9, 0, rr(bytes().u8(0x01, 2, 0x20, 0x01, 0x24, 0x00).get())));
        io.server(encap(0x6F, S, 9, 0, rr(bytes().u8(0x81, 0, 0, 0).le16(1).le16(1).get())));
        io.client(encap(0x6F, S, 10, 0, rr(bytes().u8(0x10, 3, 0x20, 0x04, 0x24, 0x64, 0x30, 0x03, 0x3c, 0x00).get())));
        io.server(encap(0x6F, S, 10, 0, rr(bytes().u8(0x90, 0, 0x0E, 1).le16(0x0102).get())));
        // Unconnected Send to the Connection Manager: its class dissector is off in the profile
        io.client(encap(0x6F, S, 11, 0, rr(bytes().u8(0x52, 2, 0x20, 0x06, 0x24, 0x01, 0x07, 0xe9, 0x06, 0x00)
                .u8(0x0E, 2, 0x20, 0x01, 0x24, 0x01).u8(1, 0, 1, 0).get())));
        io.server(encap(0x6F, S, 11, 0, rr(bytes().u8(0x8E, 0, 0, 0).le16(0x0001).get())));
        // Send Unit Data: a Multiple Service Packet with 16-bit logical and ANSI symbol segments
        byte[] msp = bytes().u8(0x0A, 2, 0x20, 0x02, 0x24, 0x01).le16(3).le16(8).le16(16).le16(28)
                .u8(0x4C, 3, 0x21, 0x00).le16(0x0300).u8(0x25, 0x00).le16(0x0102)
                .u8(0x4C, 4, 0x91, 5).s("Motor").u8(0).u8(1, 0)
                .u8(0x0E, 3, 0x20, 0x01, 0x24, 0x01, 0x30, 0x01).get();
        io.client(encap(0x70, S, 0, 0, unit(0x00351309L, 7, msp)));
        byte[] mspRsp = bytes().u8(0x8A, 0, 0, 0).le16(3).le16(8).le16(14).le16(18)
                .u8(0xCC, 0, 0, 0, 0xc1, 0).u8(0xCC, 0, 0x05, 0).u8(0x8E, 0, 0, 0, 1, 0).get();
        io.server(encap(0x70, S, 0, 0, unit(0x80000001L, 7, mspRsp)));
        // two messages in one segment; one message in three segments
        io.client(concat(encap(0x6F, S, 12, 0, rr(bytes().u8(0x0E, 3, 0x20, 0x01, 0x24, 0x01, 0x30, 0x01).get())),
                encap(0x6F, S, 13, 0, rr(bytes().u8(0x0E, 3, 0x20, 0x01, 0x24, 0x01, 0x30, 0x02).get()))));
        byte[] two = concat(encap(0x6F, S, 12, 0, rr(bytes().u8(0x8E, 0, 0, 0).le16(1).get())),
                encap(0x6F, S, 13, 0, rr(bytes().u8(0x8E, 0, 0, 0).le16(12).get())));
        io.server(two);
        byte[] big = encap(0x6F, S, 14, 0, rr(bytes().u8(0x4B, 2, 0x20, 0x67, 0x24, 1).u8(7).le16(0x4d).le32(0x07aa23d3L)
                .u8(0x0F, 0).le16(0x1237).u8(0xAA, 2, 7, 0x89, 0, 0, 0x34, 0x12).get()));
        io.client(java.util.Arrays.copyOfRange(big, 0, 3));
        io.client(java.util.Arrays.copyOfRange(big, 3, 30));
        io.client(java.util.Arrays.copyOfRange(big, 30, big.length));
        // an answer whose request was not seen, an unknown command, then unregister
        io.server(encap(0x6F, S, 99, 0, rr(bytes().u8(0xCB, 0, 0, 0).u8(7).le16(0x4d).le32(1).u8(0x46, 0x10).le16(9).get())));
        io.client(encap(0xC9, S, 15, 0, bytes().u8(1, 2, 3).get()));
        io.client(encap(0x66, S, 0, 0, new byte[0]));
        io.close();

        io.open();
        io.client(encap(0x65, 0, 1, 0, bytes().le16(1).le16(0).get()));
        // a CPF item longer than the message; a count of items it cannot hold
        io.client(encap(0x6F, S, 2, 0, bytes().le32(0).le16(0).le16(2).le16(0).le16(0).le16(0xB2).le16(40)
                .u8(0x0E, 1, 0x20, 0x01).get()));
        io.client(encap(0x6F, S, 3, 0, bytes().le32(0).le16(0).le16(5).le16(0).le16(0).get()));
        // a message cut by the snap length, a one-byte keep-alive
        byte[] cut = encap(0x6F, S, 4, 0, rr(bytes().u8(0x0E, 3, 0x20, 0x01, 0x24, 0x01, 0x30, 0x07).get()));
        io.send(true, TcpSessions.PSH | TcpSessions.ACK, 0, cut, 40);
        io.client(bytes().u8(0).get());
        io.close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: EnipScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            EnipScenarios s = new EnipScenarios(os);
            s.write();
            s.io.done();
        }
    }
}
