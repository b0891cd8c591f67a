package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.tcpscope.synth.RawPackets.*;

/**
 * Writes {@code captures/synth-stp.pcap}: IEEE 802.3 frames carrying 802.2 LLC and spanning
 * tree BPDUs for packet-llc.c's and packet-stp.c's formats and bounds, one a second. Nothing
 * here says what tshark shows; the goldens (scripts/make-stp-goldens.sh) do.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.StpScenarios captures/synth-stp.pcap
 * </pre>
 *
 * Frames: LLC I frames (with and without P/F, command and response), every S function, U
 * commands and responses (UI, SABME, DISC, UA, DM, XID, TEST, FRMR, an unknown modifier), group
 * DSAPs and unknown SAPs, SNAP with the zero OUI (an IPv4 datagram), Cisco's CDP PID
 * and an unknown OUI; configuration BPDUs with each flag, TCN, RST BPDUs with each port role,
 * MST BPDUs with no, one and three MSTI records, a version 3 length that claims more records
 * than the frame holds (the MSTI loop), SPT BPDUs, an unknown BPDU type and version, a BPDU
 * inside an 802.1Q tag and through PVST+ SNAP; and truncations: LLC headers and BPDUs cut by
 * the snap length and by the 802.3 length.
 */
public final class StpScenarios {
    private static final long START = 1_700_000_000_000_000_000L;
    private static final byte[] BPDU_DST = hex("0180c2000000");
    private static final byte[] PVST_DST = hex("01000ccccccd");
    private static final byte[] SRC = hex("00000c123456");

    private final PcapWriter out;
    private long frames;

    private StpScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, false);
    }

    private void write(byte[] frame, int captured) throws IOException {
        out.write(START + frames++ * 1_000_000_000L, frame, 0, captured, frame.length);
    }

    /** An 802.3 frame: addresses, the payload's length, the payload, zeros to 60 bytes. */
    private static byte[] dot3(byte[] dst, int length, byte[] payload) {
        byte[] f = concat(dst, SRC, new byte[] {(byte) (length >> 8), (byte) length}, payload);
        return f.length < 60 ? Arrays.copyOf(f, 60) : f;
    }

    private void llc(byte[] dst, byte[] payload) throws IOException {
        byte[] f = dot3(dst, payload.length, payload);
        write(f, f.length);
    }

    private void bpdu(byte[] b) throws IOException {
        llc(BPDU_DST, concat(hex("424203"), b));
    }

    /** A configuration or RST BPDU's first 35 or 36 bytes. */
    private static byte[] base(int version, int type, int flags, int rootPrio, long cost, int port, boolean rapid) {
        ByteBuffer b = ByteBuffer.allocate(rapid ? 36 : 35);
        b.putShort((short) 0).put((byte) version).put((byte) type).put((byte) flags);
        b.putShort((short) rootPrio).put(hex("001c0e877800"));
        b.putInt((int) cost);
        b.putShort((short) 0x8064).put(hex("001c0e878500"));
        b.putShort((short) port);
        b.putShort((short) 0x0180).putShort((short) (20 * 256)).putShort((short) (2 * 256)).putShort((short) (15 * 256 + 128));
        return b.array();
    }

    /** An MST BPDU (version 3 or 4) with {@code records} MSTI records, its version 3 length as given. */
    private static byte[] mst(int version, int v3, int records, String name) {
        ByteBuffer b = ByteBuffer.allocate(102 + records * 16);
        b.put(base(version, 2, 0x7c, 0x8000, 0, 0x8005, true));
        b.putShort((short) v3).put((byte) 0);
        b.put(Arrays.copyOf(name.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 32));
        b.putShort((short) 7).put(hex("55bf4e8a44b25d442868549c1bf7720f"));
        b.putInt(200000).putShort((short) 0x8000).put(hex("001aa197d180")).put((byte) 19);
        for (int k = 0; k < records; k++) {
            b.put((byte) (k == 1 ? 0x81 : 0x7c)).putShort((short) (0x8000 | (k + 1) * 5)).put(hex("000c305dd100"));
            b.putInt(20000 * k).put((byte) 0x80).put((byte) 0x80).put((byte) 19);
        }
        return b.array();
    }

    /** SPB's version 4 part: length, MCID, agreement data. */
    private static byte[] spt() {
        ByteBuffer b = ByteBuffer.allocate(87);
        b.putShort((short) 85).put((byte) 0).put(Arrays.copyOf("IEEE802.1 SPB Default".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 32));
        b.putShort((short) 0).put(hex("c8bd946a00815f86ace612b9f8616283"));
        b.put((byte) 0x3d).put((byte) 0).put((byte) 0x12).put((byte) 0x21).putShort((short) 32).put(new byte[8]);
        b.put(hex("0000000e918994fa9ca00398d9138a3e54000000"));
        return b.array();
    }

    private void scenarios() throws IOException {
        byte[] dst = hex("aabbccddeeff");
        // LLC control formats
        llc(dst, hex("0000c814"));                    // I, N(R)=10, N(S)=100
        llc(dst, hex("0001c915"));                    // I F (response, P/F set)
        llc(dst, hex("f0f00101"));                    // S P, RR
        llc(dst, hex("f0f10501"));                    // S F, RNR
        llc(dst, hex("0000a9fe"));                    // S, REJ, N(R)=127
        llc(dst, hex("06060d00"));                    // S, SREJ
        llc(dst, hex("f0f07f"));                      // U P, SABME
        llc(dst, hex("f0f173"));                      // U F, UA
        llc(dst, hex("f0f053"));                      // U P, DISC
        llc(dst, hex("f0f11f"));                      // U F, DM
        llc(dst, hex("0001af810102"));                // U F, XID (response) with the basic format
        llc(dst, hex("0000f3616263"));                // U P, TEST with data
        llc(dst, hex("f0f187010203"));                // U, FRMR response
        llc(dst, hex("f0f02b"));                      // an unknown U modifier
        llc(dst, hex("e1e103"));                      // group DSAP, unknown SAP names
        llc(dst, hex("fe fe 03 81".replace(" ", "")));  // ISO network layer UI with a byte
        // SNAP
        llc(dst, concat(hex("aaaa030000000800"), ipv4(253, new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 2}, new byte[0])));  // RFC 1042: IPv4
        llc(hex("01000ccccccc"), hex("aaaa0300000c20000102"));  // Cisco CDP
        llc(dst, hex("aaaa03123456abcd00"));          // unknown OUI
        llc(dst, hex("aaaa730000000800"));            // SNAP in a U frame that is not UI
        // BPDUs
        bpdu(base(0, 0, 0x00, 0x8000 | 100, 4, 0x8004, false));
        bpdu(base(0, 0, 0x81, 0x1000 | 1, 19, 0x8001, false));   // TC and TC ack
        bpdu(hex("00000080"));                                    // TCN
        for (int role = 0; role < 4; role++) {
            bpdu(base(2, 2, role << 2 | (role == 3 ? 0x7f : 0x02), 0x6001, 10, 0x8001, true));
        }
        bpdu(mst(3, 64, 0, ""));
        bpdu(mst(3, 80, 1, "Test Message"));
        bpdu(mst(3, 112, 3, "region-with-a-name-of-32-chars!!"));
        bpdu(mst(3, 0xffff, 2, "lying"));             // version 3 length far past the frame: bounded
        bpdu(mst(3, 72, 1, "odd"));                   // a length that is not 64 + 16 n
        bpdu(concat(mst(4, 80, 1, "spb"), spt()));
        bpdu(base(4, 2, 0x30, 0x3030, 808464432, 0x3030, true));  // SPT too short for the MST part
        bpdu(base(7, 2, 0x3c, 0x8000, 1, 0x8001, true));          // unknown version
        bpdu(hex("00000042"));                                    // unknown BPDU type
        bpdu(hex("12340000" + "00".repeat(31)));                  // protocol identifier not 0
        // PVST+ and 802.1Q
        byte[] rst = base(2, 2, 0x3c, 0x8000 | 5, 0, 0x8004, true);
        llc(PVST_DST, concat(hex("aaaa0300000c010b"), rst, hex("00000002" + "0005")));
        llc(PVST_DST, concat(hex("aaaa0300000c010b"), rst, hex("0000000300")));  // a TLV of the wrong length
        byte[] tagged = concat(BPDU_DST, SRC, hex("81000005"), hex("0027"), hex("424203"), rst);
        write(Arrays.copyOf(tagged, 64), 64);
        // truncations by the snap length
        byte[] conf = dot3(BPDU_DST, 38, concat(hex("424203"), base(0, 0, 1, 0x8000, 4, 0x8004, false)));
        write(conf, 14 + 2);                          // inside the LLC header
        write(conf, 14 + 3 + 2);                      // inside the BPDU's protocol identifier
        write(conf, 14 + 3 + 20);                     // inside the root path cost
        byte[] m = dot3(BPDU_DST, 3 + 134, concat(hex("424203"), mst(3, 96, 2, "cut")));
        write(m, 14 + 3 + 110);                       // inside the first MSTI record
        byte[] s = dot3(dst, 4, hex("f0f00101"));
        write(s, 14 + 3);                             // inside an S frame's control field
        // truncations by the 802.3 length
        llc2(dst, 2, hex("f0f003"));                  // length 2: the control field is past it
        llc2(dst, 3, hex("f0f00101"));                // an S frame's second control byte past it
        llc2(BPDU_DST, 20, concat(hex("424203"), base(0, 0, 0, 0x8000, 4, 0x8004, false)));
        llc2(BPDU_DST, 110, concat(hex("424203"), mst(3, 80, 1, "short")));
        llc2(dst, 7, hex("aaaa030000000800"));        // SNAP header past the length
    }

    /** An 802.3 frame whose length field says {@code length}, whatever the payload. */
    private void llc2(byte[] dst, int length, byte[] payload) throws IOException {
        byte[] f = dot3(dst, length, payload);
        write(f, f.length);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: StpScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            StpScenarios s = new StpScenarios(os);
            s.scenarios();
            s.out.close();
        }
    }
}
