package dev.tcpscope.proto.enip;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import java.util.function.Consumer;

/**
 * A CIP message as packet-cip.c (Wireshark 4.0.17) dissects the explicit messages EtherNet/IP
 * carries (dissect_cip, dissect_cip_data): the service and its request/response bit, a request's
 * path (dissect_epath: logical, port, data, symbolic segments) or a response's status, then the
 * generic services (Multiple Service Packet with its embedded messages, attribute lists ...),
 * the PCCC object's Execute PCCC ({@code cippccc}) or the generic class dissector's data
 * ({@code cipcls}: "CIP Class Generic"). The classes whose dissectors tshark's profile leaves
 * disabled (Connection Manager, Modbus, Connection Configuration, the safety objects) get their
 * message shown as data, as call_dissector does for a disabled protocol.
 */
final class CipWalk {
    static final int NOT_SET = -1;
    /** epan/ftypes/ftypes.h (4.0): the types of the 16 and 32-bit registrations of a logical segment's field. */
    private static final int FT_UINT16 = 5, FT_UINT32 = 7;
    private static final int REQUEST_PATH = 1;

    /** The class dissectors of the "cip.class.iface" table. */
    enum Cls { NONE, PCCC, DISABLED }

    /** cip_req_info_t: what a request leaves for its response. */
    static final class CipReq {
        int service;
        Cls dissector = Cls.NONE;
        byte[] ioi;
        Path cia;
        /** mr_mult_req_info_t: the requests embedded in a Multiple Service Packet. */
        CipReq[] msp;
    }

    /** cip_simple_request_info_t. */
    static final class Path {
        long cls = NOT_SET, instance = NOT_SET, attribute = NOT_SET;
    }

    /** An item whose label grows as proto_item_append_text appends to it. */
    private static final class Label {
        final Tree item;
        final StringBuilder text;

        Label(Tree item, String text) {
            this.item = item;
            this.text = new StringBuilder(text);
        }

        void append(String s) {
            text.append(s);
            item.relabel(text.toString());
        }
    }

    private final Tvb top;
    private final Cols cols;
    private final Enip.Req enip;
    private final EnipWalk outer;
    private Consumer<String> protocols = x -> { };
    /**
     * Multiple Service Packets nested in one another; each level costs Java stack, so the nesting
     * is bounded (tshark stops at its tree depth of 500 when it builds a tree; 200 levels already
     * fill the Info column).
     */
    private int depth;
    static final int MAX_DEPTH = 200;

    CipWalk(Tvb top, Cols cols, Enip.Req enip, EnipWalk outer) {
        this.top = top;
        this.cols = cols;
        this.enip = enip;
        this.outer = outer;
    }

    private static int le16(Tvb t, int off) { return EnipWalk.le16(t, off); }

    private static long le32(Tvb t, int off) { return EnipWalk.le32(t, off); }

    private static String hex(long v, int digits) { return EnipWalk.hex(v, digits); }

    private static int remaining(Tvb t, int off) {
        return off > t.rep || off < 0 ? 0 : t.rep - off;
    }

    private static Tvb sub(Tvb t, int off, int len) {
        return SubTvb.of(t, off, len);
    }

    private static Tree bytes(Tvb t, Tree p, String key, String name, int off, int len) {
        t.need(off, len);
        return t.at(p.bytes(key, name, t.s, t.base + off, len), off, len);
    }

    private static String serviceName(int sc) {
        String n = CipNames.service(sc);
        return n != null ? n : String.format("Service (0x%02x)", sc);
    }

    /** add_cip_service_to_info_column: the service, then a fence. */
    private void serviceToInfo(String name) {
        cols.append(name);
        cols.fence();
    }

    /** dissect_cip: the Protocol column, the Info column cleared, then the message. */
    void cip(Tree root, Consumer<String> protocols) {
        this.protocols = protocols;
        protocols.accept("cip"); // the embedded messages of a Multiple Service Packet are no layer of their own
        outer.in = "CIP";
        cols.protocol("CIP");
        cols.clear();
        cols.sep(" | ", "");
        CipReq preq = null;
        if (enip != null) {
            if (enip.cip == null) {
                enip.cip = new CipReq();
            }
            preq = enip.cip;
        }
        data(root, top, preq, null);
    }

    /** dissect_cip_data: {@code msp} is the Multiple Service Packet item of an embedded message, else null. */
    private void data(Tree itemTree, Tvb t, CipReq preq, Label msp) {
        Tree cip = t.at(itemTree.protocol("cip", "Common Industrial Protocol"), 0, t.rep);
        int service = t.u8(0);
        int sc = service & 0x7f;
        boolean response = (service & 0x80) != 0;
        String name = CipNames.service(sc);
        Tree rrsc = t.at(cip.field("cip.service", "Service: " + (name != null ? name : String.format("Unknown Service (0x%02x)", sc))
                + " (" + (response ? "Response" : "Request") + ")", hex(service, 2)), 0, 1);
        rr(t, rrsc);
        t.at(rrsc.field("cip.sc", Text.bits(service, 0x7f, 8) + " = Service: " + (name != null ? name : "Unknown")
                + " (" + hex(sc, 2) + ")", hex(sc, 2)), 0, 1).bitmask(0x7f);
        if (response) {
            response(itemTree, t, cip, preq, msp, sc, name != null);
        } else {
            request(itemTree, t, cip, preq, msp, service, name != null);
        }
    }

    /*
     * data is cut in three (response, request): each label's string concatenation is a call site
     * that C1 inlines whole, and the method in one piece took 16 MB to compile with C1, past the
     * launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** A response's status and data; {@code named} when the service code has a name. */
    private void response(Tree itemTree, Tvb t, Tree cip, CipReq preq, Label msp, int sc, boolean named) {
        CipReq cur = preq;
        Tree st = t.at(cip.text("Status: "), 2, 1);
        int gen = t.u8(2);
        String gn = CipNames.genstat(gen);
        t.at(st.field("cip.genstat", "General Status: " + (CipNames.name("cip.genstat", gen) == null ? "Unknown" : gn)
                + " (" + hex(gen, 2) + ")", hex(gen, 2)), 2, 1);
        st.relabel("Status: " + gn + ": ");
        if (msp == null) {
            cols.append(gn + ": ");
        } else {
            msp.append(gn + ": ");
        }
        int add = t.u8(3);
        t.at(st.field("cip.addstat_size", "Additional Status Size: " + add + (add == 1 ? " word" : " words"), Integer.toString(add)), 3, 1);
        if (add != 0) {
            Tree as = t.at(st.text("Additional Status"), 4, add * 2);
            for (int i = 0; i < add; i++) {
                int v = le16(t, 4 + i * 2);
                t.at(as.field("cip.addstat", "Additional Status: " + hex(v, 4), hex(v, 4)), 4 + i * 2, 2);
            }
        }
        t.at(st, 2, 2 + add * 2);
        if (preq != null && !(preq.service == sc || (preq.service == 0x52 && preq.dissector == Cls.DISABLED && isCm(preq)))) {
            preq = null;
        }
        previousPath(t, preq, cip, msp, cur);
        if (preq != null && preq.dissector != Cls.NONE) {
            callClass(preq.dissector, t, itemTree);
        } else if (named) {
            genericResponse(t, cip, preq);
        } else {
            classGeneric(t, itemTree);
        }
    }

    /** A request's path and data; {@code named} when the service code has a name. */
    private void request(Tree itemTree, Tvb t, Tree cip, CipReq preq, Label msp, int service, boolean named) {
        CipReq cur = preq;
        int sc = service & 0x7f;
        int size = t.u8(1);
        t.at(cip.field("cip.request_path_size", "Request Path Size: " + size + (size == 1 ? " word" : " words"),
                Integer.toString(size)), 1, 1);
        Label ep = new Label(t.at(cip.text("Request Path: "), 2, size * 2), "Request Path: ");
        Path path = new Path();
        if (preq != null) {
            preq.cia = path;
        }
        epath(t, ep, 2, size * 2, false, path, msp, cur);
        Cls dissector = path.cls != NOT_SET ? classDissector(path.cls) : Cls.NONE;
        if (preq != null) {
            preq.dissector = dissector;
            preq.ioi = t.copy(2, size * 2);
            preq.service = service;
        }
        if (named && service == sc) {
            if (preq != null) {
                preq.dissector = Cls.NONE;
            }
            genericRequest(t, cip, path, preq);
        } else if (dissector != Cls.NONE) {
            callClass(dissector, t, itemTree);
        } else {
            classGeneric(t, itemTree);
        }
    }

    private static boolean isCm(CipReq preq) {
        return preq.cia != null && preq.cia.cls == 0x06;
    }

    private static void rr(Tvb t, Tree p) {
        int v = t.u8(0);
        int r = v >> 7;
        t.at(p.field("cip.rr", Text.bits(v, 0x80, 8) + " = Request/Response: " + (r == 0 ? "Request" : "Response")
                + " (0x" + r + ")", hex(r, 2)), 0, 1).bitmask(0x80);
    }

    /** The "cip.class.iface" table: PCCC's dissector, or one the profile disables. */
    private static Cls classDissector(long cls) {
        if (cls == 0x67) {
            return Cls.PCCC;
        }
        if (cls == 0x06 || cls == 0x44 || cls == 0xF3 || cls == 0x39 || cls == 0x3A) {
            return Cls.DISABLED;
        }
        return Cls.NONE;
    }

    private void callClass(Cls c, Tvb t, Tree itemTree) {
        switch (c) {
            case PCCC -> pccc(t, itemTree);
            case DISABLED -> EnipWalk.data(itemTree, t, protocols);
            case NONE -> classGeneric(t, itemTree);
        }
    }

    /** display_previous_request_path: the request's path, generated, in a response. */
    private void previousPath(Tvb t, CipReq preq, Tree cip, Label msp, CipReq cur) {
        if (preq == null || preq.ioi == null || preq.ioi.length == 0) {
            return;
        }
        int words = preq.ioi.length / 2;
        t.at(cip.field("cip.request_path_size", "Request Path Size: " + words + (words == 1 ? " word" : " words"),
                Integer.toString(words)).generated(), 0, 0);
        Label ep = new Label(t.at(cip.text("Request Path: ").generated(), 0, 0), "Request Path: ");
        java.lang.foreign.MemorySegment seg = java.lang.foreign.MemorySegment.ofArray(preq.ioi);
        Tvb ioi = new Tvb(seg, 0, preq.ioi.length, preq.ioi.length);
        Path path = new Path();
        preq.cia = path;
        // the generated segments have no place of their own: PDML shows them at the path's, their items at 0
        epath(ioi, ep, 0, preq.ioi.length, true, path, msp, cur);
    }

    // ---- EPATH (dissect_epath, dissect_cip_segment_single) ----------------------------------

    private void epath(Tvb t, Label ep, int offset, int length, boolean generate, Path req, Label msp, CipReq cur) {
        if (!generate) {
            bytes(t, ep.item, "cip.epath", "EPath", offset, length).hide();
        }
        int pos = 0;
        while (pos < length) {
            int n = segment(t, ep, offset + pos, generate, req, msp, cur);
            if (n == 0) {
                break;
            }
            pos += n;
            if (pos < length) {
                ep.append(", ");
            }
        }
    }

    private Tree gen(Tvb t, Tree item, boolean generate, int off, int len) {
        return generate ? item.generated() : t.at(item, off, len);
    }

    private int segment(Tvb t, Label ep, int offset, boolean generate, Path req, Label msp, CipReq cur) {
        if (remaining(t, offset) <= 0) {
            ep.item.expert("cip.malformed.incomplete_epath", Tree.Severity.WARNING, Tree.Group.MALFORMED, "Incomplete EPATH");
            return 0;
        }
        int type = t.u8(offset);
        Tree segItem = gen(t, ep.item.field("cip.path_segment", "Path Segment: " + hex(type, 2), hex(type, 2)), generate, offset, 1);
        Label seg = new Label(segItem, "Path Segment: " + hex(type, 2));
        Tree segTree = seg.item;
        String[] segNames = {"Port Segment", "Logical Segment", "Network Segment", "Symbolic Segment", "Data Segment",
            "Constructed Data Type", "Elementary Data Type", "Reserved"};
        gen(t, segTree.field("cip.path_segment.type", Text.bits(type, 0xE0, 8) + " = Path Segment Type: " + segNames[type >> 5]
                + " (" + (type >> 5) + ")", Integer.toString(type >> 5)), generate, offset, 1).bitmask(0xE0);
        switch (type & 0xE0) {
            case 0x00 -> {
                return port(t, offset, type, generate, seg, ep);
            }
            case 0x20 -> {
                return logicalSegment(t, ep, offset, type, generate, req, msp, cur, seg);
            }
            case 0x80 -> {
                return dataSegment(t, ep, offset, type, generate, msp, seg);
            }
            default -> {
                ep.item.expert("cip.unsupported.seg_type", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "Unsupported Segment Type");
                return 0;
            }
        }
    }

    /*
     * segment is cut in three (logicalSegment, dataSegment): each label's string concatenation is
     * a call site that C1 inlines whole, and the method in one piece took 13 MB to compile with C1,
     * past the launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** A logical segment (type 0x20): class, instance, member, attribute or connection point. */
    private int logicalSegment(Tvb t, Label ep, int offset, int type, boolean generate, Path req, Label msp, CipReq cur,
                               Label seg) {
        Tree segTree = seg.item;
        int lt = type & 0x1C;
        String[] ltNames = {"Class ID", "Instance ID", "Member ID", "Connection Point", "Attribute ID", "Special", "Service ID",
            "Extended Logical"};
        gen(t, segTree.field("cip.logical_segment.type", Text.bits(type, 0x1C, 8) + " = Logical Segment Type: "
                + ltNames[lt >> 2] + " (" + (lt >> 2) + ")", Integer.toString(lt >> 2)), generate, offset, 1).bitmask(0x1C);
        if (lt != 0x14 && lt != 0x18) {
            String[] fNames = {"8-bit Logical Segment", "16-bit Logical Segment", "32-bit Logical Segment", "Reserved"};
            gen(t, segTree.field("cip.logical_segment.format", Text.bits(type, 0x03, 8) + " = Logical Segment Format: "
                    + fNames[type & 3] + " (" + (type & 3) + ")", Integer.toString(type & 3)), generate, offset, 1).bitmask(0x03);
        }
        seg.append(" (" + CipNames.logicalSegment(type & 0x1F) + ")");
        return switch (lt) {
            case 0x00 -> {
                long[] v = new long[1];
                int n = cia(t, offset, type, generate, ep, segTree, "Class", true, v, "cip.class");
                if (n != 0) {
                    req.cls = v[0];
                    if (msp == null) {
                        classToInfo(v[0], cur);
                    } else {
                        String cn = CipNames.cipClass((int) v[0]);
                        msp.append((cn != null ? cn : String.format("Class (0x%02x)", v[0])) + " - ");
                    }
                }
                yield n;
            }
            case 0x04 -> {
                long[] v = new long[1];
                int n = cia(t, offset, type, generate, ep, segTree, "Instance", false, v, "cip.instance");
                if (n != 0) {
                    req.instance = v[0];
                }
                yield n;
            }
            case 0x08 -> cia(t, offset, type, generate, ep, segTree, "Member", false, new long[1], "cip.member");
            case 0x10 -> {
                long[] v = new long[1];
                int n = cia(t, offset, type, generate, ep, segTree, "Attribute", false, v, "cip.attribute", req);
                if (n != 0) {
                    req.attribute = v[0];
                }
                yield n;
            }
            case 0x0C -> cia(t, offset, type, generate, ep, segTree, "Connection Point", false, new long[1], "cip.connpoint");
            default -> {
                ep.item.expert("cip.unsupported.log_seg_type", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                        "Unsupported Logical Segment Type");
                yield 0;
            }
        };
    }

    /** A data segment (type 0x80): simple data or an ANSI extended symbol. */
    private int dataSegment(Tvb t, Label ep, int offset, int type, boolean generate, Label msp, Label seg) {
        Tree segTree = seg.item;
        int dt = type & 0x1F;
        String dn = dt == 0 ? "Simple Data Segment" : dt == 0x11 ? "ANSI Extended Symbol Segment" : "Reserved";
        gen(t, segTree.field("cip.data_segment.type", Text.bits(type, 0x1F, 8) + " = Data Segment Type: " + dn + " (" + dt + ")",
                Integer.toString(dt)), generate, offset, 1).bitmask(0x1F);
        seg.append(" (" + dn + ")");
        if (dt == 0) {
            int words = t.u8(offset + 1);
            gen(t, segTree.field("cip.data_segment.size", "Data Size: " + words + (words == 1 ? " word" : " words"), Integer.toString(words)),
                    generate, offset + 1, 1);
            if (!generate && words != 0) {
                bytes(t, segTree, "cip.data_segment.data", "Data", offset + 2, words * 2);
            }
            if (!generate) {
                t.at(segTree, offset, words * 2 + 2);
            }
            ep.append("[Data]");
            return words * 2 + 2;
        }
        if (dt == 0x11) {
            int n = t.u8(offset + 1);
            gen(t, segTree.field("cip.data_segment.size", "Data Size: " + n + (n == 1 ? " byte" : " bytes"), Integer.toString(n)),
                    generate, offset + 1, 1);
            if (n != 0) {
                t.need(offset + 2, n);
                String sym = Text.format(t.s, t.base + offset + 2, n);
                if (generate) {
                    gen(t, segTree.string("cip.symbol", "ANSI Symbol", Text.ascii(t.s, t.base + offset + 2, n)), true, 0, 0);
                } else {
                    t.string(segTree, "cip.symbol", "ANSI Symbol", offset + 2, n);
                }
                ep.append(sym);
                if (msp == null) {
                    cols.append("'" + sym + "' - ");
                } else {
                    msp.append("'" + sym + "' - ");
                }
            }
            int size = n % 2 == 1 ? n + 1 : n;
            if (!generate) {
                t.at(segTree, offset, 2 + size);
            }
            return 2 + size;
        }
        ep.item.expert("cip.unsupported.log_sub_seg_type", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                "Unsupported Sub-Segment Type");
        return 0;
    }

    /** dissect_segment_port: the port, its link address (a byte or a string), an extended port number. */
    private int port(Tvb t, int offset, int type, boolean generate, Label seg, Label ep) {
        Tree segTree = seg.item;
        boolean ext = (type & 0x10) != 0;
        int port = type & 0x0F;
        gen(t, segTree.field("cip.ex_linkaddress", Text.bits(type, 0x10, 8) + " = Extended Link Address: " + (ext ? "True" : "False"),
                ext ? "1" : "0"), generate, offset, 1).bitmask(0x10);
        String pn = port == 0 ? "Reserved" : port == 1 ? "Backplane" : null;
        gen(t, segTree.field("cip.port", Text.bits(type, 0x0F, 8) + " = Port: " + (pn != null ? pn : "Unknown") + " (" + port + ")",
                Integer.toString(port)), generate, offset, 1).bitmask(0x0F);
        boolean extendedPort = port == 0xF;
        seg.append(" (Port Segment)");
        ep.append("Port: " + (pn != null ? pn : Integer.toString(port)));
        int len;
        int extOff = 0;
        if (ext) {
            int linkOff = 2;
            if (extendedPort) {
                linkOff += 2;
                extOff = offset + 2;
            }
            int size = t.u8(offset + 1);
            gen(t, segTree.field("cip.linkaddress_size", "Link Address Size: " + size, Integer.toString(size)), generate, offset + 1, 1);
            t.need(offset + linkOff, size);
            String addr = Text.format(t.s, t.base + offset + linkOff, size);
            if (generate) {
                gen(t, segTree.string("cip.linkaddress.string", "Link Address", Text.ascii(t.s, t.base + offset + linkOff, size)), true, 0, 0);
            } else {
                t.string(segTree, "cip.linkaddress.string", "Link Address", offset + linkOff, size);
            }
            ep.append(", Address: " + addr);
            len = size % 2 == 1 ? 1 + linkOff + size : linkOff + size;
        } else {
            int linkOff = 1;
            len = 2;
            if (extendedPort) {
                len += 2;
                linkOff += 2;
                extOff = offset + 1;
            }
            int b = t.u8(offset + linkOff);
            gen(t, segTree.field("cip.linkaddress.byte", "Link Address: " + b, Integer.toString(b)), generate, offset + linkOff, 1);
            ep.append(", Address: " + b);
        }
        if (extendedPort) {
            int v = le16(t, extOff);
            gen(t, segTree.field("cip.port", "Port Extended: " + hex(v, 4), hex(v, 4)), generate, extOff, 2);
        }
        if (!generate) {
            t.at(segTree, offset, len);
        }
        return len;
    }

    /** add_cip_class_to_info_column for a request path (cip_enhanced_info_column on). */
    private void classToInfo(long cls, CipReq cur) {
        if (cur != null && ((cur.service == 0x52 && cls == 0x06) || (cur.service == 0x0A && cls == 0x02))) {
            return;
        }
        String cn = CipNames.cipClass((int) cls);
        cols.append((cn != null ? cn : String.format("Class (0x%02x)", cls)) + " - ");
    }

    /** dissect_cia: an 8, 16 or 32-bit logical value, its item and its part of the path's text. */
    private int cia(Tvb t, int offset, int type, boolean generate, Label ep, Tree segTree, String name, boolean classNames,
                    long[] value, String key) {
        return cia(t, offset, type, generate, ep, segTree, name, classNames, value, key, null);
    }

    private int cia(Tvb t, int offset, int type, boolean generate, Label ep, Tree segTree, String name, boolean classNames,
                    long[] value, String key, Path req) {
        int format = type & 3;
        int off, len, size;
        long v;
        switch (format) {
            case 0 -> {
                off = offset + 1;
                size = 1;
                v = t.u8(off);
                len = 2;
            }
            case 1 -> {
                off = offset + 2;
                size = 2;
                v = le16(t, off);
                len = 4;
            }
            case 2 -> {
                off = offset + 2;
                size = 4;
                v = le32(t, off);
                len = 6;
            }
            default -> {
                ep.item.expert("cip.unsupported.log_seg_format", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                        "Unsupported Logical Segment Format");
                return 0;
            }
        }
        String h = hex(v, size * 2);
        String label;
        boolean attribute = key.equals("cip.attribute");
        if (classNames) {
            String cn = CipNames.cipClass((int) v);
            label = name + ": " + (cn != null ? cn : "Unknown") + " (" + h + ")";
            ep.append(cn != null ? cn : name + ": " + String.format("0x%0" + size * 2 + "X", v));
        } else if (attribute) {
            String an = attributeName(req, v);
            label = name + ": " + v + (an != null ? " (" + an + ")" : "");
            ep.append(name + ": " + v + (an != null ? " (" + an + ")" : ""));
        } else {
            label = name + ": " + h;
            ep.append(name + ": " + String.format("0x%0" + size * 2 + "X", v));
        }
        Tree item = gen(t, segTree.field(key, label, attribute ? Long.toString(v) : h), generate, off, size);
        if (size > 1) {
            item.ftype(size == 2 ? FT_UINT16 : FT_UINT32); // hf_cip_class16, hf_cip_class32 ...
        }
        if (!generate) {
            t.at(segTree, offset, len);
        }
        value[0] = v;
        return len;
    }

    /** cip_get_attribute's name for the path's attribute (" (Product Name)"), or null. */
    private static String attributeName(Path req, long attribute) {
        if (req == null) {
            return null;
        }
        Attr a = Attr.find(req.cls, req.instance, attribute);
        return a == null ? null : a.name;
    }

    // ---- generic services (dissect_cip_generic_service_req / _rsp) -------------------------

    private void genericRequest(Tvb t, Tree cip, Path path, CipReq preq) {
        int service = t.u8(0) & 0x7f;
        String name = serviceName(service);
        serviceToInfo(name);
        int offset = t.u8(1) * 2 + 2;
        Label cmd = new Label(t.at(cip.text(name + " (Request)"), offset, 0), name + " (Request)");
        int parsed = 0;
        switch (service) {
            case 0x03 -> parsed = attributeList(t, cmd, offset, false);
            case 0x04 -> parsed = attributeList(t, cmd, offset, false);
            case 0x05 -> {
                if (remaining(t, offset) > 0) {
                    t.at(cmd.item.field("cip.reset.type", "Reset type: " + t.u8(offset), Integer.toString(t.u8(offset))), offset, 1);
                    parsed = 1;
                }
            }
            case 0x0A -> parsed = multipleServicePacket(t, cmd, offset, true, preq);
            case 0x10 -> {
                Attr a = Attr.find(path.cls, path.instance, path.attribute);
                if (a != null) {
                    parsed = a.show(t, cmd.item, offset, remaining(t, offset));
                }
            }
            case 0x11 -> {
                int v = t.u8(offset);
                t.at(cmd.item.field("cip.find_next_object.max_instance", "Maximum ID: " + v, Integer.toString(v)), offset, 1);
                parsed = 1;
            }
            default -> { }
        }
        rest(t, cmd, offset, parsed);
    }

    private void rest(Tvb t, Label cmd, int offset, int parsed) {
        int remain = remaining(t, offset + parsed);
        if (remain > 0) {
            bytes(t, cmd.item, "cip.data", "Data", offset + parsed, remain);
        }
        t.at(cmd.item, offset, parsed + remain);
    }

    private int attributeList(Tvb t, Label cmd, int offset, boolean response) {
        if (remaining(t, offset) < 2) {
            cmd.item.expert("cip.malformed.get_attribute_list", Tree.Severity.ERROR, Tree.Group.MALFORMED, "Malformed Get Attribute List service");
            return 0;
        }
        int count = le16(t, offset);
        t.at(cmd.item.field("cip.getlist.attr_count", "Attribute Count: " + count, Integer.toString(count)), offset, 2);
        Tree list = t.at(cmd.item.text("Attribute List"), offset + 2, count * 2);
        int o = offset + 2;
        for (int i = 0; i < count; i++) {
            int a = le16(t, o);
            t.at(list.field("cip.attribute", "Attribute: " + a, Integer.toString(a)), o, 2);
            o += 2;
            if (remaining(t, o) < 2 && i < count - 1) {
                break;
            }
        }
        return 2 + count * 2;
    }

    private void genericResponse(Tvb t, Tree cip, CipReq preq) {
        int gen = t.u8(2);
        int service = t.u8(0) & 0x7f;
        int add = t.u8(3) * 2;
        int offset = 4 + add;
        String name = serviceName(service);
        serviceToInfo(name);
        Label cmd = new Label(t.at(cip.text(name + " (Response)"), offset, 0), name + " (Response)");
        if (remaining(t, offset) == 0 && gen != 0x00 && gen != 0x0A && gen != 0x1E && gen != 0x1D) {
            return;
        }
        int parsed = 0;
        Path req = preq != null && preq.cia != null ? preq.cia : new Path();
        switch (service) {
            case 0x01 -> parsed = getAttributesAll(t, cmd, offset, req);
            case 0x0E -> {
                Attr a = Attr.find(req.cls, req.instance, req.attribute);
                if (a != null) {
                    cmd.append(" (" + a.name + ")");
                    parsed = a.show(t, cmd.item, offset, remaining(t, offset));
                }
            }
            case 0x08 -> {
                int v = le16(t, offset);
                t.at(cmd.item.field("cip.create.instance", "Instance: " + v, Integer.toString(v)), offset, 2);
                parsed = 2;
            }
            case 0x0A -> parsed = multipleServicePacket(t, cmd, offset, false, preq);
            default -> { }
        }
        rest(t, cmd, offset, parsed);
    }

    /** dissect_cip_get_attribute_all_rsp: the class's attributes in their Get Attributes All order. */
    private static int getAttributesAll(Tvb t, Label cmd, int offset, Path req) {
        int parsed = 0;
        for (Attr a : Attr.all(req.cls, req.instance)) {
            int remain = remaining(t, offset);
            if (remain <= 0) {
                break;
            }
            Tree item = t.at(cmd.item.field("cip.attribute", "Attribute: " + a.id + " (" + a.name + ")", Integer.toString(a.id)), offset, 0)
                    .ftype(FT_UINT16); // hf_cip_attribute16
            int n = a.show(t, item, offset, remain);
            t.at(item, offset, n);
            offset += n;
            parsed += n;
        }
        return parsed;
    }

    /**
     * attribute_info_t for the attributes tcpscope decodes: the common class attributes (instance
     * 0 of any class) and the Identity object's (class 1) simple ones; {@code gaa} is the order in
     * a Get Attributes All answer (-1: not in it). The TCP/IP Interface's and Ethernet Link's
     * rows are the two the corpus sets or asks for.
     */
    private record Attr(long cls, boolean classLevel, int id, int gaa, String name, String key, int kind) {
        static final int U16 = 0, U16_HEX = 1, VENDOR = 2, DEVTYPE = 3, U32_HEX = 4, SHORT_STRING = 5, U8_HEX = 6, REVISION = 7, U32 = 8;
        static final Attr[] TABLE = {
            new Attr(0x01, true, 1, 0, "Revision", "cip.class_revision", U16),
            new Attr(0x01, true, 2, 1, "Max Instance", "cip.max_instance", U16),
            new Attr(0x01, true, 3, -1, "Number of Instances", "cip.num_instance", U16),
            new Attr(0x01, true, 6, 2, "Maximum ID Number Class Attributes", "cip.num_class_attr", U16),
            new Attr(0x01, true, 7, 3, "Maximum ID Number Instance Attributes", "cip.num_inst_attr", U16),
            new Attr(0x01, false, 1, 0, "Vendor ID", "cip.id.vendor_id", VENDOR),
            new Attr(0x01, false, 2, 1, "Device Type", "cip.id.device_type", DEVTYPE),
            new Attr(0x01, false, 3, 2, "Product Code", "cip.id.product_code", U16),
            new Attr(0x01, false, 4, 3, "Revision", null, REVISION),
            new Attr(0x01, false, 6, -1, "Serial Number", "cip.id.serial_number", U32_HEX),
            new Attr(0x01, false, 7, -1, "Product Name", "cip.id.product_name", SHORT_STRING),
            new Attr(0x01, false, 8, -1, "State", "cip.id.state", U8_HEX),
            new Attr(0x01, false, 9, -1, "Configuration Consistency Value", "cip.id.config_value", U16_HEX),
            new Attr(0x01, false, 10, -1, "Heartbeat Interval", "cip.id.heartbeat", U8_HEX),
            new Attr(0xF5, false, 13, -1, "Encapsulation Inactivity Timeout", "cip.tcpip.encap_inactivity", U16),
            new Attr(0xF6, false, 1, -1, "Interface Speed", "cip.elink.interface_speed", U32),
        };
        static final Attr[] COMMON = {
            new Attr(0, true, 1, -1, "Revision", "cip.class_revision", U16),
            new Attr(0, true, 2, -1, "Max Instance", "cip.max_instance", U16),
            new Attr(0, true, 3, -1, "Number of Instances", "cip.num_instance", U16),
            new Attr(0, true, 6, -1, "Maximum ID Number Class Attributes", "cip.num_class_attr", U16),
            new Attr(0, true, 7, -1, "Maximum ID Number Instance Attributes", "cip.num_inst_attr", U16),
        };

        /** cip_get_attribute, for the attributes known here. */
        static Attr find(long cls, long instance, long attribute) {
            if (instance == NOT_SET) {
                return null;
            }
            for (Attr a : TABLE) {
                if (a.cls == cls && a.classLevel == (instance == 0) && a.id == attribute) {
                    return a;
                }
            }
            if (instance == 0) {
                for (Attr a : COMMON) {
                    if (a.id == attribute) {
                        return a;
                    }
                }
            }
            return null;
        }

        /** The attributes of a Get Attributes All answer, in order; none for a class not known here. */
        static java.util.List<Attr> all(long cls, long instance) {
            java.util.List<Attr> out = new java.util.ArrayList<>();
            if (instance == NOT_SET) {
                return out;
            }
            int last = -1;
            for (Attr a : TABLE) {
                if (a.cls == cls && a.classLevel == (instance == 0) && a.gaa > last) {
                    out.add(a);
                    last = a.gaa;
                }
            }
            // an instance's answer goes on with attributes this table does not decode: stop before them
            return out;
        }

        /** dissect_cip_attribute: the value's item under {@code p}; the bytes it took. */
        int show(Tvb t, Tree p, int off, int total) {
            switch (kind) {
                case U16 -> {
                    int v = le16(t, off);
                    t.at(p.field(key, name + ": " + v, Integer.toString(v)), off, 2);
                    return 2;
                }
                case U16_HEX -> {
                    int v = le16(t, off);
                    t.at(p.field(key, name + ": " + hex(v, 4), hex(v, 4)), off, 2);
                    return 2;
                }
                case VENDOR, DEVTYPE -> {
                    int v = le16(t, off);
                    String n = CipNames.name(kind == VENDOR ? "enip.lir.vendor" : "enip.lir.devtype", v);
                    t.at(p.field(key, name + ": " + (n != null ? n : "Unknown") + " (" + hex(v, 4) + ")", hex(v, 4)), off, 2);
                    return 2;
                }
                case U32_HEX -> {
                    long v = le32(t, off);
                    t.at(p.field(key, name + ": " + hex(v, 8), hex(v, 8)), off, 4);
                    return 4;
                }
                case U32 -> {
                    long v = le32(t, off);
                    t.at(p.field(key, name + ": " + v, Long.toString(v)), off, 4);
                    return 4;
                }
                case U8_HEX -> {
                    int v = t.u8(off);
                    t.at(p.field(key, name + ": " + hex(v, 2), hex(v, 2)), off, 1);
                    return 1;
                }
                case SHORT_STRING -> {
                    int n = t.u8(off);
                    if (total < n + 1) {
                        p.expert("cip.malformed.missing_string_data", Tree.Severity.WARNING, Tree.Group.MALFORMED, "Missing string data");
                        return total;
                    }
                    t.string(p, key, name, off + 1, n);
                    return n + 1;
                }
                default -> {
                    if (total < 2) {
                        p.expert("cip.malformed.id.revision", Tree.Severity.ERROR, Tree.Group.MALFORMED, "Malformed Identity revision");
                        return total;
                    }
                    t.at(p.field("cip.id.major_rev", "Major Revision: " + t.u8(off), Integer.toString(t.u8(off))), off, 1);
                    t.at(p.field("cip.id.minor_rev", "Minor Revision: " + t.u8(off + 1), Integer.toString(t.u8(off + 1))), off + 1, 1);
                    return 2;
                }
            }
        }
    }

    /** dissect_cip_multiple_service_packet. */
    private int multipleServicePacket(Tvb t, Label item, int offset, boolean request, CipReq cur) {
        if (remaining(t, offset) < 2) {
            item.item.expert("cip.malformed.msp.missing_services", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                    "Multiple Service Packet service missing Number of Services field");
            return 0;
        }
        int n = le16(t, offset);
        t.at(item.item.field("cip.msp.num_services", "Number of Services: " + n, Integer.toString(n)), offset, 2);
        if (n * 2 > remaining(t, offset + 2)) {
            item.item.expert("cip.malformed.msp.services", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                    "Multiple Service Packet service invalid Number of Services");
        }
        Tree list = t.at(item.item.text("Offset List"), offset + 2, n * 2);
        for (int i = 0; i < n; i++) {
            int v = le16(t, offset + 2 + i * 2);
            t.at(list.field("cip.msp.offset", "Offset: " + v, Integer.toString(v)), offset + 2 + i * 2, 2);
        }
        CipReq[] mult = null;
        if (cur != null) {
            if (cur.msp == null && request) {
                cur.msp = new CipReq[n];
                for (int i = 0; i < n; i++) {
                    cur.msp[i] = new CipReq();
                }
            }
            mult = cur.msp;
            if (mult != null && mult.length != n) {
                mult = null;
            }
        }
        cols.append(": ");
        int parsed = 2 + n * 2;
        int prev = 0;
        for (int i = 0; i < n; i++) {
            int so = le16(t, offset + 2 + i * 2);
            if (remaining(t, so) <= 0) {
                item.item.expert("cip.malformed.msp.inv_offset", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                        "Multiple Service Packet service invalid offset");
                continue;
            }
            int len = i == n - 1 ? remaining(t, offset) - so : le16(t, offset + 2 + (i + 1) * 2) - so;
            Label ms = new Label(t.at(item.item.text("Service Packet #" + (i + 1) + ": "), offset + so, Math.max(0, len)),
                    "Service Packet #" + (i + 1) + ": ");
            t.at(ms.item.field("cip.msp.offset", "Offset: " + so, Integer.toString(so)), offset + 2 + i * 2, 2);
            if (remaining(t, so) <= 0 || remaining(t, so + len) <= 0 || len <= 0 || prev >= so) {
                ms.item.expert("cip.malformed.msp.inv_offset", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                        "Multiple Service Packet service invalid offset");
                prev = so;
                continue;
            }
            prev = so;
            Tvb next = sub(t, offset + so, len);
            if (++depth > MAX_DEPTH) {
                // packets nested this deep are an attack on the stack, not CIP: stop as on a bad read
                throw Tvb.Stop.MALFORMED;
            }
            try {
                data(ms.item, next, mult != null ? mult[i] : null, ms);
            } finally {
                depth--;
            }
            ms.append(serviceName(next.u8(0) & 0x7f));
            if (i != n - 1) {
                cols.append(", ");
            }
            parsed += len;
        }
        return parsed;
    }

    // ---- class dissectors ------------------------------------------------------------------

    /** dissect_cip_class_generic: "CIP Class Generic", the command specific data. */
    private void classGeneric(Tvb t, Tree itemTree) {
        protocols.accept("cipcls");
        Tree cls = t.at(itemTree.protocol("cipcls", "CIP Class Generic"), 0, t.rep);
        int service = t.u8(0);
        int len, off;
        if ((service & 0x80) != 0) {
            int add = t.u8(3) * 2;
            len = t.rep - 4 - add;
            off = 4 + add;
        } else {
            int size = t.u8(1) * 2;
            len = t.rep - size - 2;
            off = 2 + size;
        }
        if (len > 0) {
            Tree cmd = t.at(cls.text("Command Specific Data"), off, len);
            bytes(t, cmd, "cip.data", "Data", off, len);
        } else {
            cls.hide();
        }
        serviceToInfo(serviceName(service & 0x7f));
    }

    /** dissect_cip_pccc_data: the PCCC object (class 0x67). */
    private void pccc(Tvb t, Tree itemTree) {
        outer.in = "CIPPCCC";
        cols.protocol("CIP PCCC");
        protocols.accept("cippccc");
        Tree item = t.at(itemTree.protocol("cippccc", "CIP PCCC Object"), 0, t.rep);
        int service = t.u8(0);
        boolean response = (service & 0x80) != 0;
        pcccService(t, item, service);
        int pathSize = response ? 2 + t.u8(2) * 2 : t.u8(1) * 2;
        int idOff = pathSize + 2;
        int idSize = t.u8(idOff);
        int cmdOff = idOff + idSize;
        int length = t.rep;
        pcccRequestor(t, item, idOff, idSize);
        if (response) {
            pcccResponse(t, item, cmdOff, length - pathSize - 2 - idSize);
            return;
        }
        if (length - pathSize - 2 == 0) {
            return;
        }
        pcccCommand(t, item, cmdOff, length, pathSize, idSize);
    }

    /*
     * pccc is cut in five (pcccService, pcccRequestor, pcccResponse, pcccCommand, pcccFunctionData):
     * each label's string concatenation is a call site that C1 inlines whole, and the method in
     * one piece took 19 MB to compile with C1, past the launcher's 10 MB cap (MemLimit), so it ran
     * interpreted.
     */

    /** The PCCC object's service byte, its item and the Info column. */
    private void pcccService(Tvb t, Tree item, int service) {
        int sc = service & 0x7f;
        boolean response = (service & 0x80) != 0;
        String name = sc == 0x4B ? "Execute PCCC" : CipNames.service(sc);
        Tree rrsc = t.at(item.text("Service: "), 0, 1);
        rr(t, rrsc);
        rrsc.relabel("Service: " + (name != null ? name : String.format("Unknown Service (0x%02x)", sc)) + " ("
                + (response ? "Response" : "Request") + ")");
        t.at(rrsc.field("cip.pccc.sc", Text.bits(service, 0x7f, 8) + " = Service: " + (name != null ? name : "Unknown")
                + " (" + hex(sc, 2) + ")", hex(sc, 2)), 0, 1).bitmask(0x7f);
        serviceToInfo(name != null ? name : String.format("Service (0x%02x)", sc));
    }

    private static void pcccRequestor(Tvb t, Tree item, int idOff, int idSize) {
        Tree id = t.at(item.text("Requestor ID"), idOff, idSize);
        t.at(id.field("cip.pccc.req.id.len", "Requestor ID Length: " + hex(idSize, 2), hex(idSize, 2)), idOff, 1);
        int vendor = le16(t, idOff + 1);
        t.at(id.field("cip.pccc.cip.vend.id", "CIP Vendor ID: " + hex(vendor, 4), hex(vendor, 4)), idOff + 1, 2);
        long serial = le32(t, idOff + 3);
        t.at(id.field("cip.pccc.cip.serial.num", "CIP Serial Number: " + hex(serial, 8), hex(serial, 8)), idOff + 3, 4);
    }

    /** The response data: {@code size} bytes at {@code cmdOff}. */
    private static void pcccResponse(Tvb t, Tree item, int cmdOff, int size) {
        Tree data = t.at(item.text("PCCC Response Data"), cmdOff, size);
        int code = t.u8(cmdOff);
        t.at(data.field("cip.pccc.resp.code", "Response Code: " + hex(code, 2), hex(code, 2)), cmdOff, 1);
        int sts = status(t, data, cmdOff + 1);
        int tns = le16(t, cmdOff + 2);
        t.at(data.field("cip.pccc.tns.code", "Transaction Code: " + hex(tns, 4), hex(tns, 4)), cmdOff + 2, 2);
        if (sts == 0xF0) {
            int es = t.u8(cmdOff + 4);
            t.at(data.field("cip.pccc.es.status", "Extended Status: " + named("cip.pccc.es.status", es) + " (" + hex(es, 2) + ")",
                    hex(es, 2)), cmdOff + 4, 1);
        } else if (size - 4 != 0) {
            int n = size - 4;
            Tree fd = t.at(data.text("Function Specific Response Data"), cmdOff + 4, n);
            bytes(t, fd, "cip.pccc.data", "Data", cmdOff + 4, n);
        }
    }

    /** The command data at {@code cmdOff}: code, status, transaction, function and its data. */
    private void pcccCommand(Tvb t, Tree item, int cmdOff, int length, int pathSize, int idSize) {
        Tree data = t.at(item.text("PCCC Command Data"), cmdOff, length - pathSize - 2 - idSize);
        int cmd = t.u8(cmdOff);
        t.at(data.field("cip.pccc.cmd.code", "Command Code: " + hex(cmd, 2), hex(cmd, 2)), cmdOff, 1);
        status(t, data, cmdOff + 1);
        int tns = le16(t, cmdOff + 2);
        t.at(data.field("cip.pccc.tns.code", "Transaction Code: " + hex(tns, 4), hex(tns, 4)), cmdOff + 2, 2);
        int fnc = 0;
        String table = switch (cmd) {
            case 0x06 -> "cip.pccc.fnc.code_06";
            case 0x07 -> "cip.pccc.fnc.code_07";
            case 0x0F -> "cip.pccc.fnc.code_0f";
            default -> null;
        };
        if (table != null) {
            fnc = t.u8(cmdOff + 4);
            String fn = CipNames.name(table, fnc);
            t.at(data.field(table, "Function Code: " + (fn != null ? fn : "Unknown") + " (" + hex(fnc, 2) + ")", hex(fnc, 2)), cmdOff + 4, 1);
            cols.append(" - " + (fn != null ? fn : String.format("Function (0x%02x)", fnc)));
            cols.fence();
        }
        if (length - pathSize - 2 - idSize - 5 != 0) {
            Tree fd = t.at(data.text("Function Specific Data"), cmdOff + 5, length - pathSize - idSize - 7);
            pcccFunctionData(t, fd, cmd, fnc, cmdOff, length);
        }
    }

    /** The function specific data under {@code fd}, for command {@code cmd} and function {@code fnc}. */
    private static void pcccFunctionData(Tvb t, Tree fd, int cmd, int fnc, int cmdOff, int length) {
        if (cmd == 0x0F) {
            switch (fnc) {
                case 0x80 -> {
                    int m = t.u8(cmdOff + 5);
                    t.at(fd.field("cip.pccc.cpu.mode_80", "CPU Mode: " + named("cip.pccc.cpu.mode_80", m) + " (" + hex(m, 2) + ")",
                            hex(m, 2)), cmdOff + 5, 1);
                }
                case 0xA2, 0xAA -> {
                    hexItem(t, fd, "cip.pccc.byte.size", "Byte Size", cmdOff + 5);
                    hexItem(t, fd, "cip.pccc.file.num", "File Number", cmdOff + 6);
                    int ft = t.u8(cmdOff + 7);
                    t.at(fd.field("cip.pccc.file.type", "File Type: " + named("cip.pccc.file.type", ft) + " (" + hex(ft, 2) + ")",
                            hex(ft, 2)), cmdOff + 7, 1);
                    hexItem(t, fd, "cip.pccc.element.num", "Element Number", cmdOff + 8);
                    hexItem(t, fd, "cip.pccc.subelement.num", "Sub-Element Number", cmdOff + 9);
                    if (fnc == 0xAA) {
                        bytes(t, fd, "cip.pccc.data", "Data", cmdOff + 10, t.u8(cmdOff + 5));
                    }
                }
                default -> bytes(t, fd, "cip.pccc.data", "Data", cmdOff + 5, length - cmdOff - 5);
            }
        } else {
            bytes(t, fd, "cip.pccc.data", "Data", cmdOff + 5, 1);
        }
    }

    private static String named(String table, int v) {
        String n = CipNames.name(table, v);
        return n != null ? n : "Unknown";
    }

    private static void hexItem(Tvb t, Tree p, String key, String name, int off) {
        int v = t.u8(off);
        t.at(p.field(key, name + ": " + hex(v, 2), hex(v, 2)), off, 1);
    }

    private static int status(Tvb t, Tree p, int off) {
        int sts = t.u8(off);
        t.at(p.field("cip.pccc.gs.status", "Status: " + named("cip.pccc.gs.status", sts) + " (" + hex(sts, 2) + ")", hex(sts, 2)), off, 1);
        return sts;
    }
}
