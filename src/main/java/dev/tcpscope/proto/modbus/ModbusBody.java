package dev.tcpscope.proto.modbus;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;

/**
 * The PDU after its function code, as dissect_modbus_request, dissect_modbus_response and
 * dissect_modbus_data (packet-mbtcp.c, Wireshark 4.0.17) show it. Offsets are the ADU's.
 */
final class ModbusBody {
    private final Adu a;
    private final ModbusWalk w;
    private final int capEnd, repEnd;

    ModbusBody(Adu a, ModbusWalk w, int capEnd, int repEnd) {
        this.a = a;
        this.w = w;
        this.capEnd = capEnd;
        this.repEnd = repEnd;
    }

    private int u8(int off) { return a.u8(off, capEnd, repEnd); }

    private int u16(int off) { return a.u16(off, capEnd, repEnd); }

    private void uint16(Tree t, String key, String name, int off) {
        w.uintAt(t, key, name, off, 2, u16(off));
    }

    private void bytes(Tree t, String key, String name, int off, int len) {
        a.need(off, len, capEnd, repEnd);
        Tree b = w.place(t.bytes(key, name, a.s, a.base + off, len), off, len);
        if (len == 0) {
            b.relabel(name + ": <MISSING>"); // proto_tree_add_item of no bytes
        }
    }

    void request(Tree t, int fc, int start, int len) {
        switch (fc) {
            case 1, 2 -> {
                uint16(t, "modbus.reference_num", "Reference Number", start);
                uint16(t, "modbus.bit_cnt", "Bit Count", start + 2);
            }
            case 3, 4 -> {
                uint16(t, "modbus.reference_num", "Reference Number", start);
                uint16(t, "modbus.word_cnt", "Word Count", start + 2);
            }
            case 5 -> {
                uint16(t, "modbus.reference_num", "Reference Number", start);
                data(t, fc, start + 2, 1, 0, 0);
                w.hexAt(t, "modbus.padding", "Padding", start + 3, 1, u8(start + 3), 2);
            }
            case 6 -> {
                uint16(t, "modbus.reference_num", "Reference Number", start);
                data(t, fc, start + 2, 2, 0, 0);
            }
            case 7 -> { }
            case 8 -> {
                int code = u16(start);
                w.namedAt(t, "modbus.diagnostic_code", "Diagnostic Code", start, 2, code, ModbusNames.diagnostic(code));
                switch (code) {
                    case 0 -> {
                        if (len > 2) {
                            bytes(t, "modbus.diagnostic.return_query_data.request", "Request Data", start + 2, len - 2);
                        }
                    }
                    case 1 -> restart(t, start + 2);
                    case 3 -> w.hexAt(t, "modbus.diagnostic.ascii_input_delimiter", "CHAR", start + 2, 1, u8(start + 2), 2);
                    default -> {
                        if (len > 2) {
                            data(t, fc, start + 2, len - 2, 0, 0);
                        }
                    }
                }
            }
            case 15 -> {
                uint16(t, "modbus.reference_num", "Reference Number", start);
                uint16(t, "modbus.bit_cnt", "Bit Count", start + 2);
                int n = u8(start + 4);
                w.uintAt(t, "modbus.byte_cnt", "Byte Count", start + 4, 1, n);
                data(t, fc, start + 5, n, 0, 0);
            }
            case 16 -> {
                int base = u16(start);
                uint16(t, "modbus.reference_num", "Reference Number", start);
                uint16(t, "modbus.word_cnt", "Word Count", start + 2);
                int n = u8(start + 4);
                w.uintAt(t, "modbus.byte_cnt", "Byte Count", start + 4, 1, n);
                data(t, fc, start + 5, n, base, 0);
            }
            case 20 -> {
                int n = u8(start);
                w.uintAt(t, "modbus.byte_cnt", "Byte Count", start, 1, n);
                int g = start + 1;
                for (int i = 0; i < n / 7; i++) {
                    Tree gt = w.place(t.text("Group " + i), g, 7);
                    w.uintAt(gt, "modbus.reference_type", "Reference Type", g, 1, u8(g));
                    w.uintAt(gt, "modbus.reference_num_32", "Reference Number (32 bit)", g + 1, 4, a.u32(g + 1, capEnd, repEnd));
                    uint16(gt, "modbus.word_cnt", "Word Count", g + 5);
                    g += 7;
                }
            }
            case 21 -> fileGroups(t, fc, start, 0);
            case 22 -> {
                uint16(t, "modbus.reference_num", "Reference Number", start);
                w.hexAt(t, "modbus.and_mask", "AND mask", start + 2, 2, u16(start + 2), 4);
                w.hexAt(t, "modbus.or_mask", "OR mask", start + 4, 2, u16(start + 4), 4);
            }
            case 23 -> {
                uint16(t, "modbus.read_reference_num", "Read Reference Number", start);
                uint16(t, "modbus.read_word_cnt", "Read Word Count", start + 2);
                uint16(t, "modbus.write_reference_num", "Write Reference Number", start + 4);
                uint16(t, "modbus.write_word_cnt", "Write Word Count", start + 6);
                int n = u8(start + 8);
                w.uintAt(t, "modbus.byte_cnt", "Byte Count", start + 8, 1, n);
                data(t, fc, start + 9, n, 0, 0);
            }
            case 24 -> uint16(t, "modbus.reference_num", "Reference Number", start);
            case 43 -> {
                int mei = u8(start);
                w.namedAt(t, "modbus.mei", "MEI type", start, 1, mei, ModbusNames.mei(mei));
                if (mei == 14) {
                    int id = u8(start + 1);
                    w.namedAt(t, "modbus.read_device_id", "Read Device ID", start + 1, 1, id, ModbusNames.readDeviceId(id));
                    int obj = u8(start + 2);
                    w.namedAt(t, "modbus.object_id", "Object ID", start + 2, 1, obj, ModbusNames.objectId(obj));
                } else if (len > 1) {
                    data(t, fc, start, len - 1, 0, 0);
                }
            }
            default -> {
                if (len > 0) {
                    data(t, fc, start, len, 0, 0);
                }
            }
        }
    }

    private void restart(Tree t, int off) {
        int v = u16(off);
        String n = ModbusNames.restartOption(v);
        String h = String.format("0x%04x", v);
        w.place(t.field("modbus.diagnostic.restart_communication_option", "Restart Communication Option: "
                + (n == null ? "Unknown" : n) + " (" + h + ")", h), off, 2);
    }

    /** The groups of a Write File Record request or response. */
    private void fileGroups(Tree t, int fc, int start, int regBase) {
        int n = u8(start);
        w.uintAt(t, "modbus.byte_cnt", "Byte Count", start, 1, n);
        int g = start + 1;
        int i = 0;
        while (n > 0) {
            int words = u16(g + 5);
            int size = 2 * words + 7;
            Tree gt = w.place(t.text("Group " + i), g, size);
            w.uintAt(gt, "modbus.reference_type", "Reference Type", g, 1, u8(g));
            w.uintAt(gt, "modbus.reference_num_32", "Reference Number (32 bit)", g + 1, 4, a.u32(g + 1, capEnd, repEnd));
            w.uintAt(gt, "modbus.word_cnt", "Word Count", g + 5, 2, words);
            data(gt, fc, g + 7, size - 7, regBase, 0);
            g += size;
            n -= size;
            i++;
        }
    }

    void response(Tree t, int fc, int start, int len) {
        int numReg = a.numReg;
        if (a.requestFound) {
            w.place(t.field("modbus.request_frame", "Request Frame: " + a.requestFrame, Integer.toString(a.requestFrame)).generated(), ModbusWalk.PDU, 0);
            String d = seconds(a.delta);
            w.place(t.field("modbus.response_time", "Time from request: " + d + " seconds", d).generated(), ModbusWalk.PDU, 0);
        }
        switch (fc) {
            case 1, 2 -> {
                int n = u8(start);
                w.uintAt(t, "modbus.byte_cnt", "Byte Count", start, 1, n);
                if (!a.requestFound) {
                    numReg = n * 8;
                }
                data(t, fc, start + 1, n, a.regBase, numReg);
            }
            case 3, 4, 23 -> {
                int n = u8(start);
                w.uintAt(t, "modbus.byte_cnt", "Byte Count", start, 1, n);
                data(t, fc, start + 1, n, a.regBase, 0);
            }
            case 5 -> {
                uint16(t, "modbus.reference_num", "Reference Number", start);
                data(t, fc, start + 2, 1, a.regBase, 0);
                w.hexAt(t, "modbus.padding", "Padding", start + 3, 1, u8(start + 3), 2);
            }
            case 6 -> {
                uint16(t, "modbus.reference_num", "Reference Number", start);
                data(t, fc, start + 2, 2, a.regBase, 0);
            }
            case 7 -> data(t, fc, start, 1, a.regBase, 0);
            case 8 -> diagnosticResponse(t, fc, start, len);
            case 11 -> {
                w.hexAt(t, "modbus.ev_status", "Status", start, 2, u16(start), 4);
                uint16(t, "modbus.ev_count", "Event Count", start + 2);
            }
            case 12 -> eventLog(t, start);
            case 15 -> {
                uint16(t, "modbus.reference_num", "Reference Number", start);
                uint16(t, "modbus.bit_cnt", "Bit Count", start + 2);
            }
            case 16 -> {
                uint16(t, "modbus.reference_num", "Reference Number", start);
                uint16(t, "modbus.word_cnt", "Word Count", start + 2);
            }
            case 20 -> {
                int n = u8(start);
                w.uintAt(t, "modbus.byte_cnt", "Byte Count", start, 1, n);
                int g = start + 1;
                int i = 0;
                while (n > 0) {
                    int gn = u8(g);
                    Tree gt = w.place(t.text("Group " + i), g, gn + 1);
                    w.uintAt(gt, "modbus.byte_cnt", "Byte Count", g, 1, gn);
                    w.uintAt(gt, "modbus.reference_type", "Reference Type", g + 1, 1, u8(g + 1));
                    data(gt, fc, g + 2, gn - 1, a.regBase, 0);
                    g += gn + 1;
                    n -= gn + 1;
                    i++;
                }
            }
            case 21 -> fileGroups(t, fc, start, a.regBase);
            case 22 -> {
                uint16(t, "modbus.reference_num", "Reference Number", start);
                w.hexAt(t, "modbus.and_mask", "AND mask", start + 2, 2, u16(start + 2), 4);
                w.hexAt(t, "modbus.or_mask", "OR mask", start + 4, 2, u16(start + 4), 4);
            }
            case 24 -> {
                int n = u16(start);
                w.uintAt(t, "modbus.byte_cnt_16", "Byte Count (16-bit)", start, 2, n & 0xff);
                uint16(t, "modbus.word_cnt", "Word Count", start + 2);
                data(t, fc, start + 4, n - 2, a.regBase, 0);
            }
            case 43 -> {
                int mei = u8(start);
                w.namedAt(t, "modbus.mei", "MEI type", start, 1, mei, ModbusNames.mei(mei));
                if (mei == 14) {
                    deviceId(t, start, len);
                } else if (len > 1) {
                    data(t, fc, start, len - 1, a.regBase, 0);
                }
            }
            default -> {
                if (len > 0) {
                    data(t, fc, start, len, a.regBase, 0);
                }
            }
        }
    }

    private static final String[] DIAG_KEYS = {
        "modbus.diagnostic.clear_ctr_diag_reg", "modbus.diagnostic.bus_message_count", "modbus.diagnostic.bus_comm_error_count",
        "modbus.diagnostic.bus_exception_error_count", "modbus.diagnostic.slave_message_count",
        "modbus.diagnostic.no_slave_response_count", "modbus.diagnostic.slave_nak_count",
        "modbus.diagnostic.slave_busy_count", "modbus.diagnostic.bus_char_overrun_count"};
    private static final String[] DIAG_NAMES = {
        "Clear Counters & Diag Register Echo", "Total Message Count", "CRC Error Count", "Exception Error Count",
        "Slave Message Count", "Slave No Response Count", "Slave NAK Count", "Slave Device Busy Count",
        "Slave Character Overrun Count"};

    private void diagnosticResponse(Tree t, int fc, int start, int len) {
        int code = u16(start);
        w.namedAt(t, "modbus.diagnostic_code", "Diagnostic Code", start, 2, code, ModbusNames.diagnostic(code));
        switch (code) {
            case 0 -> {
                if (len > 2) {
                    bytes(t, "modbus.diagnostic.return_query_data.echo", "Echo Data", start + 2, len - 2);
                }
            }
            case 1 -> restart(t, start + 2);
            case 2 -> w.hexAt(t, "modbus.diagnostic.return_diag_register", "Diagnostic Register Contents", start + 2, 2, u16(start + 2), 4);
            case 3 -> w.hexAt(t, "modbus.diagnostic.ascii_input_delimiter", "CHAR", start + 2, 1, u8(start + 2), 2);
            case 10, 11, 12, 13, 14, 15, 16, 17, 18 -> uint16(t, DIAG_KEYS[code - 10], DIAG_NAMES[code - 10], start + 2);
            default -> {
                if (len > 2) {
                    data(t, fc, start + 2, len - 2, a.regBase, 0);
                }
            }
        }
    }

    private void eventLog(Tree t, int start) {
        int n = u8(start);
        w.uintAt(t, "modbus.byte_cnt", "Byte Count", start, 1, n);
        w.hexAt(t, "modbus.ev_status", "Status", start + 1, 2, u16(start + 1), 4);
        uint16(t, "modbus.ev_count", "Event Count", start + 3);
        uint16(t, "modbus.ev_msg_count", "Message Count", start + 5);
        if (n - 6 > 0) {
            n -= 6;
            Tree events = w.place(t.text("Events"), start + 7, n);
            for (int i = 0; n > 0; i++, n--) {
                int off = start + 7 + i;
                int e = u8(off);
                if (e == 0) {
                    event(events, off, e, "Initiated Communication Restart");
                } else if (e == 4) {
                    event(events, off, e, "Entered Listen Only Mode");
                } else if ((e & 0x80) != 0) {
                    Tree r = event(events, off, e, String.format("Receive Event: 0x%02X", e));
                    flag(r, "modbus.ev_recv_comm_err", "Communication Error", off, e, 0x02);
                    flag(r, "modbus.ev_recv_char_over", "Character Overrun", off, e, 0x10);
                    flag(r, "modbus.ev_recv_lo_mode", "Currently in Listen Only Mode", off, e, 0x20);
                    flag(r, "modbus.ev_recv_broadcast", "Broadcast Received", off, e, 0x40);
                } else if ((e & 0xc0) == 0x40) {
                    Tree r = event(events, off, e, String.format("Send Event: 0x%02X", e));
                    flag(r, "modbus.ev_send_read_ex", "Read Exception Sent", off, e, 0x01);
                    flag(r, "modbus.ev_send_slave_abort_ex", "Slave Abort Exception Sent", off, e, 0x02);
                    flag(r, "modbus.ev_send_slave_busy_ex", "Slave Busy Exception Sent", off, e, 0x04);
                    flag(r, "modbus.ev_send_slave_nak_ex", "Slave Program NAK Exception Sent", off, e, 0x08);
                    flag(r, "modbus.ev_send_write_timeout", "Write Timeout Error Occurred", off, e, 0x10);
                    flag(r, "modbus.ev_send_lo_mode", "Currently in Listen Only Mode", off, e, 0x20);
                } else {
                    event(events, off, e, "Unknown Event");
                }
            }
        }
    }

    private Tree event(Tree t, int off, int e, String label) {
        return w.place(t.field("modbus.event", label, Integer.toString(e)), off, 1);
    }

    private void flag(Tree t, String key, String name, int off, int v, int mask) {
        int x = (v & mask) >> Integer.numberOfTrailingZeros(mask);
        w.place(t.field(key, Text.bits(v, mask, 8) + " = " + name + ": " + x, Integer.toString(x)), off, 1).bitmask(mask);
    }

    private void deviceId(Tree t, int start, int len) {
        int id = u8(start + 1);
        w.namedAt(t, "modbus.read_device_id", "Read Device ID", start + 1, 1, id, ModbusNames.readDeviceId(id));
        int level = u8(start + 2);
        String h = String.format("0x%02x", level);
        String ln = ModbusNames.conformity(level);
        w.place(t.field("modbus.conformity_level", "Conformity Level: " + (ln == null ? "Unknown" : ln) + " (" + h + ")", h), start + 2, 1);
        w.hexAt(t, "modbus.more_follows", "More Follows", start + 3, 1, u8(start + 3), 2);
        w.uintAt(t, "modbus.next_object_id", "Next Object ID", start + 4, 1, u8(start + 4));
        int num = u8(start + 5);
        w.uintAt(t, "modbus.num_objects", "Number of Objects", start + 5, 1, num);
        a.need(start + 6, Math.max(0, len - 6), capEnd, repEnd);
        Tree objects = w.place(t.text("Objects"), start + 6, len - 6);
        int idx = 0;
        for (int i = 0; i < num; i++) {
            int off = start + 6 + idx;
            int type = u8(off);
            int olen = u8(off + 1);
            Tree o = w.place(objects.text("Object #" + (i + 1)), off, 2 + olen);
            w.namedAt(o, "modbus.object_id", "Object ID", off, 1, type, ModbusNames.objectId(type));
            w.uintAt(o, "modbus.objects_len", "Object length", off + 1, 1, olen);
            if (type < 7) {
                a.need(off + 2, olen, capEnd, repEnd);
                w.place(o.string("modbus.object_str_value", "Object String Value", Text.ascii(a.s, a.base + off + 2, olen)), off + 2, olen);
            } else if (olen > 0) {
                bytes(o, "modbus.object_value", "Object Value", off + 2, olen);
            }
            idx += 2 + olen;
        }
    }

    /**
     * dissect_modbus_data: {@code len} bytes at {@code start}; shown as Data when they are not
     * exactly the rest of the PDU, else as bits, registers or Data by the function.
     */
    private void data(Tree t, int fc, int start, int len, int regBase, int numReg) {
        int reported = repEnd - start;
        if (start < ModbusWalk.PDU || len + start - ModbusWalk.PDU == 0) {
            return;
        }
        if (len != reported) {
            bytes(t, "modbus.data", "Data", start, reported);
            return;
        }
        // tvb_new_subset_length_caplen over the bytes: a subset past the captured ones throws at once
        a.need(start, len, capEnd, repEnd);
        int end = start + len;
        switch (fc) {
            case 1, 2 -> {
                int reg = regBase;
                for (int off = start; off < end; off++) {
                    int b = a.u8(off, Math.min(end, capEnd), end);
                    for (int i = 0; i < 8; i++) {
                        int bit = b >> i & 1;
                        Tree bt = w.place(t.text("Bit " + reg + " : " + bit), off, 1);
                        w.place(bt.field("modbus.bitnum", "Bit Number: " + reg, Integer.toString(reg)).generated(), off, 1);
                        w.place(bt.field("modbus.bitval", Text.bits(bit, 1, 8) + " = Bit Value: " + (bit == 1 ? "True" : "False"),
                                Integer.toString(bit)), off, 1).bitmask(1);
                        reg = reg + 1 & 0xffff;
                        if (reg - regBase >= numReg) {
                            break;
                        }
                    }
                }
            }
            case 3, 4, 16 -> {
                int reg = regBase;
                for (int off = start; off < end; off += 2) {
                    int v = a.u16(off, Math.min(end, capEnd), end);
                    Tree rt = w.place(t.text("Register " + reg + " (UINT16): " + v), off, 2);
                    w.uintAt(rt, "modbus.regnum16", "Register Number", off, 2, reg);
                    w.uintAt(rt, "modbus.regval_uint16", "Register Value (UINT16)", off, 2, v);
                    reg = reg + 1 & 0xffff;
                }
            }
            default -> bytes(t, "modbus.data", "Data", start, len);
        }
    }

    static String seconds(long ns) {
        return dev.tcpscope.proto.Text.seconds(ns);
    }
}
