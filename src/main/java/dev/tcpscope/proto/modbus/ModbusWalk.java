package dev.tcpscope.proto.modbus;

import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;

/**
 * The detail tree of one ADU as packet-mbtcp.c (Wireshark 4.0.17) builds it: the MBAP header
 * under "Modbus/TCP" (dissect_mbtcp_pdu_common), then the PDU under "Modbus" (dissect_modbus,
 * dissect_modbus_request / _response, dissect_modbus_data) with the default register format
 * (UINT16). Offsets are the ADU's; the PDU starts at {@link #PDU}. A read past the bytes stops the
 * walk ({@link Adu.Stop}) where Wireshark throws.
 */
final class ModbusWalk {
    static final int PDU = 7;
    private final Adu a;
    /** The ADU's captured and reported ends. */
    private final int capEnd, repEnd;

    ModbusWalk(Adu a) {
        this.a = a;
        this.repEnd = a.rep;
        this.capEnd = Math.min(a.cap, a.rep);
    }

    /** Builds the ADU's items under {@code root} (Tree.NOTHING: only how it ends); how the walk ended. */
    LayerTree.End walk(Tree root, java.util.function.Consumer<String> protocols) {
        try {
            mbtcp(root, protocols);
            return LayerTree.End.OK;
        } catch (Adu.Stop stop) {
            return stop.end;
        }
    }

    private int u8(int off) { return a.u8(off, capEnd, repEnd); }

    private int u16(int off) { return a.u16(off, capEnd, repEnd); }

    private Tree at(Tree t, int off, int len) {
        return t.at(a.s, a.base + off, Math.max(0, Math.min(len, capEnd - off)));
    }

    private void mbtcp(Tree root, java.util.function.Consumer<String> protocols) {
        int trans = u16(0);
        int proto = u16(2);
        int len = u16(4);
        int unit = u8(6);
        u8(7);
        if ((u8(7) & 0x80) != 0) {
            u8(8);
        }
        int fc = u8(7) & 0x7f;
        boolean exception = (u8(7) & 0x80) != 0 && u8(8) != 0;
        if (fc == 43 && !exception) {
            u8(8);
        } else if (fc == 8 && !exception) {
            u16(8);
        }
        protocols.accept("mbtcp");
        Tree mi = at(root.protocol("mbtcp", "Modbus/TCP"), 0, len + 6);
        if (a.type == Adu.UNKNOWN) {
            mi.expert("mbtcp.cannot_classify", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                    "Cannot classify packet type. Try setting Modbus/TCP Port preference to this destination or source port");
        }
        uint(mi, "mbtcp.trans_id", "Transaction Identifier", 0, 2, trans);
        uint(mi, "mbtcp.prot_id", "Protocol Identifier", 2, 2, proto);
        uint(mi, "mbtcp.len", "Length", 4, 2, len);
        uint(mi, "mbtcp.unit_id", "Unit Identifier", 6, 1, unit);
        // tvb_new_subset_length(tvb, 7, len - 1): the PDU's tvb ends where the ADU does
        int pduLen = Math.max(0, capEnd - PDU);
        if (pduLen == 0) {
            return; // dissect_modbus: nothing captured, nothing shown
        }
        modbus(root, protocols, pduLen);
    }

    private Tree uint(Tree t, String key, String name, int off, int len, long v) {
        return at(t.field(key, name + ": " + v, Long.toString(v)), off, len);
    }

    private Tree hex(Tree t, String key, String name, int off, int len, int v, int digits) {
        String h = "0x" + String.format("%0" + digits + "x", v);
        return at(t.field(key, name + ": " + h, h), off, len);
    }

    private Tree named(Tree t, String key, String name, int off, int len, int v, String vname) {
        return at(t.field(key, name + ": " + ModbusNames.named(vname, Integer.toString(v)), Integer.toString(v)), off, len);
    }

    private void modbus(Tree root, java.util.function.Consumer<String> protocols, int pduLen) {
        protocols.accept("modbus");
        a.inPdu = true;
        int raw = u8(PDU);
        int fc = raw & 0x7f;
        // the item's text is set after the exception code is read; read it first when it is there,
        // so that the label is known when the item is added (-T fields prints it)
        boolean haveCode = (raw & 0x80) != 0 && capEnd > PDU + 1;
        int code = haveCode ? u8(PDU + 1) : 0;
        String en = ModbusNames.exception(code);
        String fn = ModbusNames.function(fc);
        String label = code == 0 ? "Modbus" : "Function " + fc + ":  " + (fn == null ? "Unknown Function" : fn)
                + ".  Exception: " + (en == null ? "Unknown Exception Code (" + code + ")" : en);
        Tree mt = at(root.protocol("modbus", label), PDU, pduLen);
        at(mt.field("modbus.func_code", Text.bits(raw, 0x7f, 8) + " = Function Code: "
                + ModbusNames.named(fn, Integer.toString(fc)), Integer.toString(fc)), PDU, 1).bitmask(0x7f);
        int exception = (raw & 0x80) != 0 ? u8(PDU + 1) : 0;
        int start = PDU + 1;
        int payloadLen = pduLen - 1;
        if (exception != 0) {
            named(mt, "modbus.exception_code", "Exception Code", start, 1, exception, en);
        } else if (a.type == Adu.QUERY) {
            new ModbusBody(a, this, capEnd, repEnd).request(mt, fc, start, payloadLen);
        } else if (a.type == Adu.RESPONSE) {
            new ModbusBody(a, this, capEnd, repEnd).response(mt, fc, start, payloadLen);
        }
    }

    // shared with ModbusBody
    Tree uintAt(Tree t, String key, String name, int off, int len, long v) { return uint(t, key, name, off, len, v); }

    Tree hexAt(Tree t, String key, String name, int off, int len, int v, int digits) { return hex(t, key, name, off, len, v, digits); }

    Tree namedAt(Tree t, String key, String name, int off, int len, int v, String vname) { return named(t, key, name, off, len, v, vname); }

    Tree place(Tree t, int off, int len) { return at(t, off, len); }
}
