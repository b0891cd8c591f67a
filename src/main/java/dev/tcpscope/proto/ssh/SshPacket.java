package dev.tcpscope.proto.ssh;

import dev.tcpscope.proto.LayerTree.End;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One call of the SSH dissector over the bytes TCP handed it, as packet-ssh.c runs it
 * ({@code dissect_ssh}, {@code ssh_dissect_ssh2}, {@code ssh_dissect_key_exchange},
 * {@code ssh_dissect_key_init}, the kex-specific dissectors, {@code ssh_dissect_encrypted_packet}):
 * it updates the conversation's state, writes the columns' text and, given a tree, adds the items.
 * The same code runs without a tree for the packet list and with one for {@code -V}, {@code -T
 * json} and the fields, so that both see the same exceptions: a read past the bytes ends the
 * call as Wireshark's bounds exception does ({@code [Malformed Packet]}).
 */
final class SshPacket {
    /** Wireshark's bounds exception: a read past the captured (short) or reported (malformed) bytes. */
    private static final class Bounds extends RuntimeException {
        Bounds() {
            super(null, null, false, false);
        }
    }

    private static final int SSH_MSG_KEXINIT = 20, SSH_MSG_NEWKEYS = 21;
    private static final int CIPHER_CHACHA20 = 1, CIPHER_AES_GCM = 2, CIPHER_AES_CBC_CTR = 3;

    private final Ssh.Session ss;
    private final Ssh.Peer peer;
    private final boolean response;
    private final MemorySegment s;
    private final long base;
    private final int len;
    private final int frame;
    private final boolean canDesegment;
    private final boolean truncated;
    private final Tree root;

    String protocol;
    final StringBuilder info = new StringBuilder(64);
    /** "Client: " or "Server: ", which packet-ssh.c prepends to the whole Info column once the segment's messages are read; null before (more bytes needed, or an exception). */
    String direction;
    int desegmentOffset, desegmentLength;
    End end = End.OK;
    private boolean need;
    private int version;

    SshPacket(Ssh.Session ss, boolean response, MemorySegment s, long base, int len, int frame,
              boolean canDesegment, boolean truncated, Tree root) {
        this.ss = ss;
        this.peer = ss.peer[response ? 1 : 0];
        this.response = response;
        this.s = s;
        this.base = base;
        this.len = len;
        this.frame = frame;
        this.canDesegment = canDesegment;
        this.truncated = truncated;
        this.root = root;
    }

    /** The Protocol column for a conversation's version. */
    static String protocolName(int version) {
        return switch (version) {
            case Ssh.VERSION_1 -> "SSHv1";
            case Ssh.VERSION_2 -> "SSHv2";
            default -> "SSH";
        };
    }

    void run() {
        // proto_tree_add_item(tree, proto_ssh, tvb, offset, -1): all the bytes of the call
        Tree ssh = root == null ? null : root.protocol("ssh", "SSH Protocol").at(s, base, len);
        version = ss.version;
        protocol = protocolName(version);
        int offset = 0;
        try {
            while (offset < len) {
                boolean afterStart = peer.versionStart == 0 || frame >= peer.versionStart;
                boolean beforeEnd = peer.versionEnd == 0 || frame <= peer.versionEnd;
                need = false;
                int last = offset;
                if (afterStart && beforeEnd && Text.startsWithIgnoreCase(s, base + offset, len - offset, "SSH-")) {
                    if (peer.versionStart == 0) {
                        peer.versionStart = frame;
                    }
                    offset = identification(offset, ssh);
                    if (!need) {
                        peer.versionEnd = frame;
                        ss.version = version;
                    }
                } else {
                    offset = switch (version) {
                        case Ssh.VERSION_1 -> ssh1(offset, ssh);
                        case Ssh.VERSION_2 -> ssh2(offset, ssh);
                        default -> tryEncrypted(offset, ssh);
                    };
                }
                if (need) {
                    return; // TCP brings more bytes; this call's Info has no "Client: " in front
                }
                if (offset <= last) {
                    break;
                }
            }
            direction = response ? "Server: " : "Client: ";
            if (ssh != null) {
                ssh.field("ssh.direction", "Direction: " + (response ? "server-to-client" : "client-to-server"),
                        response ? "1" : "0").generated();
            }
        } catch (Bounds b) {
            boolean shortCapture = truncated;
            info.append(shortCapture ? "[Packet size limited during capture]" : "[Malformed Packet]");
            end = shortCapture ? End.SHORT : End.MALFORMED;
        }
    }

    // ---- reads that fail as tvb reads do ------------------------------------------------------

    private void need(int offset, int length) {
        if (offset < 0 || length < 0 || (long) offset + length > len) {
            throw new Bounds();
        }
    }

    private int u8(int offset) {
        need(offset, 1);
        return Text.u8(s, base + offset);
    }

    private long u32(int offset) {
        need(offset, 4);
        return Text.u32(s, base + offset);
    }

    private void appendSep(String text) {
        if (!info.isEmpty()) {
            info.append(", ");
        }
        info.append(text);
    }

    private void desegment(int offset, long more) {
        desegmentOffset = offset;
        desegmentLength = (int) Math.min(more, PduDissector.UNTIL_FIN - 1L);
        need = true;
    }

    // ---- tree items (only with a tree; the bounds checks of proto_tree_add_item run always) ---

    /**
     * A text item over {@code [offset, offset + length)}; like any FT_NONE item, cut at the end
     * of the bytes (proto.c get_hfi_length), and to the end when the length is negative.
     */
    private Tree sub(Tree parent, String label, int offset, long length) {
        long left = Math.max(0, len - offset);
        return parent == null ? null : parent.text(label).at(s, base + offset, (int) (length < 0 ? left : Math.min(length, left)));
    }

    /** An integer field over {@code [offset, offset + length)}. */
    private Tree uint(Tree t, String key, String name, long v, int offset, int length) {
        return t == null ? null : t.field(key, name + ": " + v, Long.toString(v)).at(s, base + offset, length);
    }

    /** Sets the length of an item made by {@link #sub} ({@code proto_item_set_len}). */
    private static void length(Tree t, int length) {
        if (t != null) {
            t.length(length);
        }
    }

    /** An FT_BYTES item of {@code length} bytes (−1: to the end). */
    private void bytes(Tree t, String key, String name, int offset, long length) {
        if (length == -1) {
            length = len - offset;
        }
        if (length > Integer.MAX_VALUE) {
            throw new Bounds();
        }
        need(offset, (int) length);
        if (t != null) {
            if (length == 0) {
                t.field(key, name + ": <MISSING>", "");
            } else {
                t.bytes(key, name, s, base + offset, (int) length);
            }
        }
    }

    /** An FT_STRING item read as ASCII. */
    private String string(Tree t, String key, String name, int offset, long length) {
        if (length > Integer.MAX_VALUE) {
            throw new Bounds();
        }
        need(offset, (int) length);
        String v = Text.ascii(s, base + offset, (int) length);
        if (t != null) {
            t.string(key, name, v).at(s, base + offset, (int) length);
        }
        return v;
    }

    // ---- the identification line ---------------------------------------------------------------

    private int identification(int offset, Tree tree) {
        if (!response) {
            if (Text.startsWithIgnoreCase(s, base + offset, len - offset, "SSH-2.")
                    || Text.startsWithIgnoreCase(s, base + offset, len - offset, "SSH-1.99-")) {
                version = Ssh.VERSION_2;
            } else if (Text.startsWithIgnoreCase(s, base + offset, len - offset, "SSH-1.")) {
                version = Ssh.VERSION_1;
            }
        }
        int remain = len - offset;
        int nl = -1;
        for (int i = offset; i < len; i++) {
            if (Text.u8(s, base + i) == '\n') {
                nl = i;
                break;
            }
        }
        if (canDesegment && nl == -1) {
            // packet-ssh.c asks for "linelen - remain" more bytes, a wrapped negative number;
            // one more segment is what a line split over segments needs
            desegment(offset, PduDissector.ONE_MORE_SEGMENT);
            return offset;
        }
        int lineLen;
        int protoLen;
        if (nl == -1) {
            lineLen = remain;
            protoLen = lineLen;
        } else {
            lineLen = nl - offset + 1;
            protoLen = lineLen > 1 && Text.u8(s, base + offset + lineLen - 2) == '\r' ? lineLen - 2 : lineLen - 1;
        }
        appendSep("Protocol (" + Text.format(s, base + offset, protoLen) + ")");
        string(tree, "ssh.protocol", "Protocol", offset, protoLen);
        return offset + lineLen;
    }

    // ---- SSH-1 ---------------------------------------------------------------------------------

    private int ssh1(int offset, Tree tree) {
        Tree t = sub(tree, "SSH Version 1", offset, len - offset);
        int remain = len - offset;
        if (remain <= 0) {
            throw new Bounds();
        }
        if (canDesegment && remain < 4) {
            desegment(offset, PduDissector.ONE_MORE_SEGMENT);
            return offset;
        }
        long plen = u32(offset);
        long padding = 8 - plen % 8;
        if (canDesegment && plen + 4 + padding > remain) {
            desegment(offset, plen + padding - remain);
            return offset;
        }
        if (plen >= 0xffff) {
            if (t != null && plen > 0) {
                t.field("ssh.packet_length", "Overly large length " + Long.toHexString(plen), Long.toString(plen))
                        .at(s, base + offset, 4);
            }
            plen = remain - 4 - padding;
        } else if (plen > 0) {
            uint(t, "ssh.packet_length", "Packet Length", plen, offset, 4);
        }
        offset += 4;
        uint(t, "ssh.padding_length", "Padding Length", padding, offset, (int) padding); // the padding's bytes
        offset += (int) padding;
        long payload;
        if (peer.keyStart == 0 || (peer.keyStart >= frame && frame <= peer.keyEnd)) {
            int code = u8(offset);
            if (t != null) {
                t.field("ssh.message_code", "Message Code: " + ssh1Name(code) + " (" + code + ")", Integer.toString(code))
                        .at(s, base + offset, 1);
            }
            appendSep(ssh1Name(code));
            offset += 1;
            payload = plen - 1;
            if (peer.keyStart == 0) {
                peer.keyStart = frame;
            }
            peer.keyEnd = frame;
        } else {
            payload = plen;
            appendSep("Encrypted packet (len=" + (int) payload + ")");
        }
        bytes(t, "ssh.payload", "Payload", offset, (int) payload);
        return offset + (int) payload;
    }

    private static String ssh1Name(int code) {
        return switch (code) {
            case 0 -> "No Message";
            case 1 -> "Disconnect";
            case 2 -> "Public Key";
            case 3 -> "Session Key";
            case 4 -> "User";
            default -> "Unknown (" + code + ")";
        };
    }

    // ---- SSH-2 ---------------------------------------------------------------------------------

    private int ssh2(int offset, Tree tree) {
        int remain = len - offset;
        while (remain > 0) {
            int last = offset;
            Tree t = sub(tree, title(), offset, len - offset);
            boolean kexPhase = peer.keyStart == 0 || peer.keyStart <= frame
                    && (peer.keyEnd == 0 || frame < peer.keyEnd || frame == peer.keyEnd && offset < peer.keyEndOffset);
            if (kexPhase) {
                offset = keyExchange(offset, t);
                if (need) {
                    break;
                }
            } else {
                offset = tryEncrypted(offset, t);
            }
            length(t, offset - last);
            remain = len - offset;
        }
        return offset;
    }

    private String title() {
        StringBuilder b = new StringBuilder("SSH Version 2");
        // tshark -2: the algorithms the first pass ended with, for every packet of the conversation
        String[] last = ss.lastAlgorithms;
        int at = response ? 3 : 0;
        String enc = last != null ? last[at] : peer.enc;
        String mac = last != null ? last[at + 1] : peer.mac;
        String comp = last != null ? last[at + 2] : peer.comp;
        if (enc != null || mac != null || comp != null) {
            b.append(" (");
            if (enc != null) {
                b.append("encryption:").append(enc).append(mac != null || comp != null ? " " : "");
            }
            if (mac != null) {
                b.append("mac:").append(mac).append(comp != null ? " " : "");
            }
            if (comp != null) {
                b.append("compression:").append(comp);
            }
            b.append(')');
        }
        return b.toString();
    }

    private int keyExchange(int offset, Tree tree) {
        int last = offset;
        int remain = len - offset;
        if (remain <= 0) {
            throw new Bounds();
        }
        if (canDesegment && remain < 4) {
            desegment(offset, PduDissector.ONE_MORE_SEGMENT);
            return offset;
        }
        long plen = u32(offset);
        if (canDesegment && plen + 4 > remain) {
            desegment(offset, plen + 4 - remain);
            return offset;
        }
        Tree pl = uint(tree, "ssh.packet_length", "Packet Length", plen, offset, 4);
        if (plen >= 0xffff) {
            if (pl != null) {
                pl.expert("ssh.packet_length.error", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                        "Overly large number " + (int) plen);
            }
            plen = remain - 4;
        }
        offset += 4;
        int padding = u8(offset);
        uint(tree, "ssh.padding_length", "Padding Length", padding, offset, 1);
        offset += 1;
        Tree kt = sub(tree, ss.kex == null ? "Key Exchange" : "Key Exchange (method:" + ss.kex + ")", offset, plen - 1);
        int code = u8(offset);
        int[] seq = {0};
        if (code >= 30 && code < 40) {
            offset = SshKex.specific(this, code, offset, kt, seq);
        } else {
            String name = SshKex.ssh2Name(code);
            if (kt != null) {
                kt.field("ssh.message_code", "Message Code: " + name + " (" + code + ")", Integer.toString(code)).at(s, base + offset, 1);
            }
            offset += 1;
            appendSep(name);
            if (code == SSH_MSG_KEXINIT) {
                offset = keyInit(offset, kt);
                if (peer.keyStart == 0 || peer.keyStart == frame) {
                    peer.keyStart = frame;
                    if (peer.seqKexInit == 0) {
                        peer.seqKexInit = peer.sequenceNumber;
                        peer.sequenceNumber++;
                    }
                }
                seq[0] = peer.seqKexInit;
            } else if (code == SSH_MSG_NEWKEYS) {
                if (peer.keyEnd == 0) {
                    peer.keyEnd = frame;
                    peer.keyEndOffset = offset;
                    if (peer.seqNewKey == 0) {
                        peer.seqNewKey = peer.sequenceNumber;
                        peer.sequenceNumber++;
                    }
                    peer.cipher = peer.cipherId != 0; // ssh_decryption_setup_cipher opens a handle
                }
                seq[0] = peer.seqNewKey;
            }
        }
        long payload = plen + 4 - padding - (offset - last);
        if (payload < 0) {
            throw new Bounds(); // a negative length to proto_tree_add_item
        }
        if (payload > 0) {
            bytes(kt, "ssh.payload", "Payload", offset, payload);
        }
        offset += (int) payload;
        bytes(tree, "ssh.padding_string", "Padding String", offset, padding);
        offset += padding;
        uint(tree, "ssh.seq_num", "Sequence number", seq[0], offset, 0);
        return offset;
    }

    /** The ten name-lists of KEXINIT (RFC 4253 7.1) and their field names. */
    private static final String[] PROPOSALS = {"kex_algorithms", "server_host_key_algorithms",
            "encryption_algorithms_client_to_server", "encryption_algorithms_server_to_client",
            "mac_algorithms_client_to_server", "mac_algorithms_server_to_client",
            "compression_algorithms_client_to_server", "compression_algorithms_server_to_client",
            "languages_client_to_server", "languages_server_to_client"};

    private int keyInit(int offset, Tree tree) {
        int start = offset;
        Tree a = sub(tree, "Algorithms", offset, len - offset);
        bytes(a, "ssh.cookie", "Cookie", offset, 16);
        offset += 16;
        String[] got = new String[PROPOSALS.length];
        for (int i = 0; i < PROPOSALS.length; i++) {
            long n = u32(offset);
            uint(a, "ssh." + PROPOSALS[i] + "_length", PROPOSALS[i] + " length", n, offset, 4);
            offset += 4;
            got[i] = string(a, "ssh." + PROPOSALS[i], PROPOSALS[i] + " string", offset, n);
            offset += (int) n;
        }
        peer.kexProposal = got[0];
        peer.encProposals[0] = got[2];
        peer.encProposals[1] = got[3];
        peer.macProposals[0] = got[4];
        peer.macProposals[1] = got[5];
        peer.compProposals[0] = got[6];
        peer.compProposals[1] = got[7];
        int follows = u8(offset);
        uint(a, "ssh.first_kex_packet_follows", "First KEX Packet Follows", follows, offset, 1);
        offset += 1;
        bytes(a, "ssh.kex.reserved", "Reserved", offset, 4);
        offset += 4;
        if (a != null) {
            int d = response ? 1 : 0;
            String algo = orNull(peer.kexProposal) + ";" + orNull(peer.encProposals[d]) + ";"
                    + orNull(peer.macProposals[d]) + ";" + orNull(peer.compProposals[d]);
            String server = response ? "server" : "";
            // at the offset packet-ssh.c has reached, with no length (PDML's pos)
            a.string("ssh.kex.hassh" + server + "_algorithms", response ? "hasshServerAlgorithms" : "hasshAlgorithms", algo)
                    .generated().at(s, base + offset, 0);
            a.string("ssh.kex.hassh" + server, response ? "hasshServer" : "hassh", md5(algo)).generated().at(s, base + offset, 0);
        }
        Ssh.Peer client = ss.peer[0];
        Ssh.Peer srv = ss.peer[1];
        if (client.kexProposal != null && srv.kexProposal != null && ss.kex == null) {
            ss.kex = choose(client.kexProposal, srv.kexProposal);
            SshKex.setKind(ss);
        }
        length(a, offset - start);
        return offset;
    }

    private static String orNull(String s) {
        return s == null ? "(null)" : s;
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    /** ssh_choose_algo: the first of the client's list that the server's list holds, or null. */
    static String choose(String client, String server) {
        if (client == null || server == null) {
            return null;
        }
        String[] srv = server.split(",", -1);
        for (String c : client.split(",", -1)) {
            for (String x : srv) {
                if (x.equals(c)) {
                    return x;
                }
            }
        }
        return null;
    }

    /** ssh_choose_enc_mac, at a DH/ECDH reply: both directions' cipher, MAC and compression. */
    void chooseEncMac() {
        Ssh.Peer client = ss.peer[0];
        Ssh.Peer server = ss.peer[1];
        for (int d = 0; d < 2; d++) {
            Ssh.Peer p = ss.peer[d];
            if (p.enc == null) {
                p.enc = choose(client.encProposals[d], server.encProposals[d]);
            }
            if ("aes128-gcm@openssh.com".equals(p.enc) || "aes256-gcm@openssh.com".equals(p.enc)) {
                p.mac = "<implicit>";
                p.macLength = 16;
                p.lengthIsPlaintext = true;
            } else if ("chacha20-poly1305@openssh.com".equals(p.enc)) {
                p.mac = "<implicit>";
                p.macLength = 16;
            } else {
                if (p.mac == null) {
                    p.mac = choose(client.macProposals[d], server.macProposals[d]);
                }
                setMacLength(p);
            }
            if (p.comp == null) {
                p.comp = choose(client.compProposals[d], server.compProposals[d]);
            }
        }
        for (Ssh.Peer p : ss.peer) {
            if (p.enc != null) {
                switch (p.enc) {
                    case "chacha20-poly1305@openssh.com" -> p.cipherId = CIPHER_CHACHA20;
                    case "aes128-gcm@openssh.com", "aes128-gcm", "aes256-gcm@openssh.com", "aes256-gcm" ->
                            p.cipherId = CIPHER_AES_GCM;
                    case "aes128-cbc", "aes192-cbc", "aes256-cbc", "aes128-ctr", "aes192-ctr", "aes256-ctr" ->
                            p.cipherId = CIPHER_AES_CBC_CTR;
                    default -> { }
                }
            }
            // ssh_decryption_set_mac_id forgets every MAC it cannot verify
            if (!"hmac-sha2-256".equals(p.mac)) {
                p.mac = null;
            }
        }
    }

    private static void setMacLength(Ssh.Peer p) {
        String name = p.mac;
        if (name == null) {
            return;
        }
        int strip = name.indexOf("-etm@openssh.com");
        if (strip >= 0) {
            p.lengthIsPlaintext = true;
            name = name.substring(0, strip);
        } else {
            strip = name.indexOf("@openssh.com");
            if (strip >= 0) {
                name = name.substring(0, strip);
            }
        }
        int dash = name.lastIndexOf('-');
        long size = -1;
        if (dash >= 0) {
            String digits = name.substring(dash + 1);
            if (!digits.isEmpty() && digits.length() <= 10 && digits.chars().allMatch(Character::isDigit)) {
                size = Long.parseLong(digits);
            }
        }
        if (size > 0 && size <= 0xffffffffL && size % 8 == 0) {
            p.macLength = (int) (size / 8);
        } else if (name.equals("hmac-sha1") || name.equals("hmac-ripemd160")) {
            p.macLength = 20;
        } else if (name.equals("hmac-md5")) {
            p.macLength = 16;
        } else if (name.equals("none")) {
            p.macLength = 0;
        }
    }

    // ---- after NEWKEYS -------------------------------------------------------------------------

    private int tryEncrypted(int offset, Tree tree) {
        if (!peer.cipher) {
            return encrypted(offset, tree);
        }
        // ssh_decrypt_packet without keys: Wireshark decrypts with all-zero keys
        switch (peer.cipherId) {
            case CIPHER_CHACHA20 -> {
                need(offset, 4);
                return len; // the decrypted length is not plausible: the rest is consumed, nothing shown
            }
            case CIPHER_AES_CBC_CTR -> {
                need(offset, 16);
                return len;
            }
            default -> {
                long messageLength = u32(offset);
                if (messageLength < 16) {
                    return len;
                }
                // The zero-key AES-GCM "plaintext" is noise that Wireshark goes on to dissect; this
                // shows how long it was and moves on (the noise's message name is not reproduced).
                appendSep("Encrypted packet (plaintext_len=" + (messageLength + 4) + ")");
                long next = offset + messageLength + peer.macLength + 4;
                return next > len ? len : (int) next;
            }
        }
    }

    private int encrypted(int offset, Tree tree) {
        int n = len - offset;
        appendSep("Encrypted packet (len=" + n + ")");
        if (tree != null) {
            int encLen = n;
            if (n > 4 && peer.lengthIsPlaintext) {
                uint(tree, "ssh.packet_length", "Packet Length", u32(offset), offset, 4);
                encLen -= 4;
            } else if (n > 4) {
                bytes(tree, "ssh.packet_length_encrypted", "Packet Length (encrypted)", offset, 4);
                encLen -= 4;
            }
            if (peer.macLength > 0) {
                encLen -= peer.macLength;
            }
            bytes(tree, "ssh.encrypted_packet", "Encrypted Packet", offset + 4, encLen);
            if (peer.macLength > 0) {
                bytes(tree, "ssh.mac", "MAC", offset + 4 + encLen, peer.macLength);
            }
        }
        return offset + n;
    }

    // ---- what SshKex uses -----------------------------------------------------------------------

    Ssh.Session session() { return ss; }

    int readU8(int offset) { return u8(offset); }

    long readU32(int offset) { return u32(offset); }

    void sep(String text) { appendSep(text); }

    void bytesItem(Tree t, String key, String name, int offset, long length) { bytes(t, key, name, offset, length); }

    String stringItem(Tree t, String key, String name, int offset, long length) { return string(t, key, name, offset, length); }

    Tree uintItem(Tree t, String key, String name, long v, int offset, int length) { return uint(t, key, name, v, offset, length); }

    Tree subItem(Tree parent, String label, int offset, long length) { return sub(parent, label, offset, length); }

    /** Records that {@code t} covers {@code [offset, offset + length)} of the call's bytes; returns it. */
    Tree place(Tree t, int offset, int length) { return t == null ? null : t.at(s, base + offset, length); }
}
