package dev.tcpscope.proto.radius;

import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One walk over a RADIUS message (RFC 2865 §3, RFC 2866, RFC 5176, RFC 6929 §2) as Wireshark
 * 4.0.17's packet-radius.c reads it: the header's items, then the attribute-value pairs
 * (dissect_attribute_value_pairs): each AVP's item "AVP: t=NAME(code) l=N val=VALUE" with its
 * type, length and value items, Vendor-Specific attributes split into their VSAs by the vendor's
 * format, consecutive EAP-Message attributes put together and handed on (eap is not built: the
 * whole shows as data, as with tshark's eap disabled), the dictionary's types shown as its
 * radius_* functions show them, and the attributes packet-radius.c shows its own way
 * (CHAP-Password, Framed-IP-Address, Login-IP-Host, Framed-IPX-Network, Egress-VLANID,
 * Egress-VLAN-Name).
 *
 * <p>Bounded: every AVP takes its length, at least 2, off what is left of the list (a shorter one
 * ends it with the "AVP too short" expert item), at most 4096 bytes; every VSA moves the offset
 * on by its header at least, and every read past the captured bytes stops the walk
 * ({@link Tvb.Stop}); an EAP buffer holds at most the message's bytes.
 */
final class RadiusWalk {
    /** packet-radius.c's base fields and the kept dictionary's (scripts/gen-radius-dict.py). */
    static final Registry REGISTRY = Registry.load(RadiusWalk.class, "radius");

    static final int HDR = 20;
    static final int VENDOR_SPECIFIC = 26;
    static final int EAP_MESSAGE = 79;
    /** proto.c's ITEM_LABEL_LENGTH: appended text stops at 239 characters. */
    private static final int LABEL = 239;

    private final Tvb t;
    /** Whether a tree is built: only then is the reassembled EAP-Message handed on (to data). */
    private final boolean visible;
    private final Consumer<String> protocols;
    /** The reassembled EAP-Message of the message, once its last segment is read (the "Reassembled EAP" source). */
    byte[] eap;
    /** An earlier walk's EAP bytes, reused so that items of every walk point into one array. */
    private final byte[] eapBefore;

    RadiusWalk(Tvb t, boolean visible, Consumer<String> protocols, byte[] eapBefore) {
        this.t = t;
        this.visible = visible;
        this.protocols = protocols;
        this.eapBefore = eapBefore;
    }

    /** The header after "Packet identifier": length (bogus when below 20) and authenticator; returns the AVPs' length or -1. */
    static int header(Tvb t, Tree radius, int length) {
        if (length < HDR) {
            t.need(2, 2);
            t.at(radius.field("radius.length", "Length: " + length + " (bogus, < " + HDR + ")", Integer.toString(length)), 2, 2);
            return -1;
        }
        t.need(2, 2);
        t.at(radius.field("radius.length", "Length: " + length, Integer.toString(length)), 2, 2);
        t.need(4, 16);
        t.at(radius.bytes("radius.authenticator", "Authenticator", t.s, t.base + 4, 16), 4, 16);
        return length - HDR;
    }

    /** The "Attribute Value Pairs" item over {@code length} bytes from the header's end, and the AVPs. */
    void avps(Tree radius, int length) {
        ensure(HDR, length); // a text item's range is checked with or without a tree
        Tree list = t.at(radius.text("Attribute Value Pairs"), HDR, length);
        pairs(list, HDR, length);
    }

    /** tvb_ensure_bytes_exist as proto.c checks a shown item's range. */
    private void ensure(int off, int len) {
        if (off > t.cap && off <= t.rep && len >= 0) {
            throw t.fragment ? Tvb.Stop.FRAGMENT : Tvb.Stop.SHORT;
        }
        t.need(off, len);
    }

    private void pairs(Tree tree, int start, int total) {
        int off = start;
        int length = total;
        int eapSegments = 0;
        boolean eapDone = false;
        boolean lastEap = false;
        byte[] eapBuf = null;
        int eapCaptured = 0;
        int eapTotal = 0;
        while (length > 0) {
            if (length < 2) {
                invalid(tree, off, 0, "Not enough room in packet for AVP header");
                break;
            }
            int type0 = t.u8(off);
            int alen = t.u8(off + 1);
            boolean extended = type0 >= 241 && type0 <= 246;
            int type1 = extended ? t.u8(off + 2) : 0;
            if (alen < 2) {
                invalid(tree, off, 0, "AVP too short: length " + alen + " < 2");
                break;
            }
            if (extended && alen < 3) {
                invalid(tree, off, 0, "Extended AVP too short: length " + alen + " < 3");
                break;
            }
            if (length < alen) {
                invalid(tree, off, 0, "Not enough room in packet for AVP");
                break;
            }
            length -= alen;
            int avpStart = off;
            // the dictionary keys a code by both bytes: an extended type 0 is the plain attribute's entry
            RadiusDict.Attr a = RadiusDict.attr(0, extended && type1 != 0 ? type0 + "." + type1 : Integer.toString(type0));
            t.need(off, alen);
            StringBuilder label = new StringBuilder("AVP: t=").append(a.name())
                    .append('(').append(type0).append(extended ? "." + type1 : "").append(')').append(" l=").append(alen);
            Tree avp = t.at(tree.bytes("radius.avp", "AVP", t.s, t.base + off, alen), off, alen);
            alen -= 2;
            off += 2;
            boolean longExt = type0 == 245 || type0 == 246;
            if (extended) {
                alen -= 1;
                off += 1;
                if (longExt) {
                    alen -= 1;
                    off += 1;
                }
            }
            if (type0 == VENDOR_SPECIFIC || extended && type1 == VENDOR_SPECIFIC) {
                // the VSAs move the offset on: the next AVP starts where the last VSA ended, past its AVP or not
                off = vendor(tree, avp, label, avpStart, off, alen, extended, longExt, type0);
                continue;
            }
            uint(avp, "radius.avp.type", avpStart, 1);
            uint(avp, "radius.avp.length", avpStart + 1, 1);
            if (extended) {
                uint(avp, "radius.avp.extended_type", avpStart + 2, 1);
                if (longExt) {
                    REGISTRY.integerItem(t, avp, REGISTRY.row("radius.avp.extended_more"), avpStart + 3, 1,
                            (v, n) -> n);
                }
            }
            if (type0 == EAP_MESSAGE) {
                eapSegments++;
                int have = Math.max(0, Math.min(alen, t.cap - off));
                bytes(avp, "radius.eap_fragment", "EAP fragment", off, have);
                if (eapDone) {
                    label.append(" (non-consecutive)");
                } else {
                    if (eapCaptured + have > 0) { // g_malloc(0) is NULL: no buffer while nothing is in it
                        byte[] grown = new byte[eapCaptured + have];
                        if (eapBuf != null) {
                            System.arraycopy(eapBuf, 0, grown, 0, eapCaptured);
                        }
                        MemorySegment.copy(t.s, java.lang.foreign.ValueLayout.JAVA_BYTE, t.base + off, grown, eapCaptured, have);
                        eapBuf = grown;
                    }
                    eapCaptured += have;
                    eapTotal += alen;
                    if (off + alen + 1 < t.cap) {
                        if (t.u8(off + alen) != EAP_MESSAGE) {
                            lastEap = true;
                        }
                    } else {
                        lastEap = true;
                    }
                    if (lastEap && eapBuf != null) {
                        label.append(" Last Segment[").append(eapSegments).append(']');
                        eapDone = true;
                        eap = eapBefore != null && eapBefore.length == eapCaptured ? eapBefore : eapBuf;
                        if (visible) {
                            Items.data(avp, MemorySegment.ofArray(eap), 0, eapCaptured, protocols);
                        }
                    } else {
                        label.append(" Segment[").append(eapSegments).append(']');
                    }
                }
                avp.relabel(cut(label));
                off += alen;
                continue;
            }
            value(avp, label, a, off, alen);
            avp.relabel(cut(label));
            off += alen;
        }
    }

    /**
     * A Vendor-Specific attribute's vendor id and VSAs (RFC 2865 §5.26; RFC 6929's EVS when
     * extended); returns the offset after the last VSA, where packet-radius.c reads the next AVP.
     */
    private int vendor(Tree list, Tree avp, StringBuilder label, int avpStart, int start, int alen,
                       boolean extended, boolean longExt, int type0) {
        if (alen < 4) {
            avp.relabel(cut(label));
            avp.expert("radius.invalid_length", Tree.Severity.ERROR, Tree.Group.MALFORMED, "AVP too short; no room for vendor ID");
            return start + alen;
        }
        int off = start;
        int max = off + alen;
        long vendorId = t.u32(off);
        off += 4;
        RadiusDict.Vendor vendor = RadiusDict.vendor(vendorId);
        String vendorName = RadiusDict.enterprise(vendorId);
        label.append(" vnd=").append(vendorName).append('(').append(vendorId).append(')');
        avp.relabel(cut(label));
        int vo = avpStart;
        uint(avp, "radius.avp.type", vo, 1);
        uint(avp, "radius.avp.length", vo + 1, 1);
        vo += 2;
        if (extended) {
            uint(avp, "radius.avp.extended_type", vo, 1);
            vo += 1;
            if (longExt) {
                REGISTRY.integerItem(t, avp, REGISTRY.row("radius.avp.extended_more"), vo, 1, (v, n) -> n);
                vo += 1;
            }
        }
        t.need(vo, 4);
        t.at(avp.field("radius.avp.vendor_id", "Vendor ID: " + vendorName + " (" + vendorId + ")", Long.toString(vendorId)), vo, 4);
        vo += 4;
        while (off < max) {
            int vsaType;
            switch (vendor.typeOctets()) {
                case 2 -> { vsaType = t.u16(off); off += 2; }
                case 4 -> { vsaType = (int) t.u32(off); off += 4; }
                default -> vsaType = t.u8(off++);
            }
            int vsaLen;
            int hdr;
            if (!extended) {
                switch (vendor.lengthOctets()) {
                    case 0 -> vsaLen = alen;
                    case 2 -> { vsaLen = t.u16(off); off += 2; }
                    default -> vsaLen = t.u8(off++);
                }
                hdr = vendor.typeOctets() + vendor.lengthOctets() + (vendor.flags() ? 1 : 0);
            } else {
                vsaLen = alen;
                hdr = vendor.typeOctets() + (vendor.flags() ? 1 : 0);
            }
            int flags = 0;
            if (vendor.flags()) {
                flags = t.u8(off++);
            }
            if (vsaLen < hdr) {
                invalid(list, off + 1, 1, "VSA too short");
                break;
            }
            vsaLen -= hdr;
            RadiusDict.Attr a = vendor == RadiusDict.NO_VENDOR ? RadiusDict.UNKNOWN
                    : RadiusDict.attr(vendorId, extended ? type0 + "." + vsaType : Integer.toString(vsaType));
            String kind = extended && !vendor.flags() ? "EVS" : "VSA";
            StringBuilder vl = new StringBuilder(kind).append(": t=").append(a.name()).append('(').append(vsaType & 0xffffffffL)
                    .append(") l=").append(vsaLen + hdr);
            if (vendor.flags()) {
                vl.append(" C=0x").append(Registry.hex(flags, 2));
            }
            int itemStart = off - hdr;
            ensure(itemStart, vsaLen + hdr);
            Tree vsa = t.at(avp.text(vl.toString()), itemStart, vsaLen + hdr);
            t.need(vo, vendor.typeOctets());
            long vt = 0;
            for (int i = 0; i < vendor.typeOctets(); i++) {
                vt = vt << 8 | t.u8(vo + i);
            }
            t.at(vsa.field("radius.avp.vendor_type", "Type: " + vt, Long.toString(vt)), vo, vendor.typeOctets());
            vo += vendor.typeOctets();
            if (!extended && vendor.lengthOctets() > 0) {
                t.need(vo, vendor.lengthOctets());
                int vlen = vendor.lengthOctets() == 2 ? t.u16(vo) : t.u8(vo);
                t.at(vsa.field("radius.avp.vendor_len", "Length: " + vlen, Integer.toString(vlen)), vo, vendor.lengthOctets());
                vo += vlen - vendor.typeOctets();
            }
            value(vsa, vl, a, off, vsaLen);
            vsa.relabel(cut(vl));
            off += vsaLen;
        }
        return off;
    }

    /** add_avp_to_tree: the tag of a tagged attribute, " val=", then the value as its type or its own function shows it. */
    private void value(Tree tree, StringBuilder label, RadiusDict.Attr a, int start, int len) {
        int off = start;
        if (a.tagged()) {
            if (len == 0) {
                invalid(tree, off, 0, "AVP too short for tag");
                return;
            }
            int tag = t.u8(off);
            if (tag <= 0x1f) {
                t.at(tree.field(a.field() + ".tag", "Tag: 0x" + Registry.hex(tag, 2), "0x" + Registry.hex(tag, 2)), off, 1);
                label.append(" Tag=0x").append(Registry.hex(tag, 2));
                off++;
                len--;
            }
        }
        label.append(" val=");
        if (a != RadiusDict.UNKNOWN && RadiusSpecial.has(a.name())) {
            label.append(new RadiusSpecial(t).show(a.name(), tree, off, len));
            return;
        }
        switch (a.kind()) {
            case STRING -> string(tree, label, a, off, len);
            case INTEGER -> integer(tree, label, a, off, len);
            case IPADDR -> {
                if (len != 4) {
                    label.append("[wrong length for IP address]");
                    return;
                }
                String ip = ipv4(off);
                t.at(tree.field(a.field(), a.name() + ": " + ip, ip), off, 4);
                label.append(ip);
            }
            case IPV6ADDR -> {
                if (len != 16) {
                    label.append("[wrong length for IPv6 address]");
                    return;
                }
                String ip = Text.ipv6(t.copy(off, 16));
                t.at(tree.field(a.field(), a.name() + ": " + ip, ip), off, 16);
                label.append(ip);
            }
            case IPV6PREFIX -> ipv6Prefix(tree, label, a, off, len);
            case DATE -> {
                if (len != 4) {
                    label.append("[wrong length for timestamp]");
                    return;
                }
                long secs = t.u32(off);
                String when = Text.absTime(secs, 0);
                t.at(tree.field(a.field(), a.name() + ": " + when, when).time(secs, 0), off, 4);
                label.append(when);
            }
            case TLV -> tlvs(tree, label, off, len);
            case OCTETS -> {
                if (len == 0) {
                    label.append("[wrong length]");
                    return;
                }
                t.need(off, len);
                t.at(tree.bytes(a.field(), a.name(), t.s, t.base + off, len), off, len);
                label.append(bytesToStr(off, len));
            }
        }
    }

    /** radius_string: UTF-8 text, or the encrypted bytes of User-Password, Tunnel-Password and the like (no shared secret). */
    private void string(Tree tree, StringBuilder label, RadiusDict.Attr a, int off, int len) {
        t.need(off, len);
        if (a.encrypt() != 0) {
            label.append("Encrypted");
            bytes(tree, a.field() + "_encrypted", a.name() + " (encrypted)", off, len);
            return;
        }
        // proto.c's FT_STRING value ends at a NUL, bytes after it the "Trailing stray characters"
        byte[] raw = t.copy(off, len);
        int end = 0;
        while (end < len && raw[end] != 0) {
            end++;
        }
        Tree item = t.at(tree.string(a.field(), a.name(), new String(raw, 0, end, StandardCharsets.UTF_8)), off, len);
        if (Text.trailingStray(t.s, t.base + off, len)) {
            item.expert("_ws.string.trailing_stray_characters", Tree.Severity.WARNING, Tree.Group.UNDECODED,
                    "Trailing stray characters");
        }
        label.append(Text.format(t.s, t.base + off, len));
    }

    /** radius_integer: 1 to 4 bytes as FT_UINT32 with the value string's name, 8 as FT_UINT64, other lengths unhandled. */
    private void integer(Tree tree, StringBuilder label, RadiusDict.Attr a, int off, int len) {
        long v;
        switch (len) {
            case 1, 2, 3, 4 -> {
                t.need(off, len);
                v = 0;
                for (int i = 0; i < len; i++) {
                    v = v << 8 | t.u8(off + i);
                }
            }
            case 8 -> {
                t.need(off, 8);
                long big = t.u32(off) << 32 | t.u32(off + 4);
                String n = Long.toUnsignedString(big);
                t.at(tree.field(a.field(), a.name() + ": " + n, n).ftype(11), off, 8);
                label.append(n);
                return;
            }
            default -> {
                label.append("[unhandled integer length(").append(len).append(")]");
                return;
            }
        }
        String f = a.field();
        String name = REGISTRY.hasValues(f) ? REGISTRY.value(f, v) : null;
        String shown = REGISTRY.hasValues(f) ? (name != null ? name : "Unknown") + " (" + v + ")" : Long.toString(v);
        t.at(tree.field(f, a.name() + ": " + shown, Long.toString(v)), off, len);
        if (REGISTRY.hasValues(f)) {
            label.append(name != null ? name : "Unknown").append('(').append(v).append(')');
        } else {
            label.append(v);
        }
    }

    /** radius_ipv6prefix (RFC 3162 §2.3): reserved byte, prefix length, up to 16 bytes of prefix. */
    private void ipv6Prefix(Tree tree, StringBuilder label, RadiusDict.Attr a, int off, int len) {
        if (len < 2 || len > 18) {
            label.append("[wrong length for IPv6 prefix]");
            return;
        }
        if (t.u8(off) != 0) {
            label.append("[invalid reserved byte for IPv6 prefix]");
            return;
        }
        int n = t.u8(off + 1);
        if (n > 128) {
            label.append("[invalid IPv6 prefix length]");
            return;
        }
        t.need(off, len);
        t.at(tree.bytes(a.field(), a.name(), t.s, t.base + off, len), off, len);
        byte[] addr = new byte[16];
        System.arraycopy(t.copy(off + 2, len - 2), 0, addr, 0, len - 2);
        label.append(Text.ipv6(addr)).append('/').append(n);
    }

    /** radius_tlv: the TLVs inside (the kept dictionary names none of their types: each is an Unknown-Attribute). */
    private void tlvs(Tree tree, StringBuilder label, int start, int total) {
        int off = start;
        int len = total;
        int count = 0;
        while (len > 0) {
            if (len < 2) {
                invalid(tree, off, 0, "Not enough room in packet for TLV header");
                return;
            }
            int type = t.u8(off);
            int tlen = t.u8(off + 1);
            if (tlen < 2) {
                invalid(tree, off, 0, "TLV too short: length " + tlen + " < 2");
                return;
            }
            if (len < tlen) {
                invalid(tree, off, 0, "Not enough room in packet for TLV");
                return;
            }
            len -= tlen;
            StringBuilder tl = new StringBuilder("TLV: t=").append(RadiusDict.UNKNOWN.name()).append('(').append(type)
                    .append(") l=").append(tlen).append(' ');
            ensure(off, tlen);
            Tree item = t.at(tree.text(tl.toString()), off, tlen);
            tl.append(": ");
            bytes(item, RadiusDict.UNKNOWN.field(), RadiusDict.UNKNOWN.name(), off + 2, tlen - 2);
            tl.append(bytesToStr(off + 2, tlen - 2));
            item.relabel(cut(tl));
            off += tlen;
            count++;
        }
        label.append(count).append(" TLV(s) inside");
    }

    /** The "Invalid length" expert item (Error/Malformed) with its own text, at {@code off} for {@code len} bytes. */
    private void invalid(Tree tree, int off, int len, String message) {
        ensure(off, len);
        // proto_tree_add_expert_format: a text item with the message, the expert item under it
        t.at(tree.text(message), off, len).expert("radius.invalid_length", Tree.Severity.ERROR, Tree.Group.MALFORMED, message);
    }

    /** An FT_BYTES item; an empty one shows "&lt;MISSING&gt;" and gives -T fields nothing. */
    private void bytes(Tree parent, String key, String name, int off, int len) {
        t.need(off, len);
        if (len == 0) {
            t.at(parent.field(key, name + ": <MISSING>", ""), off, 0);
        } else {
            t.at(parent.bytes(key, name, t.s, t.base + off, len), off, len);
        }
    }

    private void uint(Tree parent, String name, int off, int len) {
        t.need(off, len);
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = v << 8 | t.u8(off + i);
        }
        Registry.Row r = REGISTRY.row(name);
        t.at(parent.field(name, r.title() + ": " + v, Long.toString(v)), off, len);
    }

    String ipv4(int off) {
        t.need(off, 4);
        return t.u8(off) + "." + t.u8(off + 1) + "." + t.u8(off + 2) + "." + t.u8(off + 3);
    }

    /** bytes_to_str: lower-case hex, cut after 36 bytes with an ellipsis. */
    String bytesToStr(int off, int len) {
        t.need(off, len);
        StringBuilder sb = new StringBuilder();
        int n = Math.min(len, 36);
        for (int i = 0; i < n; i++) {
            sb.append(Registry.hex(t.u8(off + i), 2));
        }
        if (len > 36) {
            sb.append('\u2026');
        }
        return sb.toString();
    }

    /** proto_item_append_text stops at ITEM_LABEL_LENGTH: 239 bytes of UTF-8, a character that does not fit left out. */
    static String cut(CharSequence label) {
        int bytes = 0;
        int i = 0;
        while (i < label.length()) {
            int cp = Character.codePointAt(label, i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > LABEL) {
                break;
            }
            bytes += n;
            i += Character.charCount(cp);
        }
        return label.subSequence(0, i).toString();
    }
}
