package dev.tcpscope.proto.dnp3;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * The file control objects of group 70 as packet-dnp.c (Wireshark 4.0.17) shows them: the file
 * command (variation 3: name offset and length, creation time and permissions for a write, the
 * authentication key, size, mode, block size, request id and name) and the status, transport and
 * transport status objects (variations 4 to 6), whose data runs to the size their prefix gave.
 */
final class Dnp3File {
    private static final Registry REGISTRY = Dnp3App.REGISTRY;
    private static final String[] PERMS = {"read_owner", "write_owner", "exec_owner", "read_group", "write_group",
        "exec_group", "read_world", "write_world", "exec_world"};

    private Dnp3File() { }

    private static int le16(Tvb t, int off) { return t.u8(off) | t.u8(off + 1) << 8; }

    private static long le32(Tvb t, int off) { return (long) le16(t, off) | (long) le16(t, off + 2) << 16; }

    private static void hex32(Tvb t, Tree parent, String name, int off) {
        long v = le32(t, off);
        String h = Dnp3Walk.hex(v, 32);
        t.at(parent.field(name, REGISTRY.row(name).title() + ": " + h, h), off, 4);
    }

    private static void dec16(Dnp3Objects o, Tvb t, Tree parent, String name, int off) {
        o.uint(parent, name, REGISTRY.row(name).title(), off, 2, le16(t, off));
    }

    /** File Control - File Command (Obj:70, Var:03). */
    static int command(Dnp3Objects o, Tvb t, Tree pt, int offset, int dataPos) {
        dec16(o, t, pt, "dnp3.al.file_string_offset", dataPos);
        dataPos += 2;
        int nameLen = le16(t, dataPos);
        dec16(o, t, pt, "dnp3.al.file_string_length", dataPos);
        dataPos += 2;
        int mode = le16(t, dataPos + 16);
        if (mode == 2) {
            long ms = le32(t, dataPos) | (long) le16(t, dataPos + 4) << 32;
            long secs = Math.floorDiv(ms, 1000);
            int nanos = (int) Math.floorMod(ms, 1000) * 1_000_000;
            String s = Text.absTime(secs, nanos);
            t.at(pt.field("dnp3.al.timestamp", "Timestamp: " + s, s).time(secs, nanos), dataPos, 6);
        }
        dataPos += 6;
        if (mode == 2) {
            // packet-dnp.c reads the permissions at the point's start, not at their own place
            int perms = le16(t, offset);
            String oct = "0" + Integer.toOctalString(perms);
            Tree p = t.at(pt.field("dnp3.al.file.perms", "Permissions: " + oct, Integer.toString(perms)), offset, 2);
            for (String name : PERMS) {
                o.flag(p, "dnp3.al.file.perms." + name, offset, perms, 16);
            }
        }
        dataPos += 2;
        hex32(t, pt, "dnp3.al.file.auth", dataPos);
        dataPos += 4;
        if (mode == 2 || mode == 3) {
            hex32(t, pt, "dnp3.al.file.size", dataPos);
        }
        dataPos += 4;
        int m = le16(t, dataPos);
        String mn = REGISTRY.value("dnp3.al.file.mode", m);
        t.at(pt.field("dnp3.al.file.mode", "File Control Mode: " + (mn == null ? "Unknown" : mn) + " (" + m + ")", Integer.toString(m)), dataPos, 2);
        dataPos += 2;
        dec16(o, t, pt, "dnp3.al.file.maxblock", dataPos);
        dataPos += 2;
        dec16(o, t, pt, "dnp3.al.file.reqID", dataPos);
        dataPos += 2;
        if (nameLen > 0) {
            t.need(dataPos, nameLen);
            t.at(pt.string("dnp3.al.file_name", "File Name", Text.ascii(t.s, t.base + dataPos, nameLen)), dataPos, nameLen);
        }
        dataPos += nameLen;
        pt.length(dataPos - offset);
        return dataPos;
    }

    /** File Status (Var:04), File Transport (Var:05), File Transport Status (Var:06). */
    static int status(Dnp3Objects o, Tvb t, Tree pt, int obj, int offset, int dataPos, int prefixBytes, long size) {
        hex32(t, pt, "dnp3.al.file.handle", dataPos);
        dataPos += 4;
        if (obj == 0x4604) {
            hex32(t, pt, "dnp3.al.file.size", dataPos);
            dataPos += 4;
            dec16(o, t, pt, "dnp3.al.file.maxblock", dataPos);
            dataPos += 2;
            dec16(o, t, pt, "dnp3.al.file.reqID", dataPos);
            dataPos += 2;
        } else {
            long v = le32(t, dataPos);
            String h = Dnp3Walk.hex(v & 0x7fffffffL, 32);
            t.at(pt.field("dnp3.al.file.blocknum", Text.bits((int) v, 0x7fffffff, 32) + " = File Block Number: " + h, h), dataPos, 4)
                    .bitmask(0x7fffffffL);
            boolean lastBlock = (v & 0x80000000L) != 0;
            t.at(pt.field("dnp3.al.file.lastblock", Text.bits((int) v, 0x80000000, 32) + " = File Last Block: " + (lastBlock ? "Set" : "Not set"),
                    lastBlock ? "1" : "0"), dataPos, 4).bitmask(0x80000000L);
            dataPos += 4;
        }
        if (obj != 0x4605) {
            int st = t.u8(dataPos);
            String sn = REGISTRY.value("dnp3.al.file.status", st);
            t.at(pt.field("dnp3.al.file.status", "File Control Status: " + (sn == null ? "Unknown" : sn) + " (" + st + ")", Integer.toString(st)), dataPos, 1);
            dataPos++;
        }
        long dataSize = (size - (dataPos - offset - prefixBytes)) & 0xffffffffL;
        if (dataSize > 0) {
            if (dataSize > t.cap) {
                throw Tvb.Stop.MALFORMED;
            }
            t.need(dataPos, (int) dataSize);
            t.at(pt.bytes("dnp3.al.file.data", "File Data", t.s, t.base + dataPos, (int) dataSize), dataPos, (int) dataSize);
            dataPos += (int) dataSize;
        }
        pt.length(dataPos - offset);
        return dataPos;
    }
}
