package dev.tcpscope.proto.quic;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The cryptography QUIC's Initial and Retry packets need without any secret from a key log:
 * Initial secrets derived from the client's first Destination Connection ID with HKDF-SHA256
 * and the version's salt (RFC 9001 §5.2, RFC 9369 §3.3.1), header protection with AES-ECB
 * (RFC 9001 §5.4.3), AEAD_AES_128_GCM payload protection (§5.3) and the Retry Integrity Tag
 * (§5.8). Everything comes from the JDK's {@code javax.crypto}.
 */
final class QuicCrypto {
    private QuicCrypto() { }

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 9369 §3.1: QUIC version 2. */
    static final int V2 = 0x6b3343cf;

    /**
     * The draft a version follows (packet-quic.c's quic_draft_version in 4.0.17): the IETF drafts
     * 0xff0000NN, mvfst's versions, the greasing versions 0x?a?a?a?a as draft 29 (their Initial
     * keys then come from draft 29's salt: tshark 4.0.17's packet numbers of such packets in
     * tcpdump's quic_vn.pcap are those), v1 as draft 34, v2 as 100; 0 for anything else.
     */
    static int draft(int version) {
        if ((version >>> 8) == 0xff0000) {
            return version & 0xff;
        }
        if (version == 0xfaceb001) {
            return 22;
        }
        if (version == 0xfaceb002 || version == 0xfaceb00e) {
            return 27;
        }
        if (version == 0x51303530 || version == 0x54303530 || version == 0x54303531) {
            return 27;
        }
        if (grease(version)) {
            return 29;
        }
        if (version == 1) {
            return 34;
        }
        if (version == V2) {
            return 100;
        }
        return 0;
    }

    /** Whether {@code version} follows the pattern RFC 9000 §15 reserves to force version negotiation. */
    static boolean grease(int version) {
        return (version & 0x0F0F0F0F) == 0x0a0a0a0a;
    }

    static boolean draftMax(int version, int max) {
        int d = draft(version);
        return d != 0 && d <= max;
    }

    /** The Initial salt of a version (RFC 9001 §5.2, RFC 9369 §3.3.1 and the drafts'), or null (Google's QUIC). */
    static byte[] salt(int version) {
        if (version == 0x51303530 || version == 0x54303530 || version == 0x54303531) {
            return null;
        }
        String s;
        if (draftMax(version, 22)) {
            s = "7fbcdb0e7c66bbe9193a96cd21519ebd7a02644a";
        } else if (draftMax(version, 28)) {
            s = "c3eef712c72ebb5a11a7d2432bb46365bef9f502";
        } else if (draftMax(version, 32)) {
            s = "afbfec289993d24c9e9786f19c6111e04390a899";
        } else if (draftMax(version, 34)) {
            s = "38762cf7f55934b34d179ae6a4c80cadccbb7f0a";
        } else {
            s = "0dede3def700a6db819381be6e269dcbf9bd2ed9";
        }
        return HEX.parseHex(s);
    }

    /** One direction's Initial keys: header protection, payload key and IV. */
    record Keys(SecretKeySpec hp, SecretKeySpec key, byte[] iv) { }

    /** The client's and server's Initial keys for {@code dcid}, or null when the version has no salt here. */
    static Keys[] initial(byte[] dcid, int version) {
        byte[] salt = salt(version);
        if (salt == null) {
            return null;
        }
        try {
            byte[] initial = hmac(salt, dcid);
            boolean v2 = version == V2;
            return new Keys[] {
                    keys(expandLabel(initial, "client in", 32), v2),
                    keys(expandLabel(initial, "server in", 32), v2)};
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static Keys keys(byte[] secret, boolean v2) throws GeneralSecurityException {
        String p = v2 ? "quicv2 " : "quic ";
        return new Keys(new SecretKeySpec(expandLabel(secret, p + "hp", 16), "AES"),
                new SecretKeySpec(expandLabel(secret, p + "key", 16), "AES"),
                expandLabel(secret, p + "iv", 12));
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(key, "HmacSHA256"));
        return m.doFinal(data);
    }

    /** HKDF-Expand-Label of TLS 1.3 (RFC 8446 §7.1) with an empty context, SHA-256. */
    static byte[] expandLabel(byte[] secret, String label, int length) throws GeneralSecurityException {
        byte[] l = ("tls13 " + label).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] info = new byte[4 + l.length];
        info[0] = (byte) (length >> 8);
        info[1] = (byte) length;
        info[2] = (byte) l.length;
        System.arraycopy(l, 0, info, 3, l.length);
        info[3 + l.length] = 0;
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        int done = 0;
        for (int i = 1; done < length; i++) {
            m.update(t);
            m.update(info);
            m.update((byte) i);
            t = m.doFinal();
            int n = Math.min(t.length, length - done);
            System.arraycopy(t, 0, out, done, n);
            done += n;
        }
        return out;
    }

    /** The header protection mask: AES-ECB of the 16-byte sample, its first five bytes. */
    static byte[] mask(Keys k, byte[] sample) {
        try {
            Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, k.hp());
            return c.doFinal(sample);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /**
     * Opens a packet's payload: AEAD_AES_128_GCM with the IV XORed with the packet number, the
     * unprotected header as associated data. Null when the tag does not verify.
     */
    static byte[] open(Keys k, long pn, byte[] header, byte[] sealed) {
        byte[] nonce = k.iv().clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (pn >>> (8 * i));
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, k.key(), new GCMParameterSpec(128, nonce));
            c.updateAAD(header);
            return c.doFinal(sealed);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /**
     * Whether a Retry packet's Integrity Tag verifies (RFC 9001 §5.8, RFC 9369 §3.3.3, the drafts'
     * keys): {@code packet} is the Retry packet without its tag, {@code odcid} the client's
     * original Destination Connection ID.
     */
    static boolean retryTagOk(int version, byte[] odcid, byte[] packet, byte[] tag) {
        String key;
        String nonce;
        if (draftMax(version, 28)) {
            key = "4d32ecdb2a2133c841e4043df27d4430";
            nonce = "4d1611d05513a552c587d575";
        } else if (draftMax(version, 32)) {
            key = "ccce187ed09a09d05728155a6cb96be1";
            nonce = "e54930f97f2136f0530a8c1c";
        } else if (draftMax(version, 34)) {
            key = "be0c690b9f66575a1d766b54e368c84e";
            nonce = "461599d35d632bf2239825bb";
        } else {
            key = "8fb4b01b56ac48e260fbcbcead7ccc92";
            nonce = "d86969bc2d7c6d9990efb04a";
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(HEX.parseHex(key), "AES"),
                    new GCMParameterSpec(128, HEX.parseHex(nonce)));
            c.updateAAD(new byte[] {(byte) odcid.length});
            c.updateAAD(odcid);
            c.updateAAD(packet);
            c.doFinal(tag);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
