package dev.tcpscope.synth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of one direction's TLS 1.3 message in flight in a synthetic connection (RFC 8446):
 * an optional prefix of whole handshake records (the ClientHello, or the ServerHello and the
 * compatibility ChangeCipherSpec), then {@code body} bytes of Application Data records of at most
 * 2^14 bytes each (RFC 8446 §5.1), whose contents are the generator's filler, as ciphertext looks.
 * A segment's bytes are a function of its sequence number alone, so retransmissions repeat them.
 */
final class Tls {
    private static final int MAX_FRAGMENT = 16_384;
    private static final int HEADER = 5;

    private long start;
    private byte[] prefix = new byte[0];
    private long body;

    /** Starts a message at relative sequence number {@code start}. */
    void start(long start, byte[] prefix, long body) {
        this.start = start;
        this.prefix = prefix == null ? new byte[0] : prefix;
        this.body = body;
    }

    /** The message's length in bytes. */
    long length() {
        return length(prefix, body);
    }

    /** The length of a message of {@code prefix} and {@code body} bytes of Application Data. */
    static long length(byte[] prefix, long body) {
        long records = (body + MAX_FRAGMENT - 1) / MAX_FRAGMENT;
        return (prefix == null ? 0 : prefix.length) + body + records * HEADER;
    }

    /** Writes over {@code buf[0, len)}, the bytes from relative {@code seq}, those of the message. */
    void overlay(long seq, byte[] buf, int len) {
        long off = seq - start;
        for (long i = Math.max(0, off); i < Math.min(prefix.length, off + len); i++) {
            buf[(int) (i - off)] = prefix[(int) i];
        }
        if (body <= 0) {
            return;
        }
        long stride = MAX_FRAGMENT + HEADER;
        for (long k = Math.max(0, (off - prefix.length) / stride); k * MAX_FRAGMENT < body; k++) {
            long at = prefix.length + k * stride;
            if (at >= off + len) {
                break;
            }
            int fragment = (int) Math.min(MAX_FRAGMENT, body - k * MAX_FRAGMENT);
            byte[] h = {23, 3, 3, (byte) (fragment >>> 8), (byte) fragment}; // application_data, legacy 1.2
            for (int j = 0; j < HEADER; j++) {
                long p = at + j;
                if (p >= off && p < off + len) {
                    buf[(int) (p - off)] = h[j];
                }
            }
        }
    }

    /** A ClientHello record offering TLS 1.3 to {@code svcID.example} (SNI), X25519, ECDSA-P256. */
    static byte[] clientHello(long id) {
        Bytes ext = new Bytes();
        byte[] name = ("svc" + id + ".example").getBytes(StandardCharsets.US_ASCII);
        ext.u16(0).u16(name.length + 5).u16(name.length + 3).u8(0).u16(name.length).raw(name); // server_name
        ext.u16(10).u16(4).u16(2).u16(29);                  // supported_groups: x25519
        ext.u16(13).u16(4).u16(2).u16(0x0403);              // signature_algorithms: ecdsa_secp256r1_sha256
        ext.u16(43).u16(3).u8(2).u16(0x0304);               // supported_versions: TLS 1.3
        ext.u16(51).u16(38).u16(36).u16(29).u16(32).raw(random(id, 3, 32)); // key_share: x25519
        Bytes hello = new Bytes();
        hello.u16(0x0303).raw(random(id, 1, 32)).u8(32).raw(random(id, 2, 32));
        hello.u16(6).u16(0x1301).u16(0x1302).u16(0x1303);   // cipher suites
        hello.u8(1).u8(0);                                   // compression: null
        hello.u16(ext.size()).raw(ext.bytes());
        return record(22, 0x0301, handshake(1, hello.bytes()));
    }

    /** A ServerHello record choosing TLS 1.3, then the compatibility ChangeCipherSpec record. */
    static byte[] serverHello(long id) {
        Bytes ext = new Bytes();
        ext.u16(43).u16(2).u16(0x0304);                     // supported_versions
        ext.u16(51).u16(36).u16(29).u16(32).raw(random(id, 4, 32)); // key_share
        Bytes hello = new Bytes();
        hello.u16(0x0303).raw(random(id, 5, 32)).u8(32).raw(random(id, 2, 32)); // echoes the session ID
        hello.u16(0x1301).u8(0);
        hello.u16(ext.size()).raw(ext.bytes());
        Bytes out = new Bytes();
        out.raw(record(22, 0x0303, handshake(2, hello.bytes())));
        out.raw(record(20, 0x0303, new byte[] {1}));
        return out.bytes();
    }

    /** An Application Data record of {@code n} opaque bytes (TLS 1.2 record version). */
    static byte[] appData(long id, int purpose, int n) {
        return record(23, 0x0303, random(id, 100 + purpose, n));
    }

    private static byte[] handshake(int type, byte[] body) {
        return new Bytes().u8(type).u8(body.length >>> 16).u16(body.length & 0xffff).raw(body).bytes();
    }

    private static byte[] record(int type, int version, byte[] fragment) {
        return new Bytes().u8(type).u16(version).u16(fragment.length).raw(fragment).bytes();
    }

    /** {@code n} bytes that depend on the connection and a purpose only. */
    private static byte[] random(long id, int purpose, int n) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(id * 31 + purpose);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    /** A big-endian byte writer. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int v) {
            out.write(v);
            return this;
        }

        Bytes u16(int v) {
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Bytes u32(long v) {
            return u16((int) (v >>> 16) & 0xffff).u16((int) v & 0xffff);
        }

        Bytes raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        int size() { return out.size(); }

        byte[] bytes() { return out.toByteArray(); }
    }
}
