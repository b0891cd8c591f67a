package dev.tcpscope.proto.dnp3;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import java.lang.foreign.MemorySegment;

/**
 * A reassembled DNP 3.0 application message as packet-dnp.c's dissect_dnp3_al (Wireshark 4.0.17)
 * walks it: the application control byte and function code, a response's internal indications,
 * then the data objects of the functions that carry them, each object header (group and
 * variation, qualifier, range) followed by its points ({@link Dnp3Objects}). Info is the
 * function's name, for a Read the object groups it asks for and its classes ("Read, Class 0123"),
 * for a Write the groups it writes. Reads past the message's bytes stop the walk ({@link Tvb.Stop},
 * malformed: the bytes are the reassembled message's, nothing was cut).
 */
final class Dnp3App {
    static final Registry REGISTRY = Dnp3Walk.REGISTRY;
    private static final int READ = 0x01, WRITE = 0x02, SELECT = 0x03, OPERATE = 0x04, DIROP = 0x05,
            DIROPNACK = 0x06, FRZ = 0x07, FRZCLRNACK = 0x0a, ENSPMSG = 0x14, DISSPMSG = 0x15, OPENFILE = 0x19,
            DELETEFILE = 0x1b, AUTHREQ = 0x20, AUTHERR = 0x21, RESPONSE = 0x81, UNSOLICITED = 0x82, AUTHRESP = 0x83;

    final Tvb t;
    final Tree parent;
    /** Whether items are being built: an item running to the end of the bytes then needs one there (proto.c). */
    final boolean tree;
    /** al_cto: the last Time and Date CTO object's milliseconds, the base of relative times. */
    long ctoMs;

    Dnp3App(byte[] al, Tree parent) {
        this.t = new Tvb(MemorySegment.ofArray(al), 0, al.length, al.length);
        this.parent = parent;
        this.tree = parent != Tree.NOTHING;
    }

    static String funcName(int func) {
        String n = REGISTRY.value("dnp3.al.func", func);
        return n != null ? n : String.format("Unknown function (0x%02x)", func);
    }

    /** dnp3_al_read_obj_vals: a Read's object group as Info names it. */
    private static String readGroup(int group) {
        return switch (group) {
            case 0 -> "Device Attribute";
            case 1 -> "Binary Input";
            case 2 -> "Binary Input Change";
            case 3 -> "Double-bit Input";
            case 4 -> "Double-bit Input Change";
            case 10 -> "Binary Output";
            case 11 -> "Binary Output Change";
            case 20 -> "Counter";
            case 21 -> "Frozen Counter";
            case 22 -> "Counter Change";
            case 23 -> "Frozen Counter Change";
            case 30 -> "Analog Input";
            case 32 -> "Analog Input Change";
            case 40 -> "Analog Output";
            case 42 -> "Analog Output Change";
            case 50 -> "Time and Date";
            case 70 -> "File Control";
            case 80 -> "Internal Indications";
            case 110 -> "Octet String";
            case 111 -> "Octet String Event";
            case 113 -> "Virtual Terminal Event Data";
            default -> "Unknown Object Type";
        };
    }

    /** dnp3_al_write_obj_vals. */
    private static String writeGroup(int group) {
        return switch (group) {
            case 50 -> "Time and Date";
            case 70 -> "File Control";
            case 80 -> "Internal Indications";
            case 110 -> "Octet String";
            case 111 -> "Octet String Event";
            case 112 -> "Virtual Terminal Output Block";
            default -> "Unknown Object Type";
        };
    }

    /** The walk; Info through {@code info} when given (the first pass). */
    void walk(Cols info) {
        int dataLen = t.cap;
        int ctl = t.u8(0);
        int seq = ctl & 0x0f;
        int func = t.u8(1);
        String fname = funcName(func);
        if (info != null) {
            // dissect_dnp3_al: col_clear, the function, col_set_fence
            info.clear();
            info.appendSeparated(fname);
            info.fence();
        }
        String flags = ((ctl & 0x80) != 0 ? "FIR, " : "") + ((ctl & 0x40) != 0 ? "FIN, " : "")
                + ((ctl & 0x20) != 0 ? "CON, " : "") + ((ctl & 0x10) != 0 ? "UNS, " : "");
        Tree al = t.at(parent.text("Application Layer: (" + flags + "Sequence " + seq + ", " + fname + ")"), 0, dataLen);
        StringBuilder names = new StringBuilder();
        for (String[] f : new String[][] {{"dnp3.al.fir", "First"}, {"dnp3.al.fin", "Final"}, {"dnp3.al.con", "Confirm"}, {"dnp3.al.uns", "Unsolicited"}}) {
            if ((ctl & REGISTRY.row(f[0]).mask()) != 0) {
                names.append(", ").append(f[1]);
            }
        }
        String ctlHex = String.format("0x%02x", ctl);
        Tree c = t.at(al.field("dnp3.al.ctl", "Application Control: " + ctlHex + names + "(" + flags + "Sequence " + seq + ")", ctlHex), 0, 1);
        Dnp3Objects o = new Dnp3Objects(this);
        o.flag(c, "dnp3.al.fir", 0, ctl, 8);
        o.flag(c, "dnp3.al.fin", 0, ctl, 8);
        o.flag(c, "dnp3.al.con", 0, ctl, 8);
        o.flag(c, "dnp3.al.uns", 0, ctl, 8);
        o.masked(c, "dnp3.al.seq", 0, ctl, 8);
        t.at(al.field("dnp3.al.func", "Function Code: " + fname + String.format(" (0x%02x)", func), Integer.toString(func)), 1, 1);
        int offset = 2;
        String title = switch (func) {
            case READ -> "READ Request Data Objects";
            case WRITE -> "WRITE Request Data Objects";
            case SELECT -> "SELECT Request Data Objects";
            case OPERATE -> "OPERATE Request Data Objects";
            case DIROP, DIROPNACK -> "DIRECT OPERATE Request Data Objects";
            case FRZ, 0x08, 0x09, FRZCLRNACK -> "Freeze Request Data Objects";
            case ENSPMSG -> "Enable Spontaneous Msg's Data Objects";
            case DISSPMSG -> "Disable Spontaneous Msg's Data Objects";
            case OPENFILE, 0x1a, DELETEFILE -> "File Data Objects";
            case AUTHREQ, AUTHERR -> "Authentication Request Data Objects";
            default -> null;
        };
        boolean headerOnly = func == READ || (func >= FRZ && func <= FRZCLRNACK);
        if (func == RESPONSE || func == UNSOLICITED || func == AUTHRESP) {
            o.iin(al, offset);
            offset += 2;
            if (dataLen - offset > 0) {
                title = "RESPONSE Data Objects";
            }
        }
        if (title == null) {
            return;
        }
        Tree objects = t.at(al.text(title), offset, rest(offset));
        int cls = 0;
        int guard = 0;
        while (offset <= dataLen - 2 && guard++ < dataLen) { // each object takes at least its 3-byte header
            int[] type = new int[1];
            offset = o.object(objects, offset, headerOnly, type);
            if (info == null) {
                continue;
            }
            int obj = type[0];
            if (func == READ) {
                if (obj >= 0x3c01 && obj <= 0x3c04) {
                    cls |= 1 << ((obj & 0x0f) - 1);
                } else {
                    info.appendSeparated(readGroup(obj >> 8));
                }
            } else if (func == WRITE) {
                info.appendSeparated(writeGroup(obj >> 8));
            }
        }
        if (info != null && cls != 0) {
            info.appendSeparated("Class ");
            for (int i = 0; i < 4; i++) {
                if ((cls & 1 << i) != 0) {
                    info.append(Integer.toString(i));
                }
            }
        }
    }

    /**
     * The length of an item that runs to the end of the bytes (-1 in proto.c): building a tree,
     * one that starts at the end throws as tvb_ensure_captured_length_remaining does.
     */
    int rest(int off) {
        if (tree && off >= t.cap) {
            throw Tvb.Stop.MALFORMED;
        }
        return Math.max(0, t.cap - off);
    }

    /** C's %g with {@code precision} significant digits (printf's shortest of %e and %f, trailing zeros cut). */
    static String g(double v, int precision) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        java.math.BigDecimal bd = new java.math.BigDecimal(v).round(new java.math.MathContext(precision, java.math.RoundingMode.HALF_EVEN));
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= precision) {
            String digits = bd.unscaledValue().abs().toString();
            String mant = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            mant = mant.contains(".") ? mant.replaceAll("0+$", "").replaceAll("\\.$", "") : mant;
            return (v < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        String s = bd.toPlainString();
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    static String bits(int v, long mask, int width) {
        return Text.bits(v, (int) mask, width);
    }
}
