package dev.tcpscope.synth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Writes {@code captures/synth-ntlmssp.pcap}: HTTP connections on port 80 whose Authorization,
 * WWW-Authenticate, Proxy-Authorization and Proxy-Authenticate headers carry NTLMSSP messages
 * ([MS-NLMP] §2.2) built here: a full NEGOTIATE / CHALLENGE (every AV pair type, an unknown one,
 * a zero timestamp) / AUTHENTICATE (NTLMv2 response with padding, MIC, an LM response that is an
 * NTLM2 session response); an AUTHENTICATE with OEM strings and no CHALLENGE before it; and
 * damaged ones: a string offset past the message, an odd Unicode length, a message cut after
 * its type, an unknown type, an AV pair running past its list, a length with the top bit set,
 * a blob past the message, an empty target info, base64 with a stray character, a "Negotiate"
 * GSS-API token that is no NTLMSSP, "NTLM" with nothing after it. Run it to remake the file; the
 * goldens come from tshark (scripts/make-ntlmssp-goldens.sh); nothing here says what the result
 * should be.
 */
public final class NtlmsspScenarios {
    private final TcpSessions io;

    private NtlmsspScenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 80, n -> 44100 + n);
    }

    private static byte[] b(Object... parts) {
        return TcpSessions.b(parts);
    }

    private static byte[] le16(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8)};
    }

    private static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    private static byte[] le64(long v) {
        byte[] r = new byte[8];
        for (int i = 0; i < 8; i++) {
            r[i] = (byte) (v >>> (8 * i));
        }
        return r;
    }

    private static byte[] u16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] sig(int type) {
        return cat("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII), le32(type));
    }

    /** A security buffer: length, maximum length, offset. */
    private static byte[] buf(int len, int off) {
        return cat(le16(len), le16(len), le32(off));
    }

    private static byte[] av(int type, byte[] value) {
        return cat(le16(type), le16(value.length), value);
    }

    private static final byte[] VERSION = {10, 0, 0x61, 0x4a, 0, 0, 0, 15};

    private void request(String header, byte[] blob) throws IOException {
        request(header, "NTLM " + Base64.getEncoder().encodeToString(blob));
    }

    private void request(String header, String value) throws IOException {
        io.client(b("GET /auth HTTP/1.1\r\nHost: ntlm.example.test\r\n" + header + ": " + value + "\r\n\r\n"));
    }

    private void answer(String header, byte[] blob) throws IOException {
        answer(header, "NTLM " + Base64.getEncoder().encodeToString(blob));
    }

    private void answer(String header, String value) throws IOException {
        io.server(b("HTTP/1.1 401 Unauthorized\r\n" + header + ": " + value + "\r\nContent-Length: 0\r\n\r\n"));
    }

    private static byte[] negotiate() {
        byte[] dom = "NTLMDOM".getBytes(StandardCharsets.US_ASCII);
        byte[] ws = "WORKSTATION".getBytes(StandardCharsets.US_ASCII);
        return cat(sig(1), le32(0xe20882b7L), buf(dom.length, 40), buf(ws.length, 40 + dom.length), VERSION, dom, ws);
    }

    private static byte[] challenge(long timestamp) {
        byte[] target = u16("NTLMDOM");
        byte[] info = cat(av(2, u16("NTLMDOM")), av(1, u16("SERVER1")), av(4, u16("ntlm.example.test")),
                av(3, u16("server1.ntlm.example.test")), av(5, u16("example.test")), av(6, le32(2)),
                av(7, le64(timestamp)), av(8, new byte[48]), av(9, u16("HTTP/server1")),
                av(10, new byte[16]), av(11, b(1, 2, 3)), av(0, new byte[0]));
        int off = 56;
        return cat(sig(2), buf(target.length, off), le32(0xe28a8235L), b(1, 2, 3, 4, 5, 6, 7, 8), new byte[8],
                buf(info.length, off + target.length), VERSION, target, info);
    }

    private static byte[] auth(boolean unicode, boolean v2) {
        byte[] dom = unicode ? u16("NTLMDOM") : "NTLMDOM".getBytes(StandardCharsets.US_ASCII);
        byte[] user = unicode ? u16("alice") : "alice".getBytes(StandardCharsets.US_ASCII);
        byte[] host = unicode ? u16("WORKSTATION") : "WORKSTATION".getBytes(StandardCharsets.US_ASCII);
        byte[] lm = cat(b(9, 9, 9, 9, 9, 9, 9, 9), new byte[16]);
        byte[] nt = v2 ? cat(new byte[] {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88, 1, 2, 3, 4, 5, 6, 7, 8},
                b(1, 1, 0, 0, 0, 0, 0, 0), le64(0x01d4c0ffee000000L), b(0xa, 0xb, 0xc, 0xd, 0xe, 0xf, 0x10, 0x11),
                new byte[4], av(2, u16("NTLMDOM")), av(7, le64(0)), av(0, new byte[0]), new byte[4])
                : b(0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e,
                0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e);
        byte[] key = new byte[16];
        java.util.Arrays.fill(key, (byte) 0x4b);
        int off = 88;
        long flags = unicode ? 0xe2888215L : 0x02088206L;
        return cat(sig(3), buf(lm.length, off), buf(nt.length, off + lm.length),
                buf(dom.length, off + lm.length + nt.length), buf(user.length, off + lm.length + nt.length + dom.length),
                buf(host.length, off + lm.length + nt.length + dom.length + user.length),
                buf(key.length, off + lm.length + nt.length + dom.length + user.length + host.length),
                le32(flags), VERSION, b(0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01),
                lm, nt, dom, user, host, key);
    }

    private void write() throws IOException {
        // 1: a whole exchange, every AV pair
        io.open();
        request("Authorization", negotiate());
        answer("WWW-Authenticate", challenge(0x01d4c0ffee123456L));
        request("Authorization", auth(true, true));
        io.server(b("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        io.close();

        // 2: an AUTHENTICATE with OEM strings and no CHALLENGE before it, through a proxy
        io.open();
        request("Proxy-Authorization", auth(false, false));
        answer("Proxy-Authenticate", challenge(0));
        io.close();

        // 3: damaged messages, one request each
        io.open();
        byte[] n = negotiate();
        byte[] past = n.clone();
        past[20] = (byte) 0xf0; // the domain's offset past the message
        request("Authorization", past);
        byte[] c = challenge(0x01d4c0ffee123456L);
        byte[] odd = c.clone();
        odd[12] = 13; // the target name's length odd
        answer("WWW-Authenticate", odd);
        request("Authorization", java.util.Arrays.copyOf(n, 10)); // cut inside the type
        request("Authorization", java.util.Arrays.copyOf(n, 14)); // cut after the type
        request("Authorization", cat(sig(5), new byte[8]));
        byte[] avPast = c.clone();
        avPast[58 + 14 + 2] = (byte) 0xf0; // the second AV pair's length past the list
        answer("WWW-Authenticate", avPast);
        byte[] neg = n.clone();
        neg[17] = (byte) 0x80; // the domain's length with its top bit set
        request("Authorization", neg);
        byte[] a = auth(true, true);
        byte[] blobPast = a.clone();
        blobPast[24] = (byte) 0xff; // the NT response's offset past the message
        blobPast[25] = (byte) 0x7f;
        request("Authorization", blobPast);
        byte[] noInfo = cat(sig(2), buf(0, 48), le32(0x00000205L), b(1, 2, 3, 4, 5, 6, 7, 8), new byte[8], buf(0, 48));
        answer("WWW-Authenticate", noInfo);
        String stray = Base64.getEncoder().encodeToString(n);
        request("Authorization", "NTLM " + stray.substring(0, 20) + "*" + stray.substring(20));
        byte[] spnego = b(0x60, 0x0e, 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02, 0xa0, 0x04, 0x30, 0x02, 0xa0, 0x00);
        request("Authorization", "Negotiate " + Base64.getEncoder().encodeToString(spnego));
        request("Authorization", "Negotiate " + Base64.getEncoder().encodeToString(negotiate()));
        request("Authorization", "NTLM");
        request("Authorization", "NTLM ");
        io.close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: NtlmsspScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            NtlmsspScenarios s = new NtlmsspScenarios(os);
            s.write();
            s.io.done();
        }
    }
}
