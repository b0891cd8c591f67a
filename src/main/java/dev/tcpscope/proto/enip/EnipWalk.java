package dev.tcpscope.proto.enip;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * One EtherNet/IP encapsulation message as packet-enip.c (Wireshark 4.0.17) dissects it
 * (dissect_enip_pdu, dissect_cpf): the 24-byte header under "Encapsulation Header", the
 * command's data under "Command Specific Data" with its Common Packet Format items, and the CIP
 * message an unconnected or connected data item carries, handed to {@link CipWalk}. The same walk
 * runs at dissection (columns, pairing; {@link Tree#NOTHING}) and for the detail tree (no columns;
 * the pairing as the dissection recorded it). A read past the bytes throws {@link Tvb.Stop}.
 */
final class EnipWalk {
    static final int SEND_RR_DATA = 0x6F, SEND_UNIT_DATA = 0x70;
    static final int REQUEST = 1, RESPONSE = 2, UNKNOWN = 0;

    private final Tvb t;
    private final Cols cols;
    private final Enip.Pdu pdu;
    private final Enip.Pairing pairing;
    /** The protocol the walk is in, for an exception's marker. */
    String in = "ENIP";

    EnipWalk(Tvb t, Cols cols, Enip.Pdu pdu, Enip.Pairing pairing) {
        this.t = t;
        this.cols = cols;
        this.pdu = pdu;
        this.pairing = pairing;
    }

    static int le16(Tvb t, int off) {
        t.need(off, 2);
        return t.u8(off) | t.u8(off + 1) << 8;
    }

    static long le32(Tvb t, int off) {
        t.need(off, 4);
        return (long) le16(t, off) | (long) le16(t, off + 2) << 16;
    }

    static String hex(long v, int digits) {
        return String.format("0x%0" + digits + "x", v);
    }

    private Tree uint(Tree p, String key, String name, int off, int len, long v) {
        return t.at(p.field(key, name + ": " + v, Long.toString(v)), off, len);
    }

    private Tree hexField(Tree p, String key, String name, int off, int len, long v) {
        String h = hex(v, len * 2);
        return t.at(p.field(key, name + ": " + h, h), off, len);
    }

    /** A BASE_HEX field with a value string: "Name: Text (0x...)", "Unknown" when the value has no name. */
    private Tree named(Tree p, String key, String name, int off, int len, long v, String text) {
        String h = hex(v, len * 2);
        return t.at(p.field(key, name + ": " + (text == null ? "Unknown" : text) + " (" + h + ")", h), off, len);
    }

    private Tree bytes(Tree p, String key, String name, int off, int len) {
        t.need(off, len);
        return t.at(p.bytes(key, name, t.s, t.base + off, len), off, len);
    }

    void walk(Tree root, java.util.function.Consumer<String> protocols) {
        cols.protocol("ENIP");
        cols.clear();
        int cmd = le16(t, 0);
        int type = pdu.type;
        String typeText = type == REQUEST ? "Req" : type == RESPONSE ? "Rsp" : "?";
        cols.sep(" | ", CipNames.command(cmd) + " (" + typeText + ")");
        long session = le32(t, 4);
        t.need(12, 8);
        long context = 0;
        for (int i = 7; i >= 0; i--) {
            context = context << 8 | t.u8(12 + i);
        }
        protocols.accept("enip");
        // the item's text as it ends (-T fields prints it): what proto_item_append_text adds once
        // the header is read, and the connection IDs of a Send Unit Data's address items
        StringBuilder label = new StringBuilder("EtherNet/IP (Industrial Protocol)");
        if (t.cap >= 24) {
            label.append(", Session: 0x").append(String.format("%08X", session)).append(", ").append(CipNames.command(cmd));
            if (cmd == SEND_UNIT_DATA && le16Safe(2) != 0) {
                connectionIds(label);
            }
        }
        Tree enip = t.at(root.protocol("enip", label.toString()), 0, t.rep);
        Tree header = t.at(enip.text("Encapsulation Header"), 0, 24);
        int length = header(header, cmd, session, type);
        if (length == 0) {
            cols.fence(); // 4.0 adds no "Command Specific Data" for a message without data
            return;
        }
        t.need(24, length); // proto_tree_add_subtree throws for a length past the captured bytes
        Tree csd = t.at(enip.text("Command Specific Data"), 24, length);
        commandData(new Enip.Key(session, context), cmd, root, header, csd, length, protocols);
        cols.fence();
    }

    /*
     * walk is cut in three (header, commandData): each label's string concatenation is a call
     * site that C1 inlines whole, and the method in one piece took 15 MB to compile with C1, past
     * the launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** The encapsulation header's fields under {@code header}; returns its length field. */
    private int header(Tree header, int cmd, long session, int type) {
        named(header, "enip.command", "Command", 0, 2, cmd, CipNames.name("enip.command", cmd));
        int length = le16(t, 2);
        uint(header, "enip.length", "Length", 2, 2, length);
        hexField(header, "enip.session", "Session Handle", 4, 4, session);
        long status = le32(t, 8);
        named(header, "enip.status", "Status", 8, 4, status, CipNames.name("enip.status", (int) status));
        if (cmd == 0x63 && (length == 0 || type == REQUEST)) {
            int delay = le16(t, 12);
            t.at(header.field("enip.listid_delay", "Max Response Delay: " + delay + "ms", Integer.toString(delay)), 12, 2);
            bytes(header, "enip.context", "Sender Context", 14, 6);
        } else {
            bytes(header, "enip.context", "Sender Context", 12, 8);
        }
        hexField(header, "enip.options", "Options", 20, 4, le32(t, 20));
        if (cmd == 0x65 || cmd == 0x66) {
            cols.append(", Session: 0x" + String.format("%08X", session));
        }
        return length;
    }

    /** The command specific data, {@code length} bytes at 24 under {@code csd}. */
    private void commandData(Enip.Key key, int cmd, Tree root, Tree header, Tree csd, int length,
                             java.util.function.Consumer<String> protocols) {
        switch (cmd) {
            case 0x04, 0x63, 0x64 -> cpf(key, cmd, root, csd, 24, 0, protocols);
            case 0x65 -> {
                uint(csd, "enip.rs.version", "Protocol Version", 24, 2, le16(t, 24));
                hexField(csd, "enip.rs.flags", "Option Flags", 26, 2, le16(t, 26));
            }
            case SEND_RR_DATA, SEND_UNIT_DATA -> {
                long iface = le32(t, 24);
                named(csd, cmd == SEND_RR_DATA ? "enip.srrd.iface" : "enip.sud.iface", "Interface Handle", 24, 4, iface,
                        iface == 0 ? "CIP" : null);
                uint(csd, "enip.timeout", "Timeout", 28, 2, le16(t, 28));
                cpf(key, cmd, root, csd, 30, iface, protocols);
            }
            case 0x00, 0x66 -> { }
            default -> {
                if (cmd != 0xC8) {
                    Tree d = bytes(header, "enip.encap_data", "Encap Data", 24, length);
                    if (length == 0) {
                        d.relabel("Encap Data: <MISSING>");
                    }
                }
            }
        }
    }

    private int le16Safe(int off) {
        return off + 2 <= t.cap ? t.u8(off) | t.u8(off + 1) << 8 : -1;
    }

    /** The ", Connection ID: 0x..." dissect_item_connected_address appends to the item, found ahead of the walk. */
    private void connectionIds(StringBuilder label) {
        int count = le16Safe(30);
        int off = 32;
        for (int i = 0; i < count && off + 4 <= t.cap; i++) {
            int type = le16Safe(off);
            int len = le16Safe(off + 2);
            off += 4;
            if (type == 0xA1 && len != 0) {
                if (off + 4 > t.cap) {
                    return;
                }
                long id = (long) le16Safe(off) | (long) le16Safe(off + 2) << 16;
                label.append(", Connection ID: 0x").append(String.format("%08X", id));
            }
            off += len;
        }
    }

    /** dissect_cpf: the item count and each item, the data items' messages to CIP. */
    private void cpf(Enip.Key key, int cmd, Tree root, Tree csd, int offset, long iface, java.util.function.Consumer<String> protocols) {
        int count = le16(t, offset);
        Tree countItem = uint(csd, "enip.cpf.itemcount", "Item Count", offset, 2, count);
        offset += 2;
        int connid = 0;
        boolean connected = false;
        while (count-- > 0) {
            int remaining = t.rep - offset;
            if (remaining < 4) {
                countItem.expert("enip.malformed.cpf_item_minimum_size", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                        "CPF Item Minimum Size is 4, but Remaining Data Length is " + remaining);
                break;
            }
            int typeId = le16(t, offset);
            Tree typeItem = named(countItem, "enip.cpf.typeid", "Type ID", offset, 2, typeId, CipNames.name("enip.cpf.typeid", typeId));
            offset += 2;
            int itemLength = le16(t, offset);
            uint(typeItem, "enip.cpf.length", "Length", offset, 2, itemLength);
            offset += 2;
            if (itemLength > t.rep - offset) {
                typeItem.expert("enip.malformed.cpf_item_length_mismatch", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                        "CPF Item Length Mismatch: Item Length " + itemLength + ", Remaining Data Length: " + (t.rep - offset));
            }
            if (itemLength != 0) {
                connected = cpfItem(key, cmd, root, csd, typeItem, typeId, offset, itemLength, iface, connected, connid, protocols);
            }
            offset += itemLength;
        }
    }

    /*
     * cpf is cut in two (cpfItem): each label's string concatenation is a call site that C1
     * inlines whole, and the method in one piece took 12 MB to compile with C1, past the
     * launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** One CPF item's data, {@code itemLength} bytes at {@code offset}; returns whether the message is connected so far. */
    private boolean cpfItem(Enip.Key key, int cmd, Tree root, Tree csd, Tree typeItem, int typeId, int offset, int itemLength,
                            long iface, boolean connected, int connid, java.util.function.Consumer<String> protocols) {
        switch (typeId) {
            case 0xA1 -> {
                long id = le32(t, offset);
                hexField(typeItem, "enip.cpf.cai.connid", "Connection ID", offset, 4, id);
                t.at(typeItem.hidden("cip.connid", hex(id, 8)), offset, 4);
                connected = true;
                connid = 0; // no Forward Open seen: enip_get_explicit_connid finds no connection
                cols.append(", Connection: ID=0x" + String.format("%08X", id));
            }
            case 0xB2 -> {
                Enip.Req req = pairing.match(pdu, key.unconnected(), csd);
                Tvb next = sub(offset, itemLength);
                if (next.rep <= 0 || iface != 0) {
                    if (t.rep - offset > 0) {
                        data(root, next, protocols);
                    }
                } else {
                    new CipWalk(next, cols, req, this).cip(root, protocols);
                }
            }
            case 0xB1 -> {
                if (cmd == SEND_UNIT_DATA) {
                    int seq = le16(t, offset);
                    Enip.Req req = pairing.match(pdu, key.connected(connected ? connid : 0, seq), csd);
                    uint(typeItem, "cip.seq", "CIP Sequence Count", offset, 2, seq);
                    Tvb next = sub(offset + 2, itemLength - 2);
                    if (next.rep >= 2) {
                        new CipWalk(next, cols, req, this).cip(root, protocols);
                    }
                } else if (t.rep - offset > 0) {
                    data(root, sub(offset, itemLength), protocols); // CIP I/O is not dissected here
                }
            }
            case 0x0C -> listIdentity(typeItem, offset);
            case 0x100 -> listServices(typeItem, offset);
            case 0x8000, 0x8001 -> sockaddr(typeItem, offset);
            case 0x8002 -> {
                long id = le32(t, offset);
                hexField(typeItem, "enip.cpf.sai.connid", "Connection ID", offset, 4, id);
                t.at(typeItem.hidden("cip.connid", hex(id, 8)), offset, 4);
                long seq = le32(t, offset + 4);
                uint(typeItem, "enip.cpf.sai.seq", "Encapsulation Sequence Number", offset + 4, 4, seq);
                cols.clear();
                cols.append("Connection: ID=0x" + String.format("%08X", id) + ", SEQ=" + String.format("%010d", seq));
            }
            default -> bytes(typeItem, "enip.cpf.data", "Data", offset, itemLength);
        }
        return connected;
    }

    /** tvb_new_subset_length: {@code len} reported bytes from {@code off}, as many captured as there are. */
    Tvb sub(int off, int len) {
        return SubTvb.of(t, off, len);
    }

    /** packet-data.c on {@code d}. */
    static void data(Tree root, Tvb d, java.util.function.Consumer<String> protocols) {
        int n = Math.min(d.cap, d.rep);
        if (n <= 0) {
            return;
        }
        protocols.accept("data");
        Tree item = d.at(root.protocol("data", "Data (" + d.rep + (d.rep == 1 ? " byte)" : " bytes)")).dump(d.s, d.base, n), 0, n);
        d.at(item.bytes("data.data", "Data", d.s, d.base, n), 0, n);
        item.field("data.len", "Length: " + d.rep, Integer.toString(d.rep)).generated();
    }

    private void sockaddr(Tree p, int offset) {
        uint(p, "enip.sinfamily", "sin_family", offset, 2, t.u16(offset));
        uint(p, "enip.sinport", "sin_port", offset + 2, 2, t.u16(offset + 2));
        t.need(offset + 4, 4);
        String ip = t.u8(offset + 4) + "." + t.u8(offset + 5) + "." + t.u8(offset + 6) + "." + t.u8(offset + 7);
        t.at(p.field("enip.sinaddr", "sin_addr: " + ip, ip), offset + 4, 4);
        bytes(p, "enip.sinzero", "sin_zero", offset + 8, 8);
    }

    /** dissect_item_list_identity. */
    private void listIdentity(Tree p, int offset) {
        uint(p, "enip.encapver", "Encapsulation Protocol Version", offset, 2, le16(t, offset));
        Tree sa = t.at(p.text("Socket Address"), offset + 2, 16);
        sockaddr(sa, offset + 2);
        int vendor = le16(t, offset + 18);
        named(p, "enip.lir.vendor", "Vendor ID", offset + 18, 2, vendor, CipNames.name("enip.lir.vendor", vendor));
        int dev = le16(t, offset + 20);
        String dn = CipNames.name("enip.lir.devtype", dev);
        t.at(p.field("enip.lir.devtype", "Device Type: " + (dn == null ? "Unknown" : dn) + " (" + dev + ")", Integer.toString(dev)), offset + 20, 2);
        uint(p, "enip.lir.prodcode", "Product Code", offset + 22, 2, le16(t, offset + 22));
        int rev = t.u16(offset + 24);
        t.at(p.field("enip.lir.revision", "Revision: " + (rev >> 8) + "." + String.format("%02d", rev & 0xff), Integer.toString(rev)),
                offset + 24, 2);
        int st = le16(t, offset + 26);
        t.at(p.field("enip.lir.status", "Status: " + hex(st, 4), hex(st, 4)), offset + 26, 2);
        hexField(p, "enip.lir.serial", "Serial Number", offset + 28, 4, le32(t, offset + 28));
        int nameLen = t.u8(offset + 32);
        uint(p, "enip.lir.namelen", "Product Name Length", offset + 32, 1, nameLen);
        t.string(p, "enip.lir.name", "Product Name", offset + 33, nameLen);
        cols.append(", " + Text.format(t.s, t.base + offset + 33, nameLen));
        hexField(p, "enip.lir.state", "State", offset + 33 + nameLen, 1, t.u8(offset + 33 + nameLen));
    }

    /** dissect_item_list_services_response. */
    private void listServices(Tree p, int offset) {
        uint(p, "enip.encapver", "Encapsulation Protocol Version", offset, 2, le16(t, offset));
        int flags = le16(t, offset + 2);
        Tree f = hexField(p, "enip.lsr.capaflags", "Capability Flags", offset + 2, 2, flags);
        // proto_tree_add_bitmask appends the name of each flag that is set
        String h = hex(flags, 4);
        f.relabel("Capability Flags: " + h + ((flags & 0x20) != 0 ? ", Supports CIP Encapsulation via TCP" : "")
                + ((flags & 0x100) != 0 ? ", Supports CIP Class 0 or 1 via UDP" : ""));
        f.field("enip.lsr.capaflags.tcp", Text.bits(flags, 0x0020, 16) + " = Supports CIP Encapsulation via TCP: "
                + ((flags & 0x20) != 0 ? "True" : "False"), (flags & 0x20) != 0 ? "1" : "0").bitmask(0x20).at(t.s, t.base + offset + 2, 2);
        f.field("enip.lsr.capaflags.udp", Text.bits(flags, 0x0100, 16) + " = Supports CIP Class 0 or 1 via UDP: "
                + ((flags & 0x100) != 0 ? "True" : "False"), (flags & 0x100) != 0 ? "1" : "0").bitmask(0x100).at(t.s, t.base + offset + 2, 2);
        t.string(p, "enip.lsr.servicename", "Name of Service", offset + 4, 16);
        t.need(offset + 4, 16);
        int n = 0;
        while (n < 16 && t.u8(offset + 4 + n) != 0) {
            n++;
        }
        cols.append(", " + Text.format(t.s, t.base + offset + 4, n));
    }
}
