package dev.tcpscope.proto.isakmp;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * One walk over an ISAKMP message (RFC 2408, IKEv1 RFC 2409, IKEv2 RFC 7296) as Wireshark
 * 4.0.17's packet-isakmp.c reads it without keys: the header, then the payload chain, each
 * payload by its type (SA with proposals, transforms and attributes, KE, ID, CERT, CERTREQ, HASH,
 * SIG, Nonce, Notify, Delete, Vendor ID, TSi/TSr, AUTH, NAT-D, NAT-OA, Encrypted). The same walk
 * sets the Info column (with {@link Tree#NOTHING}) and builds the detail tree; labels come from
 * tshark's registry ({@link #REGISTRY}).
 *
 * <p>Bounded: every payload moves the offset on by at least 4 bytes and the chain ends at the
 * message's length; attribute and selector loops move on by at least 2 bytes; reading past the
 * captured or reported bytes stops the walk with {@link Tvb.Stop}, as the dissector's exception.
 */
final class IsakmpWalk {
    static final Registry REGISTRY = Registry.load(IsakmpWalk.class, "isakmp");
    static final Names NAMES = new Names();

    static final int HDR = 28;
    static final int E_FLAG = 0x01;
    static final int I_FLAG = 0x08;
    static final int V_FLAG = 0x10;
    static final int R_FLAG = 0x20;

    private final Tvb t;
    /** The Info column as the walk set it. */
    final StringBuilder info = new StringBuilder();
    private int version;

    IsakmpWalk(Tvb t) {
        this.t = t;
    }

    /** dissect_isakmp after its length checks: the header and the payloads. */
    void message(Tree root) {
        long length = t.u32(24);
        // 4.0.17's protocol item ends where the message's length says, when that is within the datagram
        int extent = length >= HDR && length < t.cap ? (int) length : t.cap;
        Tree isakmp = t.at(root.protocol("isakmp", "Internet Security Association and Key Management Protocol"), 0, extent);
        int exch = t.u8(18);
        int ver = t.u8(17);
        version = ver >> 4;
        int flags = t.u8(19);
        bytes(isakmp, "isakmp.ispi", 0, 8);
        bytes(isakmp, "isakmp.rspi", 8, 8);
        int next = t.u8(16);
        uint(isakmp, "isakmp.nextpayload", 16, 1);
        Registry.Row vr = REGISTRY.row("isakmp.version");
        Tree vi = t.at(isakmp.field("isakmp.version", vr.title() + ": " + (ver >> 4) + "." + (ver & 0xf),
                "0x" + Registry.hex(ver, 2)), 17, 1);
        uint(vi, "isakmp.mjver", 17, 1);
        uint(vi, "isakmp.mnver", 17, 1);
        if (version == 1 || version == 2) {
            uint(isakmp, "isakmp.exchangetype", 18, 1);
            String n = NAMES.find("isakmp.exchangetype", version, exch);
            info.append(n != null ? n : "Unknown " + exch);
        }
        Tree fi = uint(isakmp, "isakmp.flags", 19, 1);
        if (version == 1) {
            uint(fi, "isakmp.flag_e", 19, 1);
            uint(fi, "isakmp.flag_c", 19, 1);
            uint(fi, "isakmp.flag_a", 19, 1);
        } else if (version == 2) {
            uint(fi, "isakmp.flag_i", 19, 1);
            uint(fi, "isakmp.flag_v", 19, 1);
            uint(fi, "isakmp.flag_r", 19, 1);
            fi.relabel("Flags: 0x" + Registry.hex(flags, 2) + " (" + tfs("isakmp.flag_i", flags & I_FLAG) + ", "
                    + tfs("isakmp.flag_v", flags & V_FLAG) + ", " + tfs("isakmp.flag_r", flags & R_FLAG) + ")");
        }
        long mid = t.u32(20);
        uint(isakmp, "isakmp.messageid", 20, 4);
        if (version == 2) {
            info.append(String.format(" MID=%02d %s %s", mid, tfs("isakmp.flag_i", flags & I_FLAG), tfs("isakmp.flag_r", flags & R_FLAG)));
        }
        long len = length - HDR;
        if ((int) len < 0) {
            t.at(isakmp.field("isakmp.length", "Length: (bogus, length is " + length + ", which is too large)", Long.toString(length)), 24, 4);
            return;
        }
        t.need(HDR, (int) len);
        uint(isakmp, "isakmp.length", 24, 4);
        if (version == 1 && (flags & E_FLAG) != 0) {
            if (len != 0) {
                t.at(isakmp.none("isakmp.enc.data", "Encrypted Data (" + len + " byte" + (len == 1 ? "" : "s") + ")"), HDR, (int) len);
            }
        } else {
            payloads(isakmp, next, HDR, (int) len);
        }
    }

    // ---- the payload chain ------------------------------------------------------------------------

    /** dissect_payloads: the chain from {@code first} over {@code length} bytes at {@code off}. */
    private void payloads(Tree tree, int first, int off, int length) {
        int payload = first;
        while (length > 0) {
            if (payload == 0) {
                bytes(tree, "isakmp.extradata", off, length);
                return;
            }
            if (length < 4) {
                tree.expert("isakmp.payloadlength.invalid", Tree.Severity.WARNING, Tree.Group.MALFORMED,
                        "Not enough room in payload for all transforms");
                return;
            }
            int next = t.u8(off);
            int plen = t.u16(off + 2);
            Tree p = header(tree, off, payload, plen);
            if (plen >= 4) {
                t.need(off + 4, plen - 4);
                body(p, payload, next, off + 4, plen - 4);
            } else {
                // 4.0.17: a payload shorter than its header ends the chain
                p.expert("isakmp.payloadlength.invalid", Tree.Severity.WARNING, Tree.Group.MALFORMED,
                        "Payload (bogus, length is " + plen + ", must be at least 4)");
                plen = 4;
            }
            off += plen;
            length -= plen;
            payload = next;
        }
    }

    /** dissect_payload_header: the payload's item and its generic header. */
    private Tree header(Tree tree, int off, int payload, int plen) {
        Registry.Row r = REGISTRY.row("isakmp.typepayload");
        String n = NAMES.find("isakmp.typepayload", version, payload);
        String label = r.title() + ": " + (n == null ? "Unknown" : n) + " (" + payload + ")";
        Tree p = labelled(tree.field("isakmp.typepayload", label, Integer.toString(payload)), label);
        t.need(off, Math.min(plen, Math.max(t.rep - off, 0)));
        t.at(p, off, plen);
        uint(p, "isakmp.nextpayload", off, 1);
        if (version == 2 && payload != 2 && payload != 3) { // 4.0.17: proposals and transforms keep IKEv1's reserved byte
            uint(p, "isakmp.criticalpayload", off + 1, 1);
            uint(p, "isakmp.reserved7", off + 1, 1);
        } else {
            bytes(p, "isakmp.reserved", off + 1, 1);
        }
        uint(p, "isakmp.payloadlength", off + 2, 2);
        return p;
    }

    private void body(Tree p, int payload, int next, int off, int len) {
        switch (payload) {
            case 1, 33 -> sa(p, off, len);
            case 2 -> proposal(p, off, len);
            case 4, 34 -> keyExchange(p, off, len);
            case 5, 35, 36 -> id(p, off, len);
            case 6, 37 -> cert(p, off, len);
            case 7, 38 -> certreq(p, off, len);
            case 8 -> bytes(p, "isakmp.hash", off, len);
            case 9 -> bytes(p, "isakmp.sig", off, len);
            case 10, 40 -> bytes(p, "isakmp.nonce", off, len);
            case 11, 41 -> notify(p, off, len);
            case 12, 42 -> delete(p, off, len);
            case 13, 43 -> vendor(p, off, len);
            case 39 -> auth(p, off, len);
            case 44, 45 -> selectors(p, off, len);
            case 46 -> {
                if (version == 2) {
                    bytes(p, "isakmp.enc.iv", off, 4);
                    t.at(p.none("isakmp.enc.data", "Encrypted Data"), off + 4, len - 4);
                }
            }
            case 48 -> bytes(p, "isakmp.eap.data", off, len);
            case 49 -> bytes(p, "isakmp.gspm.data", off, len);
            case 20, 130 -> bytes(p, "isakmp.ike.nat_hash", off, len);
            case 15 -> sak(p, off, len);
            case 21, 131 -> natOa(p, off);
            default -> bytes(p, "isakmp.datapayload", off, len);
        }
    }

    /** dissect_sa. */
    private void sa(Tree p, int off, int len) {
        if (version == 1) {
            long doi = t.u32(off);
            uint(p, "isakmp.sa.doi", off, 4);
            off += 4;
            len -= 4;
            if (doi == 1) {
                if (len < 4) {
                    String hex = len > 0 ? hex(off, len) : "";
                    t.need(off, Math.max(len, 0));
                    t.at(p.field("isakmp.sa.situation", "Situation: " + hex + " (length is " + len + ", should be >= 4)", hex), off, Math.max(len, 0));
                    return;
                }
                Tree s = bytes(p, "isakmp.sa.situation", off, 4);
                uint(s, "isakmp.sa.situation.identity_only", off, 4);
                uint(s, "isakmp.sa.situation.secrecy", off, 4);
                uint(s, "isakmp.sa.situation.integrity", off, 4);
                payloads(p, 2, off + 4, len - 4);
            } else {
                bytes(p, "isakmp.sa.situation", off, len);
            }
        } else if (version == 2) {
            payloads(p, 2, off, len);
        }
    }

    /** dissect_proposal: its transforms, as many as it says, each within the proposal. */
    private void proposal(Tree p, int off, int len) {
        int number = t.u8(off);
        append(p, " # " + number);
        uint(p, "isakmp.prop.number", off, 1);
        int protocol = t.u8(off + 1);
        uint(p, "isakmp.prop.protoid", off + 1, 1);
        int spiSize = t.u8(off + 2);
        uint(p, "isakmp.spisize", off + 2, 1);
        int n = t.u8(off + 3);
        uint(p, "isakmp.prop.transforms", off + 3, 1);
        off += 4;
        len -= 4;
        if (spiSize > 0) {
            bytes(p, "isakmp.spi", off, spiSize);
            off += spiSize;
            len -= spiSize;
        }
        while (n > 0) {
            if (len < 4) {
                p.expert("isakmp.payloadlength.invalid", Tree.Severity.WARNING, Tree.Group.MALFORMED,
                        "Not enough room in payload for all transforms");
                return;
            }
            int plen = t.u16(off + 2);
            Tree tr = header(p, off, 3, plen);
            if (len < plen) {
                p.expert("isakmp.payloadlength.invalid", Tree.Severity.WARNING, Tree.Group.MALFORMED,
                        "Payload (bogus, length is " + plen + ", greater than remaining length " + len);
                return;
            } else if (plen < 4) {
                p.expert("isakmp.payloadlength.invalid", Tree.Severity.WARNING, Tree.Group.MALFORMED,
                        "Payload (bogus, length is " + plen + ", must be at least 4)");
                return;
            }
            transform(tr, off + 4, plen - 4, protocol);
            off += plen;
            len -= plen;
            n--;
        }
    }

    /** dissect_transform: IKEv1's number, id and attributes, or IKEv2's type, id and attributes. */
    private void transform(Tree tr, int off, int len, int protocol) {
        int end = off + len;
        if (version == 1) {
            int number = t.u8(off);
            append(tr, " # " + number);
            uint(tr, "isakmp.trans.number", off, 1);
            int id = t.u8(off + 1);
            String name = protocol == 1 ? (id == 1 ? "KEY_IKE" : id == 0 ? "RESERVED" : "UNKNOWN-TRANS-TYPE") : null;
            if (name != null) {
                t.at(tr.field("isakmp.trans.id", "Transform ID: " + name + " (" + id + ")", Integer.toString(id)), off + 1, 1);
            } else {
                uint(tr, "isakmp.trans.id", off + 1, 1);
            }
            bytes(tr, "isakmp.reserved", off + 2, 2);
            off += 4;
            boolean ike = protocol == 1 && id == 1;
            while (off < end) {
                off += attribute(tr, off, ike ? "isakmp.ike.attr" : "isakmp.ipsec.attr");
            }
        } else if (version == 2) {
            int type = t.u8(off);
            uint(tr, "isakmp.tf.type", off, 1);
            bytes(tr, "isakmp.reserved", off + 1, 1);
            String f = switch (type) {
                case 1 -> "isakmp.tf.id.encr";
                case 2 -> "isakmp.tf.id.prf";
                case 3 -> "isakmp.tf.id.integ";
                case 4 -> "isakmp.tf.id.dh";
                case 5 -> "isakmp.tf.id.esn";
                default -> "isakmp.tf.id";
            };
            uint(tr, f, off + 2, 2);
            off += 4;
            while (off < end) {
                off += attribute(tr, off, "isakmp.ike2.attr");
            }
        }
    }

    /**
     * dissect_attribute_header and the attribute's value (IKE, IPsec or IKEv2 transform
     * attributes): the header's length plus the value's, at least 2.
     */
    private int attribute(Tree parent, int off, String kind) {
        int tf = t.u16(off);
        boolean tlv = (tf & 0x8000) == 0;
        int type = tf & 0x7fff;
        int hlen = tlv ? 4 : 2;
        int vlen = tlv ? t.u16(off + 2) : 2;
        String typeName = NAMES.find(kind + ".type", version, type);
        if (typeName == null) {
            typeName = String.format("Unknown Attribute Type (%02d)", type);
        }
        String label = REGISTRY.row(kind).title() + " (t=" + type + ",l=" + vlen + "): " + typeName;
        Tree a = labelled(t.at(parent.none(kind, label), off, hlen + vlen), label);
        t.need(off, hlen + vlen);
        uint(a, kind + ".format", off, 2);
        Registry.Row tr = REGISTRY.row(kind + ".type");
        String tn = NAMES.find(kind + ".type", version, type);
        t.at(a.field(kind + ".type", tr.title() + ": " + (tn == null ? "Unknown" : tn) + " (" + type + ")", Integer.toString(type)), off, 2);
        if (tlv) {
            uint(a, kind + ".length", off + 2, 2);
        }
        if (vlen > 0) {
            bytes(a, kind + ".value", off + hlen, vlen);
        } else {
            a.expert("isakmp.attribute_value_empty", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "Attribute value is empty");
            return hlen;
        }
        int v = off + hlen;
        switch (kind) {
            case "isakmp.ike.attr" -> ikeValue(a, type, v, vlen);
            case "isakmp.ipsec.attr" -> ipsecValue(a, type, v, vlen);
            default -> {
                if (type == 14) {
                    valued(a, "isakmp.ike2.attr.key_length", v, vlen, false);
                }
            }
        }
        return hlen + vlen;
    }

    private void ikeValue(Tree a, int type, int v, int vlen) {
        switch (type) {
            case 1 -> valued(a, "isakmp.ike.attr.encryption_algorithm", v, vlen, true);
            case 2 -> valued(a, "isakmp.ike.attr.hash_algorithm", v, vlen, true);
            case 3 -> valued(a, "isakmp.ike.attr.authentication_method", v, vlen, true);
            case 4 -> valued(a, "isakmp.ike.attr.group_description", v, vlen, true);
            case 5 -> valued(a, "isakmp.ike.attr.group_type", v, vlen, true);
            case 6 -> bytes(a, "isakmp.ike.attr.group_prime", v, vlen);
            case 7 -> bytes(a, "isakmp.ike.attr.group_generator_one", v, vlen);
            case 8 -> bytes(a, "isakmp.ike.attr.group_generator_two", v, vlen);
            case 9 -> bytes(a, "isakmp.ike.attr.group_curve_a", v, vlen);
            case 10 -> bytes(a, "isakmp.ike.attr.group_curve_b", v, vlen);
            case 11 -> valued(a, "isakmp.ike.attr.life_type", v, vlen, true);
            case 12 -> lifeDuration(a, "isakmp.ike.attr", v, vlen);
            case 13 -> bytes(a, "isakmp.ike.attr.prf", v, vlen);
            case 14 -> valued(a, "isakmp.ike.attr.key_length", v, vlen, false);
            case 15 -> bytes(a, "isakmp.ike.attr.field_size", v, vlen);
            case 16 -> bytes(a, "isakmp.ike.attr.group_order", v, vlen);
            default -> { }
        }
    }

    private void ipsecValue(Tree a, int type, int v, int vlen) {
        switch (type) {
            case 1 -> valued(a, "isakmp.ipsec.attr.life_type", v, vlen, true);
            case 2 -> lifeDuration(a, "isakmp.ipsec.attr", v, vlen);
            case 3 -> valued(a, "isakmp.ipsec.attr.group_description", v, vlen, true);
            case 4 -> valued(a, "isakmp.ipsec.attr.encap_mode", v, vlen, true);
            case 5 -> valued(a, "isakmp.ipsec.attr.auth_algorithm", v, vlen, true);
            case 6 -> valued(a, "isakmp.ipsec.attr.key_length", v, vlen, false);
            case 7 -> valued(a, "isakmp.ipsec.attr.key_rounds", v, vlen, false);
            case 8 -> uintN(a, "isakmp.ipsec.attr.cmpr_dict_size", v, vlen);
            case 9 -> bytes(a, "isakmp.ipsec.attr.cmpr_algorithm", v, vlen);
            case 10 -> valued(a, "isakmp.ipsec.attr.ecn_tunnel", v, vlen, true);
            case 11 -> valued(a, "isakmp.ipsec.attr.ext_seq_nbr", v, vlen, true);
            case 12 -> valued(a, "isakmp.ipsec.attr.auth_key_length", v, vlen, false);
            case 13 -> bytes(a, "isakmp.ipsec.attr.sig_enco_algorithm", v, vlen);
            case 14 -> valued(a, "isakmp.ipsec.attr.addr_preservation", v, vlen, true);
            case 15 -> valued(a, "isakmp.ipsec.attr.sa_direction", v, vlen, true);
            default -> { }
        }
    }

    /** An integer attribute value item, and ": name" or ": number" (of its first two bytes) appended to the attribute. */
    private void valued(Tree a, String name, int v, int vlen, boolean named) {
        uintN(a, name, v, vlen);
        int x = t.u16(v);
        if (named) {
            String n = NAMES.find(name, version, x);
            append(a, ": " + (n == null ? "Unknown " + x : n));
        } else {
            append(a, ": " + x);
        }
    }

    /** dissect_life_duration: 1 to 4 bytes a 32-bit item, 5 to 8 a 64-bit one, more as bytes. */
    private void lifeDuration(Tree a, String kind, int v, int vlen) {
        if (vlen >= 1 && vlen <= 8) {
            t.need(v, vlen);
            long x = 0;
            for (int i = 0; i < vlen; i++) {
                x = x << 8 | t.u8(v + i);
            }
            String name = vlen <= 4 ? kind + ".life_duration" : kind + ".life_duration64";
            String s = Long.toUnsignedString(x);
            t.at(a.field(name, REGISTRY.row(name).title() + ": " + s, s), v, vlen);
            append(a, ": " + s);
        } else if (vlen > 8) {
            bytes(a, kind + ".life_duration_bytes", v, vlen);
            append(a, ": " + hex(v, 8) + " ...");
        }
    }

    /** dissect_key_exch. */
    private void keyExchange(Tree p, int off, int len) {
        if (version == 2) {
            uint(p, "isakmp.key_exchange.dh_group", off, 2);
            bytes(p, "isakmp.reserved", off + 2, 2);
            off += 4;
            len -= 4;
        }
        bytes(p, "isakmp.key_exchange.data", off, len);
    }

    /** dissect_id. */
    private void id(Tree p, int off, int len) {
        int type = t.u8(off);
        uint(p, "isakmp.id.type", off, 1);
        off++;
        len--;
        if (version == 1) {
            int proto = t.u8(off);
            if (proto == 0) {
                t.at(p.field("isakmp.id.protoid", "Protocol ID: Unused", "0"), off, 1);
            } else {
                uint(p, "isakmp.id.protoid", off, 1);
            }
            int port = t.u16(off + 1);
            if (port == 0) {
                t.at(p.field("isakmp.id.port", "Port: Unused", "0"), off + 1, 2);
            } else {
                uint(p, "isakmp.id.port", off + 1, 2);
            }
            off += 3;
            len -= 3;
        } else if (version == 2) {
            bytes(p, "isakmp.reserved", off, 3);
            off += 3;
            len -= 3;
        }
        // a negative length (a payload shorter than its fixed part) covers the rest, as proto.c's -1
        int extent = len < 0 ? Math.max(t.cap - off, 0) : len;
        t.need(off, extent);
        Tree d = t.at(p.none("isakmp.id.data", "Identification Data:"), off, extent);
        switch (type) {
            case 1 -> {
                String a = ipv4(d, "isakmp.id.data.ipv4_addr", off);
                d.relabel("Identification Data:" + a);
            }
            case 2, 3 -> {
                String name = type == 2 ? "isakmp.id.data.fqdn" : "isakmp.id.data.user_fqdn";
                t.string(d, name, REGISTRY.row(name).title(), off, len);
                d.relabel("Identification Data:" + Text.ascii(t.s, t.base + off, len));
            }
            case 4, 7 -> {
                String a = ipv4(d, type == 4 ? "isakmp.id.data.ipv4_addr" : "isakmp.id.data.ipv4_range_start", off);
                String b = ipv4(d, type == 4 ? "isakmp.id.data.ipv4_subnet" : "isakmp.id.data.ipv4_range_end", off + 4);
                d.relabel("Identification Data:" + a + "/" + b);
            }
            case 5 -> d.relabel("Identification Data:" + ipv6(d, "isakmp.id.data.ipv6_addr", off));
            case 6, 8 -> {
                String a = ipv6(d, type == 6 ? "isakmp.id.data.ipv6_addr" : "isakmp.id.data.ipv6_range_start", off);
                String b = ipv6(d, type == 6 ? "isakmp.id.data.ipv6_subnet" : "isakmp.id.data.ipv6_range_end", off + 16);
                d.relabel("Identification Data:" + a + "/" + b);
            }
            case 11 -> bytes(d, "isakmp.id.data.key_id", off, len);
            default -> {
                if (len > 0) {
                    d.relabel("Identification Data:" + hex(off, len));
                }
            }
        }
    }

    /** dissect_cert: the encoding; the certificate itself is left as its bytes' extent. */
    private void cert(Tree p, int off, int len) {
        uint(p, "isakmp.cert.encoding", off, 1);
        if (len > 1) {
            t.at(p.none("isakmp.cert.data", "Certificate Data"), off + 1, len - 1);
        }
    }

    /** dissect_certreq. */
    private void certreq(Tree p, int off, int len) {
        uint(p, "isakmp.certreq.type", off, 1);
        off++;
        len--;
        if (len <= 0) {
            return;
        }
        if (version == 1) {
            bytes(p, "isakmp.ike.certreq.authority", off, len);
        } else {
            while (len > 0) {
                bytes(p, "isakmp.ike.certreq.authority", off, 20);
                off += 20;
                len -= 20;
            }
        }
    }

    /** dissect_auth. */
    private void auth(Tree p, int off, int len) {
        uint(p, "isakmp.auth.method", off, 1);
        bytes(p, "isakmp.reserved", off + 1, 3);
        bytes(p, "isakmp.auth.data", off + 4, len - 4);
    }

    /** dissect_notif. */
    private void notify(Tree p, int off, int len) {
        int end = off + len;
        long doi = 0;
        if (version == 1) {
            doi = t.u32(off);
            uint(p, "isakmp.notify.doi", off, 4);
            off += 4;
            len -= 4;
        }
        int protocol = t.u8(off);
        uint(p, "isakmp.notify.protoid", off, 1);
        int spiSize = t.u8(off + 1);
        uint(p, "isakmp.spisize", off + 1, 1);
        int type = t.u16(off + 2);
        if (version == 1) {
            uint(p, "isakmp.notify.msgtype", off + 2, 2);
        } else {
            String n = type < 8192 || type > 16383 && type < 40959 ? NAMES.find("isakmp.notify.msgtype", 2, type) : null;
            n = n == null ? "Unknown" : n;
            t.at(p.field("isakmp.notify.msgtype", "Notify Message Type: " + n + " (" + type + ")", Integer.toString(type)), off + 2, 2);
            append(p, " - " + n);
        }
        off += 4;
        len -= 4;
        if (spiSize > 0) {
            bytes(p, "isakmp.spi", off, spiSize);
            off += spiSize;
            len -= spiSize;
        }
        Tree data = bytes(p, "isakmp.notify.data", off, len);
        if (version == 1) {
            switch (type) {
                case 36136 -> uintN(p, "isakmp.notify.data.dpd.are_you_there", off, len);
                case 36137 -> uintN(p, "isakmp.notify.data.dpd.are_you_there_ack", off, len);
                default -> { }
            }
            return;
        }
        switch (type) {
            case 16387 -> {
                uint(p, "isakmp.notify.data.ipcomp.cpi", off, 2);
                uint(p, "isakmp.notify.data.ipcomp.transform_id", off + 2, 1);
            }
            case 16407, 16408 -> {
                int gtype = t.u8(off);
                uint(p, "isakmp.notify.data.redirect.gw_ident.type", off, 1);
                int glen = t.u8(off + 1);
                uint(p, "isakmp.notify.data.redirect.gw_ident.len", off + 1, 1);
                String w = type == 16407 ? "new_resp_gw_ident" : "org_resp_gw_ident";
                switch (gtype) {
                    case 1 -> ipv4(p, "isakmp.notify.data.redirect." + w + ".ipv4", off + 2);
                    case 2 -> ipv6(p, "isakmp.notify.data.redirect." + w + ".ipv6", off + 2);
                    case 3 -> {
                        if (type == 16407) {
                            String name = "isakmp.notify.data.redirect.new_resp_gw_ident.fqdn";
                            t.string(p, name, REGISTRY.row(name).title(), off + 2, glen);
                        } else {
                            bytes(p, "isakmp.notify.data.redirect.org_resp_gw_ident.data", off + 2, glen);
                        }
                    }
                    default -> bytes(p, "isakmp.notify.data.redirect." + w + ".data", off + 2, glen);
                }
                if (type == 16407) {
                    len -= glen + 2;
                    off += glen + 2;
                    if (len != 0) {
                        bytes(p, "isakmp.notify.data.redirect.nonce_data", off, len);
                    }
                }
            }
            case 16431 -> {
                while (off < end) {
                    uint(p, "isakmp.notify.data.signature_hash_algorithms", off, 2);
                    off += 2;
                }
            }
            default -> { }
        }
        if (data == null) {
            return;
        }
    }

    /** dissect_delete. */
    private void delete(Tree p, int off, int len) {
        if (version == 1) {
            uint(p, "isakmp.delete.doi", off, 4);
            off += 4;
            len -= 4;
        }
        uint(p, "isakmp.delete.protoid", off, 1);
        int spiSize = t.u8(off + 1);
        uint(p, "isakmp.spisize", off + 1, 1);
        uint(p, "isakmp.spinum", off + 2, 2);
        off += 4;
        len -= 4;
        if (spiSize > 0) {
            while (len > 0) {
                bytes(p, "isakmp.delete.spi", off, spiSize);
                off += spiSize;
                len -= spiSize;
            }
        }
    }

    /** dissect_vid: the bytes, the vendor's name, and what a few vendors put after their prefix. */
    private void vendor(Tree p, int off, int len) {
        byte[] vid = t.copy(off, len);
        String name = NAMES.vendor(vid);
        bytes(p, "isakmp.vid_bytes", off, len);
        t.at(p.string("isakmp.vid_string", "Vendor ID", name), off, len);
        append(p, " : " + name);
        if (name.equals("CISCO-UNITY") && len >= 16) {
            int major = t.u8(off + 14);
            uint(p, "isakmp.vid.cisco_unity.major", off + 14, 1);
            int minor = t.u8(off + 15);
            uint(p, "isakmp.vid.cisco_unity.minor", off + 15, 1);
            append(p, " " + major + "." + minor);
        } else if (name.equals("Fortigate (Fortinet)") && len >= 16) {
            uint(p, "isakmp.vid.fortinet.fortigate.release", off + 12, 2);
            uint(p, "isakmp.vid.fortinet.fortigate.build", off + 14, 2);
        }
    }

    /** dissect_ts_payload: the selectors, each by its own length (a length under 4 moves on by 4 and shows nothing). */
    private void selectors(Tree p, int off, int len) {
        int end = off + len;
        int n = t.u8(off);
        append(p, " # " + n);
        uint(p, "isakmp.ts.number", off, 1);
        bytes(p, "isakmp.reserved", off + 1, 3);
        off += 4;
        while (off < end) {
            int slen = t.u16(off + 2);
            if (slen < 4) {
                off += 4;
                continue;
            }
            int type = t.u8(off);
            String tn = NAMES.find("isakmp.ts.type", 2, type);
            Tree ts = t.at(p.none("isakmp.ts.data", "Traffic Selector: " + (tn == null ? "Unknown Type (" + type + ")" : tn)), off, slen);
            t.need(off, slen);
            uint(ts, "isakmp.ts.type", off, 1);
            int at = off + 1;
            if (type == 7 || type == 8) {
                int proto = t.u8(at);
                if (proto == 0) {
                    t.at(ts.field("isakmp.ts.protoid", "Protocol ID: Unused", "0"), at, 1);
                } else {
                    uint(ts, "isakmp.ts.protoid", at, 1);
                }
                uint(ts, "isakmp.ts.selector_length", at + 1, 2);
                uint(ts, "isakmp.ts.start_port", at + 3, 2);
                uint(ts, "isakmp.ts.end_port", at + 5, 2);
                if (type == 7) {
                    ipv4(ts, "isakmp.ts.start_ipv4", at + 7);
                    ipv4(ts, "isakmp.ts.end_ipv4", at + 11);
                } else {
                    ipv6(ts, "isakmp.ts.start_ipv6", at + 7);
                    ipv6(ts, "isakmp.ts.end_ipv6", at + 23);
                }
            }
            off += slen;
        }
    }

    /** The SA KEK payload (GDOI, RFC 6407) as far as its source and destination identities. */
    private void sak(Tree p, int off, int len) {
        uint(p, "isakmp.sak.nextpayload", off, 1);
        uint(p, "isakmp.sak.reserved", off + 1, 1);
        uint(p, "isakmp.sak.payload_len", off + 2, 2);
        uint(p, "isakmp.sak.protoid", off + 4, 1);
        uint(p, "isakmp.sak.src_id_type", off + 5, 1);
        uint(p, "isakmp.sak.src_id_port", off + 6, 2);
        int sl = t.u8(off + 8);
        uint(p, "isakmp.sak.src_id_length", off + 8, 1);
        bytes(p, "isakmp.sak.src_id_data", off + 9, sl);
        int d = off + 9 + sl;
        uint(p, "isakmp.sak.dst_id_type", d, 1);
        uint(p, "isakmp.sak.dst_id_port", d + 1, 2);
        int dl = t.u8(d + 3);
        uint(p, "isakmp.sak.dst_id_length", d + 3, 1);
        bytes(p, "isakmp.sak.dst_id_data", d + 4, dl);
        bytes(p, "isakmp.sak.spi", d + 4 + dl, 16);
    }

    /** dissect_nat_original_address. */
    private void natOa(Tree p, int off) {
        int type = t.u8(off);
        uint(p, "isakmp.id.type", off, 1);
        if (type == 1) {
            ipv4(p, "isakmp.ike.nat_original_address_ipv4", off + 4);
        } else if (type == 5) {
            ipv6(p, "isakmp.ike.nat_original_address_ipv6", off + 4);
        }
    }

    // ---- items as proto.c labels them -----------------------------------------------------------

    /** The labels of the items whose text the walk appends to (proto_item_append_text), by identity. */
    private final java.util.Map<Tree, String> labels = new java.util.IdentityHashMap<>();

    private Tree labelled(Tree item, String label) {
        labels.put(item, label);
        return item;
    }

    private void append(Tree item, String text) {
        if (item == Tree.NOTHING) {
            return;
        }
        String l = labels.getOrDefault(item, "") + text;
        labels.put(item, l);
        item.relabel(l);
    }

    private static String tfs(String field, int bit) {
        return REGISTRY.tfs(field, bit != 0);
    }

    /** proto_tree_add_item of an integer or boolean field of its registered width. */
    private Tree uint(Tree parent, String name, int off, int len) {
        Registry.Row r = REGISTRY.row(name);
        return REGISTRY.integerItem(t, parent, r, off, len, (v, number) -> {
            String n = NAMES.has(name) ? NAMES.find(name, version, v) : null;
            if (n == null && NAMES.has(name)) {
                n = "Unknown";
            }
            return n == null ? number : n + " (" + number + ")";
        });
    }

    /** proto_tree_add_item of an integer field over {@code len} bytes (1 to 4; other lengths as proto.c would: the first 4). */
    private void uintN(Tree parent, String name, int off, int len) {
        if (len >= 1 && len <= 4) {
            uint(parent, name, off, len);
        } else {
            t.need(off, len);
            uint(parent, name, off, 4);
        }
    }

    private Tree bytes(Tree parent, String name, int off, int len) {
        if (len < 0) {
            throw Tvb.Stop.MALFORMED;
        }
        t.need(off, len);
        String title = REGISTRY.row(name).title();
        Tree item = len != 0 ? parent.bytes(name, title, t.s, t.base + off, len)
                // an empty FT_BYTES item: "<MISSING>" in its label, no bytes for -T fields
                : parent instanceof dev.tcpscope.proto.Collected ? parent.bytes(name, title, t.s, t.base + Math.min(off, t.cap), 0)
                : parent.field(name, title + ": <MISSING>", "");
        return t.at(item, off, len);
    }

    private String ipv4(Tree parent, String name, int off) {
        byte[] b = t.copy(off, 4);
        String a = (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        t.at(parent.field(name, REGISTRY.row(name).title() + ": " + a, a), off, 4);
        return a;
    }

    private String ipv6(Tree parent, String name, int off) {
        String a = Text.ipv6(t.copy(off, 16));
        t.at(parent.field(name, REGISTRY.row(name).title() + ": " + a, a), off, 16);
        return a;
    }

    private String hex(int off, int len) {
        byte[] b = t.copy(off, len);
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }
}
