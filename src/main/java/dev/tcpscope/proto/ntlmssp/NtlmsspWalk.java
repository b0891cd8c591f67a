package dev.tcpscope.proto.ntlmssp;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * One walk over an NTLMSSP message, in the order packet-ntlmssp.c (4.0) adds its items: the
 * signature and type, then the NEGOTIATE, CHALLENGE or AUTHENTICATE fields ([MS-NLMP] §2.2.1).
 * Every read is bounds-checked by {@link Tvb}; a read past the message throws {@link Tvb.Stop},
 * which {@link Ntlmssp} turns into the malformed-packet marker. Offsets and lengths come from the
 * message and are used as read (no loops but the AV pair list, which moves forward every item).
 */
final class NtlmsspWalk {
    private final Tvb b;
    private final Tree t;
    private final StringBuilder info;
    /** How AUTHENTICATE strings are read: the conversation's last CHALLENGE flags. */
    private final boolean authUnicode;
    /** The flags of a CHALLENGE message, once read (the conversation keeps them). */
    Integer challengeFlags;

    NtlmsspWalk(Tvb b, Tree t, StringBuilder info, boolean authUnicode) {
        this.b = b;
        this.t = t;
        this.info = info;
        this.authUnicode = authUnicode;
    }

    static final String[] TYPES = {null, "NTLMSSP_NEGOTIATE", "NTLMSSP_CHALLENGE", "NTLMSSP_AUTH", "NTLMSSP_UNKNOWN"};

    /** The flag bits from the top one down: mask, field, name (packet-ntlmssp.c's hf_ntlmssp_negotiate_flags_*). */
    static final Object[][] FLAGS = {
            {0x80000000, "ntlmssp.negotiate56", "Negotiate 56"},
            {0x40000000, "ntlmssp.negotiatekeyexch", "Negotiate Key Exchange"},
            {0x20000000, "ntlmssp.negotiate128", "Negotiate 128"},
            {0x10000000, "ntlmssp.negotiatent10000000", "Negotiate 0x10000000"},
            {0x08000000, "ntlmssp.negotiatent08000000", "Negotiate 0x08000000"},
            {0x04000000, "ntlmssp.negotiatent04000000", "Negotiate 0x04000000"},
            {0x02000000, "ntlmssp.negotiateversion", "Negotiate Version"},
            {0x01000000, "ntlmssp.negotiatent01000000", "Negotiate 0x01000000"},
            {0x00800000, "ntlmssp.negotiatetargetinfo", "Negotiate Target Info"},
            {0x00400000, "ntlmssp.requestnonntsession", "Request Non-NT Session"},
            {0x00200000, "ntlmssp.negotiatent00200000", "Negotiate 0x00200000"},
            {0x00100000, "ntlmssp.negotiateidentify", "Negotiate Identify"},
            {0x00080000, "ntlmssp.negotiatentlm2", "Negotiate Extended Security"},
            {0x00040000, "ntlmssp.targettypeshare", "Target Type Share"},
            {0x00020000, "ntlmssp.targettypeserver", "Target Type Server"},
            {0x00010000, "ntlmssp.targettypedomain", "Target Type Domain"},
            {0x00008000, "ntlmssp.negotiatealwayssign", "Negotiate Always Sign"},
            {0x00004000, "ntlmssp.negotiate00004000", "Negotiate 0x00004000"},
            {0x00002000, "ntlmssp.negotiateoemworkstationsupplied", "Negotiate OEM Workstation Supplied"},
            {0x00001000, "ntlmssp.negotiateoemdomainsupplied", "Negotiate OEM Domain Supplied"},
            {0x00000800, "ntlmssp.negotiateanonymous", "Negotiate Anonymous"},
            {0x00000400, "ntlmssp.negotiatentonly", "Negotiate NT Only"},
            {0x00000200, "ntlmssp.negotiatentlm", "Negotiate NTLM key"},
            {0x00000100, "ntlmssp.negotiate00000100", "Negotiate 0x00000100"},
            {0x00000080, "ntlmssp.negotiatelmkey", "Negotiate Lan Manager Key"},
            {0x00000040, "ntlmssp.negotiatedatagram", "Negotiate Datagram"},
            {0x00000020, "ntlmssp.negotiateseal", "Negotiate Seal"},
            {0x00000010, "ntlmssp.negotiatesign", "Negotiate Sign"},
            {0x00000008, "ntlmssp.negotiate00000008", "Request 0x00000008"},
            {0x00000004, "ntlmssp.requesttarget", "Request Target"},
            {0x00000002, "ntlmssp.negotiateoem", "Negotiate OEM"},
            {0x00000001, "ntlmssp.negotiateunicode", "Negotiate UNICODE"},
    };

    /** ntlm_name_types: the AV pair ids ([MS-NLMP] §2.2.2.1 MsvAv*). */
    static final String[] AV_NAMES = {"End of list", "NetBIOS computer name", "NetBIOS domain name",
            "DNS computer name", "DNS domain name", "DNS tree name", "Flags", "Timestamp", "Restrictions",
            "Target Name", "Channel Bindings"};
    /** The string fields of AV pairs 1..5 and 9, after the list's prefix. */
    static final String[] AV_FIELDS = {"end", "nb_computer_name", "nb_domain_name", "dns_computer_name",
            "dns_domain_name", "dns_tree_name", "flags", "timestamp", "restrictions", "target_name", "channel_bindings"};
    static final String[] AV_TITLES = {"List End", "NetBIOS Computer Name", "NetBIOS Domain Name", "DNS Computer Name",
            "DNS Domain Name", "DNS Tree Name", "Flags", "Timestamp", "Restrictions", "Target Name", "Channel Bindings"};

    /** ITEM_LABEL_LENGTH less its NUL: proto_item_append_text cuts a label there. */
    private static final int LABEL_MAX = 239;

    private int le16(int off) {
        b.need(off, 2);
        return b.u8(off) | b.u8(off + 1) << 8;
    }

    private long le32(int off) {
        b.need(off, 4);
        return (long) le16(off) | (long) le16(off + 2) << 16;
    }

    void message() {
        b.string(t, "ntlmssp.identifier", "NTLMSSP identifier", 0, 8);
        long type = le32(8);
        String name = type >= 1 && type <= 4 ? TYPES[(int) type] : null;
        Tree typeItem = b.at(t.field("ntlmssp.messagetype", "NTLM Message Type: " + (name == null ? "Unknown" : name)
                + " (" + hex32(type) + ")", hex32(type)), 8, 4);
        info.append(", ").append(name == null ? "Unknown NTLMSSP message type" : name);
        switch ((int) type) {
            case 1 -> negotiate(12);
            case 2 -> challenge(12);
            case 3 -> auth(12);
            default -> typeItem.expert("ntlmssp.messagetype.unknown", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                    "Unrecognized NTLMSSP Message");
        }
    }

    /**
     * proto_tree_add_expert over bytes: a text item labelled with the message over
     * {@code [off, off + len)} (its bytes must exist), the expert item under it.
     */
    private void expertItem(Tree parent, String key, Tree.Severity sev, Tree.Group group, String message, int off, int len) {
        b.need(off, len);
        b.at(parent.text(message), off, len).expert(key, sev, group, message);
    }

    static String hex32(long v) {
        return String.format("0x%08x", v);
    }

    private int flags(int off) {
        int flags = (int) le32(off);
        StringBuilder label = new StringBuilder("Negotiate Flags: ").append(hex32(flags & 0xffffffffL));
        for (Object[] f : FLAGS) {
            if ((flags & (int) f[0]) != 0) {
                label.append(", ").append((String) f[2]);
            }
        }
        String l = label.length() > LABEL_MAX ? label.substring(0, LABEL_MAX) : label.toString();
        Tree ft = b.at(t.field("ntlmssp.negotiateflags", l, hex32(flags & 0xffffffffL)), off, 4);
        for (Object[] f : FLAGS) {
            int mask = (int) f[0];
            boolean set = (flags & mask) != 0;
            b.at(ft.field((String) f[1], Text.bits(flags, mask, 32) + " = " + f[2] + ": " + (set ? "Set" : "Not set"),
                    set ? "1" : "0"), off, 4).bitmask(mask & 0xffffffffL);
        }
        return flags;
    }

    /** dissect_ntlmssp_version: "Version M.m (Build B); NTLM Current Revision R", 8 bytes. */
    private int version(int off) {
        b.need(off, 8);
        int major = b.u8(off);
        int minor = b.u8(off + 1);
        int build = le16(off + 2);
        int rev = b.u8(off + 7);
        Tree v = b.at(t.none("ntlmssp.version", "Version " + major + "." + minor + " (Build " + build
                + "); NTLM Current Revision " + rev), off, 8);
        b.at(v.field("ntlmssp.version.major", "Major Version: " + major, Integer.toString(major)), off, 1);
        b.at(v.field("ntlmssp.version.minor", "Minor Version: " + minor, Integer.toString(minor)), off + 1, 1);
        b.at(v.field("ntlmssp.version.build_number", "Build Number: " + build, Integer.toString(build)), off + 2, 2);
        b.at(v.field("ntlmssp.version.ntlm_current_revision", "NTLM Current Revision: " + rev, Integer.toString(rev)), off + 7, 1);
        return off + 8;
    }

    /** A string's start and end in the message, as dissect_ntlmssp_string reports them. */
    private int start;
    private int end;
    private String text;

    /**
     * dissect_ntlmssp_string: the 8-byte security buffer at {@code off} (a signed 16-bit length,
     * maximum length, 32-bit offset) and the string it points to; "NULL" for an empty one.
     */
    private int string(int off, boolean unicode, String key, String title) {
        short length = (short) le16(off);
        int maxlen = (short) le16(off + 2);
        long offset = le32(off + 4);
        int where = (int) offset;
        start = offset > off + 8 ? where : off + 8;
        if (length == 0) {
            // an empty string does not bound the data block: the fields after the buffers (the
            // version of a NEGOTIATE with no domain or workstation) are still read
            end = start;
            start = Integer.MAX_VALUE;
            text = "";
            b.at(t.field(key, title + ": NULL", "NULL"), off, 8);
            return off + 8;
        }
        if (length < 0 || offset > Integer.MAX_VALUE) {
            throw Tvb.Stop.MALFORMED; // tvb_get_string_enc of a negative length, or past the message
        }
        b.need(where, length);
        byte[] raw = b.copy(where, length);
        text = unicode ? utf16(raw) : ascii(raw);
        Tree s = b.at(t.string(key, title, text), where, length);
        b.at(s.field("ntlmssp.string.length", "Length: " + length, Integer.toString(length)), off, 2);
        b.at(s.field("ntlmssp.string.maxlen", "Maxlen: " + maxlen, Integer.toString(maxlen)), off + 2, 2);
        b.at(s.field("ntlmssp.string.offset", "Offset: " + offset, Long.toString(offset)), off + 4, 4);
        end = where + length;
        return off + 8;
    }

    /** ENC_ASCII: bytes above 0x7f become U+FFFD; the string ends at a NUL. */
    static String ascii(byte[] raw) {
        StringBuilder sb = new StringBuilder(raw.length);
        for (byte x : raw) {
            if (x == 0) {
                break;
            }
            sb.append(x < 0 ? '\uFFFD' : (char) x);
        }
        return sb.toString();
    }

    /** ENC_UTF_16|ENC_LITTLE_ENDIAN: an odd last byte and unpaired surrogates become U+FFFD; ends at a NUL. */
    static String utf16(byte[] raw) {
        StringBuilder sb = new StringBuilder(raw.length / 2 + 1);
        int i = 0;
        while (i + 1 < raw.length) {
            char c = (char) ((raw[i] & 0xff) | (raw[i + 1] & 0xff) << 8);
            i += 2;
            if (c == 0) {
                return sb.toString();
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < raw.length) {
                    char d = (char) ((raw[i] & 0xff) | (raw[i + 1] & 0xff) << 8);
                    if (Character.isLowSurrogate(d)) {
                        sb.append(c).append(d);
                        i += 2;
                        continue;
                    }
                }
                sb.append('\uFFFD');
            } else if (Character.isLowSurrogate(c)) {
                sb.append('\uFFFD');
            } else {
                sb.append(c);
            }
        }
        if (i < raw.length) {
            sb.append('\uFFFD');
        }
        return sb.toString();
    }

    /**
     * dissect_ntlmssp_blob: the security buffer at {@code off} and the bytes it points to
     * ("Empty" when none); the LM response's client challenge and the NT response's NTLMv2
     * structure follow as packet-ntlmssp.c adds them.
     */
    private int blob(int off, String key, String title) {
        int length = le16(off);
        int maxlen = le16(off + 2);
        long offset = le32(off + 4);
        if (length == 0) {
            end = (int) Math.min(Integer.MAX_VALUE, offset > off + 8 ? offset : off + 8);
            b.at(t.bytes(key, title, b.s, b.base + off, 8).relabel(title + ": Empty"), off, 8);
            return off + 8;
        }
        if (offset > Integer.MAX_VALUE) {
            throw Tvb.Stop.MALFORMED;
        }
        int where = (int) offset;
        b.need(where, length);
        Tree bt = b.at(t.bytes(key, title, b.s, b.base + where, length), where, length);
        b.at(bt.field("ntlmssp.blob.length", "Length: " + length, Integer.toString(length)), off, 2);
        b.at(bt.field("ntlmssp.blob.maxlen", "Maxlen: " + maxlen, Integer.toString(maxlen)), off + 2, 2);
        b.at(bt.field("ntlmssp.blob.offset", "Offset: " + offset, Long.toString(offset)), off + 4, 4);
        end = where + length;
        if (length >= 10240) {
            bt.expert("ntlmssp.v2_key_too_long", Tree.Severity.WARNING, Tree.Group.UNDECODED,
                    "NTLM v2 key is " + length + " bytes long, too big for our 10240 buffer");
        }
        if (key.equals("ntlmssp.auth.lmresponse") && zeros(where + 8, 16)) {
            b.at(t.bytes("ntlmssp.ntlmclientchallenge", "LMv2 Client Challenge", b.s, b.base + where, 8), where, 8);
        }
        if (key.equals("ntlmssp.auth.ntresponse") && length > 24) {
            ntlmv2Response(bt, where, length);
        }
        return off + 8;
    }

    /** tvb_memeql against zeros: false when the bytes are not all there. */
    private boolean zeros(int off, int len) {
        if (off < 0 || off + len > b.cap) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b.u8(off + i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** dissect_ntlmv2_response ([MS-NLMP] §2.2.2.8 NTLMv2_RESPONSE with its NTLMv2_CLIENT_CHALLENGE). */
    private void ntlmv2Response(Tree parent, int off, int len) {
        Tree v = b.at(parent.bytes("ntlmssp.ntlmv2_response", "NTLMv2 Response", b.s, b.base + off, len), off, len);
        int o = off;
        b.need(o, 16);
        b.at(v.bytes("ntlmssp.ntlmv2_response.ntproofstr", "NTProofStr", b.s, b.base + o, 16), o, 16);
        o += 16;
        int rv = b.u8(o);
        b.at(v.field("ntlmssp.ntlmv2_response.rversion", "Response Version: " + rv, Integer.toString(rv)), o, 1);
        o += 1;
        int hv = b.u8(o);
        b.at(v.field("ntlmssp.ntlmv2_response.hirversion", "Hi Response Version: " + hv, Integer.toString(hv)), o, 1);
        o += 1;
        b.need(o, 6);
        b.at(v.bytes("ntlmssp.ntlmv2_response.z", "Z", b.s, b.base + o, 6), o, 6);
        o += 6;
        time(v, "ntlmssp.ntlmv2_response.time", "Time", o);
        o += 8;
        b.need(o, 8);
        b.at(v.bytes("ntlmssp.ntlmv2_response.chal", "NTLMv2 Client Challenge", b.s, b.base + o, 8), o, 8);
        o += 8;
        b.need(o, 4);
        b.at(v.bytes("ntlmssp.ntlmv2_response.z", "Z", b.s, b.base + o, 4), o, 4);
        o += 4;
        o = avPairs(v, o, len - (o - off), "ntlmssp.ntlmv2_response", "NTLMV2 Response Item");
        if (o - off < len) {
            int pad = len - (o - off);
            b.need(o, pad);
            b.at(v.bytes("ntlmssp.ntlmv2_response.pad", "padding", b.s, b.base + o, pad), o, pad);
        }
    }

    /** dissect_nt_64bit_time: a FILETIME (100 ns since 1601) as an absolute time in UTC. */
    private void time(Tree parent, String key, String title, int off) {
        b.need(off, 8);
        long ft = le32(off) | le32(off + 4) << 32;
        if (ft == 0) {
            String epoch = Text.absTime(0, 0);
            b.at(parent.field(key, title + ": No time specified (0)", epoch), off, 8).time(0, 0);
            return;
        }
        if (ft == 0x7fffffffffffffffL) {
            b.at(parent.field(key, title + ": Infinity (absolute time)", "0x7fffffffffffffff"), off, 8);
            return;
        }
        long secs = Long.divideUnsigned(ft, 10_000_000L) - 11_644_473_600L;
        int nanos = (int) Long.remainderUnsigned(ft, 10_000_000L) * 100;
        String shown = Text.absTime(secs, nanos);
        b.at(parent.field(key, title + ": " + shown, shown), off, 8).time(secs, nanos);
    }

    /**
     * dissect_ntlmssp_target_info_list: the AV pairs in {@code [off, off + len)}, up to MsvAvEOL;
     * returns the offset after the last pair read (the rest is padding to the caller). A pair
     * running past the list marks the rest invalid and ends it.
     */
    private int avPairs(Tree parent, int off, int len, String prefix, String itemTitle) {
        int limit = Math.min(len, Math.max(0, b.cap - off)); // the subset's captured bytes
        int item = 0;
        int type = -1;
        while (item + 4 <= limit && type != 0) {
            type = le16(off + item);
            int clen = le16(off + item + 2);
            int ilen = clen + 4;
            if (item + ilen > limit) {
                expertItem(parent, "ntlmssp.target_info_attr.invalid", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                        "invalid NTLMSSP Target Info AvPairs", off + item, len - item);
                return off + len;
            }
            avPair(parent, off + item, type, clen, prefix, itemTitle);
            item += ilen;
        }
        return off + item;
    }

    /*
     * avPairs is cut in three (avPair, avValue): each label's string concatenation is a call site that C1
     * inlines whole, and the method in one piece took 14 MB to compile with C1, past the
     * launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** One AV pair at {@code at}: its type, length and value. */
    private void avPair(Tree parent, int at, int type, int clen, String prefix, String itemTitle) {
        int ilen = clen + 4;
        String name = type < AV_NAMES.length ? AV_NAMES[type] : "Unknown (" + type + ")";
        Tree a = b.at(parent.text("Attribute: " + name), at, ilen);
        String typeName = type < AV_NAMES.length ? AV_NAMES[type] : "Unknown";
        b.at(a.field(prefix + ".item.type", itemTitle + " Type: " + typeName + " (" + String.format("0x%04x", type) + ")",
                String.format("0x%04x", type)), at, 2);
        b.at(a.field(prefix + ".item.length", itemTitle + " Length: " + clen, Integer.toString(clen)), at + 2, 2);
        if (clen > 0) {
            avValue(a, at + 4, type, clen, prefix, name);
        }
    }

    /** An AV pair's value, {@code clen} bytes at {@code c}, under its item {@code a}. */
    private void avValue(Tree a, int c, int type, int clen, String prefix, String name) {
        switch (type) {
            case 1, 2, 3, 4, 5, 9 -> {
                String s = utf16(b.copy(c, clen));
                b.at(a.string(prefix + "." + AV_FIELDS[type], AV_TITLES[type], s), c, clen);
                a.relabel("Attribute: " + name + ": " + s);
            }
            case 6 -> {
                long v = le32(c);
                b.at(a.field(prefix + ".flags", "Flags: " + hex32(v), hex32(v)), c, clen);
            }
            case 7 -> time(a, prefix + ".timestamp", "Timestamp", c);
            case 8, 10 -> {
                b.need(c, clen);
                b.at(a.bytes(prefix + "." + AV_FIELDS[type], AV_TITLES[type], b.s, b.base + c, clen), c, clen);
            }
            default -> expertItem(a, "ntlmssp.target_info_attr.unknown", Tree.Severity.WARNING,
                    Tree.Group.UNDECODED, "unknown NTLMSSP Target Info Attribute", c, clen);
        }
    }

    private void negotiate(int off) {
        int flags = flags(off);
        off += 4;
        off = string(off, false, "ntlmssp.negotiate.domain", "Calling workstation domain");
        int dataStart = start;
        off = string(off, false, "ntlmssp.negotiate.callingworkstation", "Calling workstation name");
        dataStart = Math.min(dataStart, start);
        if (off < dataStart && (flags & Ntlmssp.VERSION) != 0) {
            version(off);
        }
    }

    private void challenge(int off) {
        boolean unicode = false;
        if (off + 8 + 4 <= b.cap) {
            unicode = (le32(off + 8) & Ntlmssp.UNICODE) != 0;
        }
        off = string(off, unicode, "ntlmssp.challenge.target_name", "Target Name");
        int dataStart = start;
        int flags = flags(off);
        challengeFlags = flags;
        off += 4;
        b.need(off, 8);
        b.at(t.bytes("ntlmssp.ntlmserverchallenge", "NTLM Server Challenge", b.s, b.base + off, 8), off, 8);
        off += 8;
        if (off >= dataStart) {
            return;
        }
        b.need(off, 8);
        b.at(t.bytes("ntlmssp.reserved", "Reserved", b.s, b.base + off, 8), off, 8);
        off += 8;
        if (off < dataStart) {
            off = targetInfo(off);
        }
        if (off < dataStart && (flags & Ntlmssp.VERSION) != 0) {
            version(off);
        }
    }

    /** dissect_ntlmssp_challenge_target_info_blob: the security buffer and its AV pairs. */
    private int targetInfo(int off) {
        int length = le16(off);
        int maxlen = le16(off + 2);
        long offset = le32(off + 4);
        if (length == 0) {
            b.at(t.none("ntlmssp.challenge.target_info", "Target Info List: Empty"), off, 8);
            return off + 8;
        }
        if (offset > Integer.MAX_VALUE) {
            throw Tvb.Stop.MALFORMED;
        }
        int where = (int) offset;
        b.need(where, length);
        Tree ti = b.at(t.none("ntlmssp.challenge.target_info", "Target Info"), where, length);
        b.at(ti.field("ntlmssp.challenge.target_info.length", "Length: " + length, Integer.toString(length)), off, 2);
        b.at(ti.field("ntlmssp.challenge.target_info.maxlen", "Maxlen: " + maxlen, Integer.toString(maxlen)), off + 2, 2);
        b.at(ti.field("ntlmssp.challenge.target_info.offset", "Offset: " + offset, Long.toString(offset)), off + 4, 4);
        avPairs(ti, where, length, "ntlmssp.challenge.target_info", "Target Info Item");
        return off + 8;
    }

    private void auth(int off) {
        // the strings are Unicode by the conversation's CHALLENGE or, without one, by this
        // message's own flags
        boolean unicode = authUnicode || off + 52 <= b.cap && (le32(off + 48) & Ntlmssp.UNICODE) != 0;
        int dataStart = (int) Math.min(Integer.MAX_VALUE, le32(off + 4));
        off = blob(off, "ntlmssp.auth.lmresponse", "Lan Manager Response");
        dataStart = Math.min(dataStart, (int) Math.min(Integer.MAX_VALUE, le32(off + 4)));
        off = blob(off, "ntlmssp.auth.ntresponse", "NTLM Response");
        off = string(off, unicode, "ntlmssp.auth.domain", "Domain name");
        dataStart = Math.min(dataStart, start);
        String domain = text;
        off = string(off, unicode, "ntlmssp.auth.username", "User name");
        dataStart = Math.min(dataStart, start);
        info.append(", User: ").append(domain).append('\\').append(text);
        off = string(off, unicode, "ntlmssp.auth.hostname", "Host name");
        dataStart = Math.min(dataStart, start);
        if (off < dataStart) {
            off = blob(off, "ntlmssp.auth.sesskey", "Session Key");
        }
        int flags = 0;
        if (off < dataStart) {
            flags = flags(off);
            off += 4;
        }
        if (off < dataStart && (flags & Ntlmssp.VERSION) != 0) {
            off = version(off);
        }
        if (off < dataStart) {
            b.need(off, 16);
            b.at(t.bytes("ntlmssp.authenticate.mic", "MIC", b.s, b.base + off, 16), off, 16);
        }
    }

}
