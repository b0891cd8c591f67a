package dev.tcpscope.proto.hsrp;

import dev.tcpscope.proto.EtherNames;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import java.util.function.Consumer;

/**
 * One walk over an HSRP message as packet-hsrp.c (Wireshark 4.0.17) reads it: HSRPv1 (RFC 2281's
 * Hello, Coup and Resign, the Advertise op code, an MD5 authentication TLV after the message when
 * the datagram is 50 bytes) and HSRPv2's TLVs (Group State, Interface State, Text and MD5
 * Authentication). The same walk makes the Info column (with {@link Tree#NOTHING}) and the detail
 * tree; every label comes from tshark's field registry ({@link #REGISTRY}).
 *
 * <p>packet-hsrp.c reads some parts only when it builds a tree: a plain packet list (no tree)
 * skips the Text and MD5 TLVs and does not stop at a Group State TLV of an unknown IP version, so
 * the walk of the Info column ({@code tree == false}) does the same. Every TLV moves the offset
 * on by at least its two header bytes, and the loop ends at the captured end: bounded work.
 */
final class HsrpWalk {
    /** packet-hsrp.c's fields and value strings (resources written by scripts/gen-registry-tables.sh). */
    static final Registry REGISTRY = Registry.load(HsrpWalk.class, "hsrp");

    static final int HELLOTIME = 3;
    static final int HOLDTIME = 10;
    static final long HELLOTIME_V2 = 3000;
    static final long HOLDTIME_V2 = 10000;
    /** A v1 datagram of this captured length may carry the MD5 authentication TLV after its 20 bytes. */
    static final int V1_WITH_MD5 = 50;

    private final Tvb t;
    private final boolean tree;
    private final Consumer<String> protocols;
    /** The Info column as far as the walk got; null while the message set none (v2 without a Group or Interface State TLV). */
    String info;

    HsrpWalk(Tvb t, boolean tree, Consumer<String> protocols) {
        this.t = t;
        this.tree = tree;
        this.protocols = protocols;
    }

    // ---- HSRPv1 ---------------------------------------------------------------------------------

    /** dissect_hsrp's HSRPv1 branch (destination 224.0.0.2). */
    void v1(Tree root) {
        int opcode = t.u8(1);
        String name = opName("hsrp.opcode", opcode);
        info = name;
        int state = 0;
        if (opcode < 3) {
            state = t.u8(2);
            info = name + " (state " + opName("hsrp.state", state) + ")";
        } else if (opcode == 3) {
            state = t.u8(6);
            info = name + " (state " + opName("hsrp.adv.state", state) + ")";
        }
        Tree hsrp = t.at(root.protocol("hsrp", "Cisco Hot Standby Router Protocol"), 0, t.cap);
        item(hsrp, "hsrp.version", 0, 1);
        uint(hsrp, "hsrp.opcode", 1, 1, opcode);
        int off = 2;
        if (opcode < 3) {
            uint(hsrp, "hsrp.state", 2, 1, state);
            int hello = t.u8(3);
            defaulted(hsrp, "hsrp.hellotime", 3, 1, hello, hello == HELLOTIME);
            int hold = t.u8(4);
            defaulted(hsrp, "hsrp.holdtime", 4, 1, hold, hold == HOLDTIME);
            item(hsrp, "hsrp.priority", 5, 1);
            item(hsrp, "hsrp.group", 6, 1);
            item(hsrp, "hsrp.reserved", 7, 1);
            auth(hsrp, "hsrp.auth_data", 8);
            item(hsrp, "hsrp.virt_ip", 16, 4);
            off = 16;
        } else if (opcode == 3) {
            item(hsrp, "hsrp.adv.tlvtype", 2, 2);
            item(hsrp, "hsrp.adv.tlvlength", 4, 2);
            item(hsrp, "hsrp.adv.state", 6, 1);
            item(hsrp, "hsrp.adv.reserved1", 7, 1);
            item(hsrp, "hsrp.adv.activegrp", 8, 2);
            item(hsrp, "hsrp.adv.passivegrp", 10, 2);
            item(hsrp, "hsrp.adv.reserved2", 12, 4);
            off = 12;
        } else {
            data(hsrp, 2);
        }
        if (t.cap == V1_WITH_MD5) {
            // where a TLV would follow the message just walked (its last item's offset plus four)
            int at = off + 4;
            int type = t.u8(at);
            int len = t.u8(at + 1);
            if (type == 4 && len == 28) {
                if (tree) {
                    md5(hsrp, at, type, len);
                }
            } else {
                hsrp.expert("hsrp.unknown_tlv", Tree.Severity.WARNING, Tree.Group.UNDECODED,
                        "Unknown TLV sequence in HSRPv1 dissection, Type=(" + type + ") Len=(" + len + ")");
            }
        }
    }

    // ---- HSRPv2 ---------------------------------------------------------------------------------

    /** dissect_hsrp's HSRPv2 branch (destination 224.0.0.102, or IPv6 to port 2029): its TLVs. */
    void v2(Tree root) {
        Tree hsrp = t.at(root.protocol("hsrp", "Cisco Hot Standby Router Protocol"), 0, t.cap);
        int off = 0;
        while (remaining(off) > 0) {
            int type = t.u8(off);
            int len = t.u8(off + 1);
            if (type == 1 && len == 40) {
                if (!groupState(hsrp, off, type, len)) {
                    break;
                }
            } else if (type == 2 && len == 4) {
                int active = t.u16(off + 2);
                int passive = t.u16(off + 4);
                info = "Interface State TLV (Act=" + active + " Pass=" + passive + ")";
                if (tree) {
                    Tree tlv = tlv(hsrp, "hsrp2.interface_state_tlv", off, 1, type, len + 2); // 4.0.17 labels it with the whole TLV's length
                    item(tlv, "hsrp2.active_groups", off + 2, 2);
                    item(tlv, "hsrp2.passive_groups", off + 4, 2);
                }
            } else if (type == 3 && len == 8) {
                if (tree) {
                    Tree tlv = tlv(hsrp, "hsrp2.text_auth_tlv", off, len + 2, type, len);
                    auth(tlv, "hsrp2.auth_data", off + 2);
                }
            } else if (type == 4 && len == 28) {
                if (tree) {
                    md5(hsrp, off, type, len);
                }
            } else {
                data(hsrp, off); // an undefined TLV: the rest is data, the walk ends
                break;
            }
            off += len + 2;
        }
    }

    /** The Group State TLV at {@code off}; false when its IP version is unknown and a tree ends there. */
    private boolean groupState(Tree hsrp, int off, int type, int len) {
        Tree tlv = tree ? tlv(hsrp, "hsrp2.group_state_tlv", off, len + 2, type, len) : Tree.NOTHING;
        int at = off + 2;
        int opcode = t.u8(at + 1);
        info = opName("hsrp2.opcode", opcode);
        int state = t.u8(at + 2);
        info = info + " (state " + opName("hsrp2.state", state) + ")";
        if (!tree) {
            return true;
        }
        item(tlv, "hsrp2.version", at, 1);
        uint(tlv, "hsrp2.opcode", at + 1, 1, opcode);
        uint(tlv, "hsrp2.state", at + 2, 1, state);
        int ipver = t.u8(at + 3);
        uint(tlv, "hsrp2.ipversion", at + 3, 1, ipver);
        item(tlv, "hsrp2.group", at + 4, 2);
        ether(tlv, "hsrp2.identifier", at + 6);
        item(tlv, "hsrp2.priority", at + 12, 4);
        long hello = t.u32(at + 16);
        defaulted(tlv, "hsrp2.hellotime", at + 16, 4, hello, hello == HELLOTIME_V2);
        long hold = t.u32(at + 20);
        defaulted(tlv, "hsrp2.holdtime", at + 20, 4, hold, hold == HOLDTIME_V2);
        if (ipver == 4) {
            item(tlv, "hsrp2.virt_ip", at + 24, 4);
        } else if (ipver == 6) {
            item(tlv, "hsrp2.virt_ip_v6", at + 24, 16);
        } else {
            data(hsrp, at + 24); // under the protocol item, not the TLV
            return false;
        }
        return true;
    }

    /** process_hsrp_md5_tlv_sequence: the MD5 Authentication TLV at {@code off} (v1 after the message, v2 among the TLVs). */
    private void md5(Tree hsrp, int off, int type, int len) {
        Tree tlv = tlv(hsrp, "hsrp2.md5_auth_tlv", off, 1, type, len);
        item(tlv, "hsrp2.md5_algorithm", off + 2, 1);
        item(tlv, "hsrp2.md5_padding", off + 3, 1);
        item(tlv, "hsrp2.md5_flags", off + 4, 2);
        item(tlv, "hsrp.md5_ip_address", off + 6, 4);
        item(tlv, "hsrp2.md5_key_id", off + 10, 4);
        item(tlv, "hsrp2.md5_auth_data", off + 14, 16);
    }

    // ---- items as proto.c labels them ----------------------------------------------------------

    /** val_to_str_const(..., "Unknown"). */
    private static String opName(String field, long v) {
        String n = REGISTRY.value(field, v);
        return n == null ? "Unknown" : n;
    }

    /** A TLV's item: proto_tree_add_uint_format_value(..., "Type=%d Len=%d") over {@code width} bytes. */
    private Tree tlv(Tree parent, String name, int off, int width, int type, int len) {
        Registry.Row r = REGISTRY.row(name);
        return t.at(parent.field(name, r.title() + ": Type=" + type + " Len=" + len, Integer.toString(type)), off, width);
    }

    /** "Default (3)" or "Non-Default (5)" (proto_tree_add_uint_format_value). */
    private void defaulted(Tree parent, String name, int off, int len, long v, boolean isDefault) {
        t.at(parent.field(name, REGISTRY.row(name).title() + ": " + (isDefault ? "" : "Non-") + "Default (" + v + ")",
                Long.toString(v)), off, len);
    }

    /**
     * The 8 bytes of clear-text authentication as an ASCII string (it ends at the first NUL, a byte
     * over 0x7f is U+FFFD), "Default" when it is "cisco". The label shows the string as it is,
     * control characters and all.
     */
    private void auth(Tree parent, String name, int off) {
        t.need(off, 8);
        String value = Text.ascii(t.s, t.base + off, 8);
        t.at(parent.field(name, REGISTRY.row(name).title() + ": " + (value.equals("cisco") ? "" : "Non-") + "Default (" + value + ")",
                value), off, 8);
    }

    /** An FT_ETHER item: the resolved name and the address. */
    private void ether(Tree parent, String name, int off) {
        long mac = (long) t.u16(off) << 32 | t.u32(off + 2);
        String plain = EtherNames.plain(mac);
        t.at(parent.field(name, REGISTRY.row(name).title() + ": " + EtherNames.name(mac) + " (" + plain + ")", plain), off, 6);
    }

    /** proto_tree_add_uint of a value already read: the field's label for {@code v}. */
    private void uint(Tree parent, String name, int off, int len, long v) {
        Registry.Row r = REGISTRY.row(name);
        t.at(parent.field(name, r.title() + ": " + integer(r, v), raw(r, v)), off, len);
    }

    /** proto_tree_add_item of field {@code name} over {@code len} bytes at {@code off}. */
    private void item(Tree parent, String name, int off, int len) {
        Registry.Row r = REGISTRY.row(name);
        switch (r.type()) {
            case "FT_BYTES" -> {
                t.need(off, len);
                t.at(parent.bytes(name, r.title(), t.s, t.base + off, len), off, len);
            }
            case "FT_IPv4" -> {
                byte[] b = t.copy(off, 4);
                String a = (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
                t.at(parent.field(name, r.title() + ": " + a, a), off, 4);
            }
            case "FT_IPv6" -> {
                String a = Text.ipv6(t.copy(off, 16));
                t.at(parent.field(name, r.title() + ": " + a, a), off, 16);
            }
            default -> {
                t.need(off, len);
                long v = 0;
                for (int i = 0; i < len; i++) {
                    v = v << 8 | t.u8(off + i);
                }
                uint(parent, name, off, len, v);
            }
        }
    }

    /** call_data_dissector on the bytes from {@code off}: a "Data (N bytes)" item under {@code parent}. */
    private void data(Tree parent, int off) {
        if (!tree) {
            return;
        }
        int n = Math.max(t.cap - off, 0);
        Items.data(parent, t.s, t.base + off, n, protocols);
    }

    /** tvb_reported_length_remaining: 0 once {@code off} is past the captured bytes. */
    private int remaining(int off) {
        return off < 0 || off > t.cap ? 0 : Math.max(t.rep - off, 0);
    }

    private static String integer(Registry.Row r, long v) {
        String n = REGISTRY.name(r.name(), v);
        String number = r.hex() ? hex(v, r.bits()) : Long.toString(v);
        return n == null ? number : n + " (" + number + ")";
    }

    private static String raw(Registry.Row r, long v) {
        return r.hex() ? hex(v, r.bits()) : Long.toString(v);
    }

    private static String hex(long v, int bits) {
        String h = Long.toHexString(v);
        int digits = Math.max(bits / 4, 1);
        return "0x" + "0".repeat(Math.max(digits - h.length(), 0)) + h;
    }
}
