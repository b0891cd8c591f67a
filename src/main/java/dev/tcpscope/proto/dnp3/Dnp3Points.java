package dev.tcpscope.proto.dnp3;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * The points of one data object (dnp3_al_process_object's loop, Wireshark 4.0.17): for each, the
 * "Point Number N" (or "Object: Size N") item, its prefix (dnp3_al_obj_procprefix), and the value
 * of the object's variation. The loop ends after the object's count, when a point's bytes run
 * out (the exception), or for an object that should carry no points; a point that moves nothing
 * forward is allowed {@link #MAX_STILL} times in a row.
 */
final class Dnp3Points {
    private static final Registry REGISTRY = Dnp3App.REGISTRY;
    private static final int MAX_STILL = 4096;
    /** dnp3_al_obj_quality's kinds of flags (4.0 shows double-bit inputs' flags as binary inputs'). */
    private static final int BIN_IN = 0, BIN_OUT = 2, ANA_IN = 3, ANA_OUT = 4, COUNTER = 5;

    private final Dnp3Objects o;
    private final Dnp3App app;
    private final Tvb t;
    private final int obj, prefix, octLen;
    private final Dnp3Objects.Label objItem, rangeItem;

    Dnp3Points(Dnp3Objects o, Dnp3App app, int obj, int prefix, int octLen, Dnp3Objects.Label objItem, Dnp3Objects.Label rangeItem) {
        this.o = o;
        this.app = app;
        this.t = app.t;
        this.obj = obj;
        this.prefix = prefix;
        this.octLen = octLen;
        this.objItem = objItem;
        this.rangeItem = rangeItem;
    }

    private int le16(int off) { return t.u8(off) | t.u8(off + 1) << 8; }

    private long le32(int off) { return (long) le16(off) | (long) le16(off + 2) << 16; }

    private static boolean known(int obj) {
        return REGISTRY.value("dnp3.al.obj", obj) != null;
    }

    /** The loop from {@code offset}; returns the offset after the object. */
    int walk(int offset, long numItems, boolean headerOnly, long ptaddr) {
        int bitindex = 0;
        int start = offset;
        int still = 0;
        Tree objTree = objItem.item;
        for (long n = 0; n < numItems; n++) {
            int before = offset;
            int rest = app.rest(offset); // throws before the item is added
            Tree pt = t.at(objTree.text(prefix <= 3 ? "Point Number" : "Object: Size"), offset, rest);
            Dnp3Objects.Label pl = new Dnp3Objects.Label(pt, prefix <= 3 ? "Point Number" : "Object: Size");
            int dataPos = offset;
            long[] addr = {ptaddr};
            int prefixBytes = prefix(pt, offset, addr);
            ptaddr = addr[0];
            if (Dnp3Objects.emptyObject(obj)) {
                rangeItem.append(" (bogus)");
                rangeItem.item.expert("dnp3.num_items_invalid", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                        "Number of items is invalid for normally empty object.  Potentially malicious packet");
                numItems = 0;
            }
            pl.append(" " + ptaddr);
            pt.length(prefixBytes);
            dataPos += prefixBytes;
            if (!headerOnly || (prefix >= 4 && prefix <= 6)) {
                int[] bi = {bitindex};
                offset = value(pt, pl, objTree, offset, dataPos, prefixBytes, ptaddr, bi, n == numItems - 1);
                bitindex = bi[0];
                ptaddr = (ptaddr + 1) & 0xffffffffL;
            } else {
                offset = dataPos;
            }
            if (start > offset) {
                pt.expert("dnp3.invalid_length", Tree.Severity.WARNING, Tree.Group.MALFORMED, "Invalid length");
                offset = t.cap;
            }
            still = offset == before ? still + 1 : 0;
            if (still > MAX_STILL) {
                break;
            }
        }
        return offset;
    }

    /** dnp3_al_obj_procprefix: the prefix's item; returns its size. */
    private int prefix(Tree pt, int offset, long[] addr) {
        switch (prefix) {
            case 0 -> {
                t.at(pt.field("dnp3.al.point_index", "Point Index: " + addr[0], Long.toString(addr[0])).generated(), offset, 0);
                return 0;
            }
            case 1 -> { addr[0] = t.u8(offset); o.uint(pt, "dnp3.al.index", "Index (8 bit)", offset, 1, addr[0]); return 1; }
            case 2 -> { addr[0] = le16(offset); o.uint(pt, "dnp3.al.index", "Index (16 bit)", offset, 2, addr[0]); return 2; }
            case 3 -> { addr[0] = le32(offset); o.uint(pt, "dnp3.al.index", "Index (32 bit)", offset, 4, addr[0]); return 4; }
            case 4 -> { addr[0] = t.u8(offset); o.uint(pt, "dnp3.al.size", "Size (8 bit)", offset, 1, addr[0]); return 1; }
            case 5 -> { addr[0] = le16(offset); o.uint(pt, "dnp3.al.size", "Size (16 bit)", offset, 2, addr[0]); return 2; }
            case 6 -> { addr[0] = le32(offset); o.uint(pt, "dnp3.al.size", "Size (32 bit)", offset, 4, addr[0]); return 4; }
            default -> { return 0; }
        }
    }

    /** A point's value; returns the new offset. */
    private int value(Tree pt, Dnp3Objects.Label pl, Tree objTree, int offset, int dataPos, int prefixBytes, long ptaddr,
                      int[] bitindex, boolean last) {
        if (obj >> 8 == 0) {
            return deviceAttribute(pt, objTree, dataPos);
        }
        if (Dnp3Objects.emptyObject(obj) || obj == 0x0a00 || obj == 0x1500 || obj == 0x1700) {
            return known(obj) && Dnp3Objects.emptyObject(obj) ? dataPos : unknown(objTree, offset);
        }
        if (!known(obj)) {
            return unknown(objTree, offset);
        }
        switch (obj) {
            case 0x0101, 0x0a01, 0x0c03, 0x5001 -> {
                int b = t.u8(dataPos);
                boolean bit = (b & 1) != 0;
                if (obj == 0x5001) {
                    int iin = ptaddr < 8 ? 0x100 << ptaddr : ptaddr < 24 ? 1 << (ptaddr - 8) : 0;
                    pl.append(" (" + iinName(iin & 0xffff) + "), Value: " + (bit ? 1 : 0));
                } else {
                    if (prefix != 0) {
                        bitindex[0] = 7;
                    } else {
                        bit = (b & 1 << bitindex[0]) != 0;
                    }
                    pl.append(", Value: " + (bit ? 1 : 0));
                }
                // 4.0 adds the point's bit itself (0 or 1) to the one field, masked 0x01
                int v = bit ? 1 : 0;
                t.at(pt.field("dnp3.al.bit", Text.bits(v, 1, 8) + " = Value (bit): " + (bit ? "On" : "Off"),
                        bit ? "1" : "0"), dataPos, 1).bitmask(1);
                pt.length(prefixBytes + 1);
                bitindex[0]++;
                if (bitindex[0] > 7 || last) {
                    bitindex[0] = 0;
                    return offset + prefixBytes + 1;
                }
                return offset;
            }
            case 0x0301 -> {
                // 4.0 moves to the next byte when the fifth double bit is read, after its point's item
                if (bitindex[0] > 3) {
                    bitindex[0] = 0;
                    offset += prefixBytes + 1;
                }
                int b = t.u8(offset);
                int two = b >> (bitindex[0] << 1) & 3;
                pl.append(", Value: " + two);
                t.at(pt.field("dnp3.al.2bit", "Value (two bit): " + two, Integer.toString(two)), offset, 1);
                pt.length(prefixBytes + 1);
                bitindex[0]++;
                if (last) {
                    bitindex[0] = 0;
                    return offset + prefixBytes + 1;
                }
                return offset;
            }
            case 0x0102, 0x0201, 0x0a02, 0x0b01, 0x0302, 0x0401, 0x0202, 0x0b02, 0x0402, 0x0203 -> {
                return flagged(pt, pl, offset, dataPos);
            }
            case 0x0c01, 0x0c02, 0x0d01, 0x0d02 -> {
                return control(pt, pl, offset, dataPos);
            }
            default -> { }
        }
        return counterAnalogTime(pt, pl, objTree, offset, dataPos, prefixBytes, ptaddr);
    }

    /*
     * value is cut in four (flagged, control, counterAnalogTime): each label's string
     * concatenation is a call site that C1 inlines whole, and the method in one piece took 21 MB
     * to compile with C1, past the launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** A binary or double-bit point with its flags (and time); returns the new offset. */
    private int flagged(Tree pt, Dnp3Objects.Label pl, int offset, int dataPos) {
        switch (obj) {
            case 0x0102, 0x0201, 0x0a02, 0x0b01 -> {
                int f = t.u8(dataPos);
                quality(pt, pl, dataPos, f, obj == 0x0a02 || obj == 0x0b01 ? BIN_OUT : BIN_IN);
                dataPos++;
                pl.append(", Value: " + ((f & 0x80) != 0 ? 1 : 0));
                pt.length(dataPos - offset);
                return dataPos;
            }
            case 0x0302, 0x0401 -> {
                int f = t.u8(dataPos);
                quality(pt, pl, dataPos, f, BIN_IN); // 4.0: the binary input flags, the state as a number
                dataPos++;
                pl.append(", Value: " + (f >> 6 & 3));
                pt.length(dataPos - offset);
                return dataPos;
            }
            case 0x0202, 0x0b02, 0x0402 -> {
                int f = t.u8(dataPos);
                quality(pt, pl, dataPos, f, obj == 0x0b02 ? BIN_OUT : BIN_IN);
                dataPos++;
                String ts = timestamp(pt, dataPos);
                dataPos += 6;
                pl.append(", Value: " + (obj == 0x0402 ? f >> 6 & 3 : (f & 0x80) != 0 ? 1 : 0) + ", Timestamp: " + ts);
                pt.length(dataPos - offset);
                return dataPos;
            }
            default -> { // 0x0203; 4.0 has no case for the double-bit one (0x0403): unknown data
                int f = t.u8(dataPos);
                quality(pt, pl, dataPos, f, BIN_IN);
                dataPos++;
                int rel = le16(dataPos);
                String secs = (rel / 1000) + "." + String.format("%03d", rel % 1000) + "000000";
                t.at(pt.field("dnp3.al.reltimestamp", "Relative Timestamp: " + secs + " seconds", secs), dataPos, 2);
                dataPos += 2;
                long ms = app.ctoMs + rel;
                String ts = Text.absTime(Math.floorDiv(ms, 1000), (int) Math.floorMod(ms, 1000) * 1_000_000);
                ts = ts.substring(0, ts.length() - 4);
                pl.append(", Value: " + (f >> 7 & 1) + ", Timestamp: " + ts);
                pt.length(dataPos - offset);
                return dataPos;
            }
        }
    }

    /** A control relay output block (groups 12 and 13); returns the new offset. */
    private int control(Tree pt, Dnp3Objects.Label pl, int offset, int dataPos) {
        switch (obj) {
            case 0x0c01, 0x0c02 -> {
                int tcc = t.u8(dataPos);
                Tree cc = t.at(pt.text(String.format("Control Code [0x%02x]", tcc)), dataPos, 1);
                String op = REGISTRY.value("dnp3.ctl.op", tcc & 0x0f);
                String tc = REGISTRY.value("dnp3.ctl.trip", (tcc & 0xc0) >> 6);
                pl.append(" [" + (op == null ? "Invalid Operation" : op) + "]");
                pl.append(" [" + (tc == null ? "Invalid Qualifier" : tc) + "]");
                o.masked(cc, "dnp3.ctl.op", dataPos, tcc, 8);
                o.masked(cc, "dnp3.ctl.clr", dataPos, tcc, 8);
                o.masked(cc, "dnp3.ctl.trip", dataPos, tcc, 8);
                dataPos++;
                o.uint(pt, "dnp3.al.count", "Count", dataPos, 1, t.u8(dataPos));
                dataPos++;
                o.uint(pt, "dnp3.al.on_time", "On Time", dataPos, 4, le32(dataPos));
                dataPos += 4;
                o.uint(pt, "dnp3.al.off_time", "Off Time", dataPos, 4, le32(dataPos));
                dataPos += 4;
                o.masked(pt, "dnp3.al.ctrlstatus", dataPos, t.u8(dataPos), 8);
                dataPos++;
                pt.length(dataPos - offset);
                return dataPos;
            }
            default -> { // 0x0d01, 0x0d02
                int st = t.u8(dataPos) & 0x7f;
                pl.append(" [Status: " + status(st) + String.format(" (0x%02x)]", st));
                o.masked(pt, "dnp3.al.ctrlstatus", dataPos, t.u8(dataPos), 8);
                o.flag(pt, "dnp3.al.bocs", dataPos, t.u8(dataPos), 8);
                dataPos++;
                if (obj == 0x0d02) {
                    pl.append(", Timestamp: " + timestamp(pt, dataPos));
                    dataPos += 6;
                }
                pt.length(dataPos - offset);
                return dataPos;
            }
        }
    }

    /** Counters, analogs, times and the rest, by group; returns the new offset. */
    private int counterAnalogTime(Tree pt, Dnp3Objects.Label pl, Tree objTree, int offset, int dataPos, int prefixBytes,
                                  long ptaddr) {
        int group = obj >> 8;
        int var = obj & 0xff;
        if (group >= 20 && group <= 23) {
            return counter(pt, pl, offset, dataPos, group, var);
        }
        if (group >= 30 && group <= 34 || group == 40 || group == 42) {
            return analog(pt, pl, offset, dataPos, group, var);
        }
        if (group == 41 && var >= 1 && var <= 4) {
            dataPos = analogValue(pt, pl, dataPos, var == 1 ? 32 : var == 2 ? 16 : var == 3 ? -32 : -64, true);
            int st = t.u8(dataPos) & 0x7f;
            pl.append(" [Status: " + status(st) + String.format(" (0x%02x)]", st));
            o.masked(pt, "dnp3.al.ctrlstatus", dataPos, t.u8(dataPos), 8);
            dataPos++;
            pt.length(dataPos - offset);
            return dataPos;
        }
        switch (obj) {
            case 0x3201, 0x3203, 0x3301, 0x3302 -> {
                timestamp(objTree, dataPos);
                if (obj == 0x3301) {
                    app.ctoMs = le32(dataPos) | (long) le16(dataPos + 4) << 32;
                }
                dataPos += 6;
                pt.length(dataPos - offset);
                return dataPos;
            }
            case 0x3402 -> {
                int d = le16(dataPos);
                t.at(objTree.field("dnp3.al.time_delay", "Time Delay: " + d + "ms", Integer.toString(d)), dataPos, 2);
                dataPos += 2;
                pt.length(dataPos - offset);
                return dataPos;
            }
            case 0x4603 -> { return Dnp3File.command(o, t, pt, offset, dataPos); }
            case 0x4604, 0x4605, 0x4606 -> { return Dnp3File.status(o, t, pt, obj, offset, dataPos, prefixBytes, ptaddr); }
            case 0x6e00, 0x6f00 -> {
                if (octLen > 0) {
                    t.need(dataPos, octLen);
                    t.at(objTree.bytes("dnp3.al.octet_string", "Octet String", t.s, t.base + dataPos, octLen), dataPos, octLen);
                    dataPos += octLen;
                    pt.length(dataPos - offset);
                }
                return dataPos;
            }
            default -> {
                return unknown(objTree, offset);
            }
        }
    }

    /** The default: the rest as "Unknown Data Chunk", which ends the objects. */
    private int unknown(Tree objTree, int offset) {
        int n = t.cap - offset;
        if (n <= 0) {
            throw Tvb.Stop.MALFORMED; // proto_tree_add_item(..., -1) at the end
        }
        t.at(objTree.bytes("dnp3.al.unknown_data_chunk", "Unknown Data Chunk", t.s, t.base + offset, n), offset, n);
        return t.cap;
    }

    private int deviceAttribute(Tree pt, Tree objTree, int dataPos) {
        int type = t.u8(dataPos);
        String n = REGISTRY.value("dnp3.al.datatype", type);
        t.at(pt.field("dnp3.al.datatype", "Data Type: " + (n == null ? "Unknown" : n) + String.format(" (0x%02x)", type),
                String.format("0x%02x", type)), dataPos, 1);
        dataPos++;
        if (n == null) {
            return dataPos;
        }
        switch (type) {
            case 1 -> {
                int len = t.u8(dataPos);
                o.uint(pt, "dnp3.al.da.length", "Device Attribute Length", dataPos, 1, len);
                dataPos++;
                t.need(dataPos, len);
                String v = Text.ascii(t.s, t.base + dataPos, len);
                t.at(pt.string("dnp3.al.da.value", "Value", v), dataPos, len);
                objItem.append(", Value: " + v);
                dataPos += len;
            }
            case 2, 3 -> {
                int len = t.u8(dataPos);
                o.uint(pt, "dnp3.al.da.length", "Device Attribute Length", dataPos, 1, len);
                dataPos++;
                boolean signed = type == 3;
                if (len == 1 || len == 2 || len == 4) {
                    long v = len == 1 ? t.u8(dataPos) : len == 2 ? le16(dataPos) : le32(dataPos);
                    String name = "dnp3.al.da." + (signed ? "int" : "uint") + len * 8;
                    long shown = signed ? (len == 1 ? (byte) v : len == 2 ? (short) v : (int) v) : v;
                    o.uint(pt, name, REGISTRY.row(name).title(), dataPos, len, shown);
                    objItem.append(", Value: " + (signed && len == 1 ? v : shown));
                    dataPos += len;
                }
            }
            case 4 -> {
                int len = t.u8(dataPos);
                o.uint(pt, "dnp3.al.da.length", "Device Attribute Length", dataPos, 1, len);
                dataPos++;
                if (len == 4) {
                    float f = Float.intBitsToFloat((int) le32(dataPos));
                    t.at(pt.field("dnp3.al.da.float", "Device Attribute Float Value: " + Dnp3App.g(f, 6), Dnp3App.g(f, 6)), dataPos, 4);
                    objItem.append(", Value: " + Dnp3App.g(f, 6));
                    dataPos += 4;
                } else if (len == 8) {
                    double d = Double.longBitsToDouble(le32(dataPos) | le32(dataPos + 4) << 32);
                    t.at(pt.field("dnp3.al.da.double", "Device Attribute Double Value: " + Dnp3App.g(d, 15), Dnp3App.g(d, 15)), dataPos, 8);
                    objItem.append(", Value: " + Dnp3App.g(d, 6));
                    dataPos += 8;
                }
            }
            default -> { }
        }
        return dataPos;
    }

    private int counter(Tree pt, Dnp3Objects.Label pl, int offset, int dataPos, int group, int var) {
        boolean noFlag = group == 20 && var >= 5 && var <= 8 || group == 21 && var >= 9 && var <= 12;
        if (!noFlag) {
            quality(pt, pl, dataPos, t.u8(dataPos), COUNTER);
            dataPos++;
        }
        boolean is32 = group == 21 && var >= 9 ? var % 2 == 1 : var % 2 == 1;
        if (is32) {
            long v = le32(dataPos);
            pl.append(", Count: " + v);
            o.uint(pt, "dnp3.al.cnt", "Counter (32 bit)", dataPos, 4, v);
            dataPos += 4;
        } else {
            int v = le16(dataPos);
            pl.append(", Count: " + v);
            o.uint(pt, "dnp3.al.cnt", "Counter (16 bit)", dataPos, 2, v);
            dataPos += 2;
        }
        boolean timed = group == 21 && var >= 5 && var <= 8 || (group == 22 || group == 23) && var >= 5;
        if (timed) {
            pl.append(", Timestamp: " + timestamp(pt, dataPos));
            dataPos += 6;
        }
        pt.length(dataPos - offset);
        return dataPos;
    }

    private int analog(Tree pt, Dnp3Objects.Label pl, int offset, int dataPos, int group, int var) {
        boolean output = group == 40 || group == 42;
        boolean noFlag = group == 34 || (group == 30 || group == 31) && (var == 3 || var == 4) || group == 31 && (var == 5 || var == 6);
        if (!noFlag) {
            quality(pt, pl, dataPos, t.u8(dataPos), output ? ANA_OUT : ANA_IN);
            dataPos++;
        }
        int kind; // 32, 16, -32 float, -64 double
        if (group == 40) {
            kind = var == 1 ? 32 : var == 2 ? 16 : var == 3 ? -32 : -64;
        } else if (group == 42) {
            kind = var == 1 || var == 3 ? 32 : var == 2 || var == 4 ? 16 : var == 5 || var == 7 ? -32 : -64;
        } else if (group == 34) {
            kind = var == 1 ? 16 : var == 2 ? 32 : -32;
        } else if (group == 30) {
            kind = var == 1 || var == 3 ? 32 : var == 2 || var == 4 ? 16 : var == 5 ? -32 : -64;
        } else if (group == 31) {
            kind = var == 1 || var == 3 || var == 5 ? 32 : var == 2 || var == 4 || var == 6 ? 16 : var == 7 ? -32 : -64;
        } else {
            kind = var == 1 || var == 3 ? 32 : var == 2 || var == 4 ? 16 : var == 5 || var == 7 ? -32 : -64;
        }
        dataPos = analogValue(pt, pl, dataPos, kind, output);
        boolean timed = (group == 32 || group == 33 || group == 42) && (var == 3 || var == 4 || var == 7 || var == 8);
        if (timed) {
            pl.append(", Timestamp: " + timestamp(pt, dataPos));
            dataPos += 6;
        } else if (group == 31 && (var == 3 || var == 4)) {
            pl.append(", Time of Freeze: " + timestamp(pt, dataPos));
            dataPos += 6;
        }
        pt.length(dataPos - offset);
        return dataPos;
    }

    private int analogValue(Tree pt, Dnp3Objects.Label pl, int dataPos, int kind, boolean output) {
        String p = output ? "dnp3.al.anaout" : "dnp3.al.ana";
        switch (kind) {
            case 32 -> {
                int v = (int) le32(dataPos);
                pl.append(", Value: " + v);
                o.uint(pt, p + ".int", output ? "Output Value (32 bit)" : "Value (32 bit)", dataPos, 4, v);
                return dataPos + 4;
            }
            case 16 -> {
                short v = (short) le16(dataPos);
                pl.append(", Value: " + v);
                o.uint(pt, p + ".int", output ? "Output Value (16 bit)" : "Value (16 bit)", dataPos, 2, v);
                return dataPos + 2;
            }
            case -32 -> {
                float f = Float.intBitsToFloat((int) le32(dataPos));
                pl.append(", Value: " + Dnp3App.g(f, 6));
                String s = Dnp3App.g(f, 6);
                t.at(pt.field(p + ".float", (output ? "Output Value (float)" : "Value (float)") + ": " + s, s), dataPos, 4);
                return dataPos + 4;
            }
            default -> {
                double d = Double.longBitsToDouble(le32(dataPos) | le32(dataPos + 4) << 32);
                pl.append(", Value: " + Dnp3App.g(d, 6));
                String s = Dnp3App.g(d, 15);
                t.at(pt.field(p + ".double", (output ? "Output (double)" : "Value (double)") + ": " + s, s), dataPos, 8);
                return dataPos + 8;
            }
        }
    }

    /** A 48-bit little-endian milliseconds timestamp item; its text. */
    private String timestamp(Tree parent, int off) {
        long ms = le32(off) | (long) le16(off + 4) << 32;
        long secs = Math.floorDiv(ms, 1000);
        int nanos = (int) Math.floorMod(ms, 1000) * 1_000_000;
        String s = Text.absTime(secs, nanos);
        t.at(parent.field("dnp3.al.timestamp", "Timestamp: " + s, s).time(secs, nanos), off, 6);
        return s.substring(0, s.length() - 4); // abs_time_to_str(..., FALSE): no zone in the point's label
    }

    /** dnp3_al_obj_quality: the flags' words in the point's label and a "Quality:" tree. */
    private void quality(Tree pt, Dnp3Objects.Label pl, int off, int f, int type) {
        StringBuilder q = new StringBuilder((f & 1) != 0 ? "Online" : "Offline");
        if ((f & 2) != 0) { q.append(", Restart"); }
        if ((f & 4) != 0) { q.append(", Comm Fail"); }
        if ((f & 8) != 0) { q.append(", Remote Force"); }
        if ((f & 0x10) != 0) { q.append(", Local Force"); }
        String prefixName;
        switch (type) {
            case BIN_IN -> {
                if ((f & 0x20) != 0) { q.append(", Chatter Filter"); }
                prefixName = "dnp3.al.biq.b";
            }
            case BIN_OUT -> prefixName = "dnp3.al.boq.b";
            case ANA_IN -> {
                if ((f & 0x20) != 0) { q.append(", Over-Range"); }
                if ((f & 0x40) != 0) { q.append(", Reference Check"); }
                prefixName = "dnp3.al.aiq.b";
            }
            case ANA_OUT -> prefixName = "dnp3.al.aoq.b";
            default -> {
                if ((f & 0x20) != 0) { q.append(", Roll-over"); }
                if ((f & 0x40) != 0) { q.append(", Discontinuity"); }
                prefixName = "dnp3.al.ctrq.b";
            }
        }
        pl.append(" (Quality: " + q + ")");
        Tree qt = t.at(pt.text("Quality: " + q), off, 1);
        for (int b = 7; b >= 0; b--) {
            o.flag(qt, prefixName + b, off, f, 8);
        }
    }

    private static String status(int st) {
        String n = REGISTRY.value("dnp3.al.ctrlstatus", st);
        return n != null ? n : String.format("Invalid Status (0x%02x)", st);
    }

    /** dnp3_al_iin_vals: an IIN bit's name. */
    private static String iinName(int bit) {
        for (Registry.Row r : REGISTRY.rows()) {
            if (r.name().startsWith("dnp3.al.iin.") && r.mask() == bit) {
                return r.title();
            }
        }
        return "Invalid IIN bit";
    }
}
