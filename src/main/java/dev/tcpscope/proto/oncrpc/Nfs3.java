package dev.tcpscope.proto.oncrpc;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;

/**
 * NFS version 3 (RFC 1813) as Wireshark 4.0.17's packet-nfs.c shows it: each procedure's
 * arguments and results, file handles with their CRC-32 hash, the attributes, and the texts the
 * procedures add to Info (", FH: 0x56d448b4", ", DH: 0x56d448b4/name", "  Directory mode: 1777
 * uid: 0 gid: 0", " Error: NFS3ERR_NOENT") and to the protocol item (", GETATTR Call FH: ...").
 * Other NFS versions show their procedure names only.
 */
final class Nfs3 {
    private Nfs3() { }

    private static final String[] V2 = {"NULL", "GETATTR", "SETATTR", "ROOT", "LOOKUP", "READLINK", "READ", "WRITECACHE",
        "WRITE", "CREATE", "REMOVE", "RENAME", "LINK", "SYMLINK", "MKDIR", "RMDIR", "READDIR", "STATFS"};
    static final String[] V3 = {"NULL", "GETATTR", "SETATTR", "LOOKUP", "ACCESS", "READLINK", "READ", "WRITE", "CREATE",
        "MKDIR", "SYMLINK", "MKNOD", "REMOVE", "RMDIR", "RENAME", "LINK", "READDIR", "READDIRPLUS", "FSSTAT", "FSINFO",
        "PATHCONF", "COMMIT"};
    private static final String[] V4 = {"NULL", "COMPOUND"};

    static final Program NFS = new Program(100003, "NFS", "nfs", "Network File System") {
        @Override
        String procedure(long vers, long proc) {
            return at(vers == 2 ? V2 : vers == 3 ? V3 : vers == 4 ? V4 : new String[0], proc);
        }

        @Override
        void call(long vers, long proc, Xdr x, Tree p, Out out) {
            if (vers == 3) {
                Nfs3.call(proc, x, p, out);
            }
        }

        @Override
        void reply(long vers, long proc, Xdr x, Tree p, Out out) {
            if (vers == 3) {
                Nfs3.reply(proc, x, p, out);
            }
        }
    };

    private static String name(long proc) {
        return V3[(int) proc];
    }

    static void call(long proc, Xdr x, Tree p, Program.Out out) {
        String n = proc >= 0 && proc < V3.length ? name(proc) : null;
        switch ((int) proc) {
            case 1, 5, 19, 20, 18 -> {
                int h = fh(x, p, "object");
                out.info.append(", FH: ").append(Xdr.hex8(h));
                String kind = proc == 19 || proc == 20 || proc == 18 ? " DH: " : " FH: ";
                out.item.append(", ").append(n).append(" Call").append(kind).append(Xdr.hex8(h));
            }
            case 2 -> {
                int h = fh(x, p, "object");
                sattr3(x, p, "new_attributes");
                int gstart = x.off;
                Tree g = x.b.at(p.text("guard"), x.off, 4);
                long check = x.peek();
                g.relabel("guard: " + (check == 0 ? "no value" : check == 1 ? "value follows" : "Unknown"));
                x.uint(g, "nfs.sattrguard3", v -> "check: " + (v == 0 ? "no value" : v == 1 ? "value follows" : "Unknown") + " (" + v + ")");
                if (check == 1) {
                    time(x, g, "ctime", "nfs.ctime");
                    g.length(x.off - gstart);
                }
                out.info.append(", FH: ").append(Xdr.hex8(h));
                out.item.append(", SETATTR Call FH: ").append(Xdr.hex8(h));
            }
            case 3, 12, 13 -> {
                String title = proc == 3 ? "what" : "object";
                String[] dn = diropargs(x, p, title);
                out.info.append(", DH: ").append(dn[0]).append('/').append(dn[1]);
                out.item.append(", ").append(n).append(" Call DH: ").append(dn[0]).append('/').append(dn[1]);
            }
            case 4 -> {
                int h = fh(x, p, "object");
                long mask = x.peek();
                Tree a = x.b.at(p.field("nfs.access_check", "Check access: 0x" + hex2(mask), "0x" + hex2(mask)), x.off, 4);
                accessBits(a, mask, mask, true, x);
                x.off += 4;
                out.call.arg = mask;
                String check = accessNames(mask);
                out.info.append(", FH: ").append(Xdr.hex8(h)).append(", [Check: ").append(check).append(']');
                out.item.append(", ACCESS Call, FH: ").append(Xdr.hex8(h)).append(", [Check: ").append(check).append(']');
            }
            case 6 -> {
                int h = fh(x, p, "file");
                long offset = x.uint64(p, "nfs.offset3", "offset");
                long count = x.uint(p, "nfs.count3", "count");
                String t = "FH: " + Xdr.hex8(h) + " Offset: " + Long.toUnsignedString(offset) + " Len: " + count;
                out.info.append(", ").append(t);
                out.item.append(", READ Call ").append(t);
            }
            case 7 -> {
                int h = fh(x, p, "file");
                long offset = x.uint64(p, "nfs.offset3", "offset");
                long count = x.uint(p, "nfs.count3", "count");
                long stable = x.uint(p, "nfs.write.stable", v -> "Stable: " + stableName(v, "Unknown") + " (" + v + ")");
                x.counted(p, "nfs.data", "Data", false);
                String t = "FH: " + Xdr.hex8(h) + " Offset: " + Long.toUnsignedString(offset) + " Len: " + count + " "
                        + stableName(stable, "Stable: " + stable);
                out.info.append(", ").append(t);
                out.item.append(", WRITE Call ").append(t);
            }
            case 8 -> {
                String[] dn = diropargs(x, p, "where");
                long mode = x.uint(p, "nfs.createmode", v -> "Create Mode: " + createMode(v) + " (" + v + ")");
                if (mode == 0 || mode == 1) {
                    sattr3(x, p, "obj_attributes");
                } else if (mode == 2) {
                    x.fixedOpaque(p, "nfs.verifier", "Verifier", 8);
                }
                String t = "DH: " + dn[0] + "/" + dn[1] + " Mode: " + createMode(mode);
                out.info.append(", ").append(t);
                out.item.append(", CREATE Call ").append(t);
            }
            case 9 -> {
                String[] dn = diropargs(x, p, "where");
                sattr3(x, p, "attributes");
                out.info.append(", DH: ").append(dn[0]).append('/').append(dn[1]);
                out.item.append(", MKDIR Call DH: ").append(dn[0]).append('/').append(dn[1]);
            }
            case 10 -> {
                String[] dn = diropargs(x, p, "where");
                sattr3(x, p, "symlink_attributes");
                String to = x.counted(p, "nfs.symlink.to", "To", true);
                String t = "From DH: " + dn[0] + "/" + dn[1] + " To " + to;
                out.info.append(", ").append(t);
                out.item.append(", SYMLINK Call ").append(t);
            }
            case 11 -> {
                String[] dn = diropargs(x, p, "where");
                long type = x.peek();
                String tn = type > 0 && type < FTYPE.length ? FTYPE[(int) type] : "Unknown";
                x.uint(p, "nfs.type", v -> "Type: " + tn + " (" + v + ")");
                if (type == 3 || type == 4) {
                    sattr3(x, p, "dev_attributes");
                    long d1 = x.b.u32(x.off);
                    long d2 = x.b.u32(x.off + 4);
                    Tree spec = x.b.at(p.text("spec: " + d1 + "," + d2), x.off, 8);
                    x.uint(spec, "nfs.specdata1", "specdata1");
                    x.uint(spec, "nfs.specdata2", "specdata2");
                } else if (type == 6 || type == 7) {
                    sattr3(x, p, "pipe_attributes");
                }
                String t = "FH: " + dn[0] + "/" + dn[1] + " " + tn;
                out.info.append(", ").append(t);
                out.item.append(", MKNOD Call ").append(t);
            }
            case 14 -> {
                String[] from = diropargs(x, p, "from");
                String[] to = diropargs(x, p, "to");
                String t = "From DH: " + from[0] + "/" + from[1] + " To DH: " + to[0] + "/" + to[1];
                out.info.append(", ").append(t);
                out.item.append(", RENAME Call ").append(t);
            }
            case 15 -> {
                int h = fh(x, p, "file");
                String[] dn = diropargs(x, p, "link");
                String t = "From DH: " + Xdr.hex8(h) + " To DH: " + dn[0] + "/" + dn[1];
                out.info.append(", ").append(t);
                out.item.append(", LINK Call ").append(t);
            }
            case 16 -> {
                int h = fh(x, p, "dir");
                x.uint64(p, "nfs.cookie3", "cookie");
                x.fixedOpaque(p, "nfs.verifier", "Verifier", 8);
                x.uint(p, "nfs.count3", "count");
                out.info.append(", FH: ").append(Xdr.hex8(h));
                out.item.append(", READDIR Call FH: ").append(Xdr.hex8(h));
            }
            case 17 -> {
                int h = fh(x, p, "dir");
                x.uint64(p, "nfs.cookie3", "cookie");
                x.fixedOpaque(p, "nfs.verifier", "Verifier", 8);
                x.uint(p, "nfs.count3_dircount", "dircount");
                x.uint(p, "nfs.count3_maxcount", "maxcount");
                out.info.append(", FH: ").append(Xdr.hex8(h));
                out.item.append(", READDIRPLUS Call FH: ").append(Xdr.hex8(h));
            }
            case 21 -> {
                int h = fh(x, p, "file");
                x.uint64(p, "nfs.offset3", "offset");
                x.uint(p, "nfs.count3", "count");
                out.info.append(", FH: ").append(Xdr.hex8(h));
                out.item.append(", COMMIT Call FH: ").append(Xdr.hex8(h));
            }
            default -> { }
        }
    }

    static void reply(long proc, Xdr x, Tree p, Program.Out out) {
        if (proc == 0 || proc < 0 || proc >= V3.length) {
            return;
        }
        String n = name(proc);
        long status = x.peek();
        String st = status3(status);
        x.uint(p, "nfs.status3", v -> "Status: " + (st != null ? st : "Unknown") + " (" + v + ")");
        // the hidden nfs.status names the value as NFSv2 does: "OK", "ERR_NOENT"
        String v2 = st == null ? "Unknown" : st.startsWith("NFS3_") ? st.substring(5) : st.substring(4);
        p.field("nfs.status", "Status: " + v2 + " (" + status + ")", Long.toString(status)).hide()
                .at(x.b.s, x.b.base + x.off - 4, 4);
        boolean ok = status == 0;
        String err = st != null ? st : "Unknown error: " + status;
        out.item.append(", ").append(n).append(" Reply");
        switch ((int) proc) {
            case 1 -> {
                if (ok) {
                    String t = fattr3(x, p, "obj_attributes");
                    out.info.append(t);
                    out.item.append(t);
                }
            }
            case 2 -> wcc(x, p, "obj_wcc");
            case 3 -> {
                if (ok) {
                    int h = fh(x, p, "object");
                    postOpAttr(x, p, "obj_attributes");
                    postOpAttr(x, p, "dir_attributes");
                    out.info.append(", FH: ").append(Xdr.hex8(h));
                    out.item.append(" FH: ").append(Xdr.hex8(h));
                } else {
                    postOpAttr(x, p, "dir_attributes");
                }
            }
            case 4 -> {
                postOpAttr(x, p, "obj_attributes");
                if (ok) {
                    long rights = x.peek();
                    long asked = out.call.arg;
                    Tree a = x.b.at(p.field("nfs.access_rights", "Access rights (of requested): 0x" + hex2(rights & asked),
                            "0x" + hex2(rights)), x.off, 4);
                    accessBits(a, rights, asked, false, x);
                    x.off += 4;
                    long denied = asked & ~rights;
                    StringBuilder t = new StringBuilder();
                    if (denied != 0) {
                        t.append(", [Access Denied: ").append(accessNames(denied)).append(']');
                    }
                    t.append(", [Allowed: ").append(accessNames(rights & asked)).append(']');
                    out.info.append(t);
                    out.item.append(t);
                }
            }
            case 5 -> {
                postOpAttr(x, p, "symlink_attributes");
                if (ok) {
                    String path = x.counted(p, "nfs.readlink.data", "Data", true);
                    out.info.append(" Path: ").append(path);
                    out.item.append(" Path: ").append(path);
                }
            }
            case 6 -> {
                postOpAttr(x, p, "file_attributes");
                if (ok) {
                    long count = x.uint(p, "nfs.count3", "count");
                    boolean eof = x.bool(p, "nfs.read.eof", "EOF");
                    x.counted(p, "nfs.data", "Data", false);
                    out.info.append(" Len: ").append(count);
                    out.item.append(" Len: ").append(count);
                }
            }
            case 7 -> {
                wcc(x, p, "file_wcc");
                if (ok) {
                    long count = x.uint(p, "nfs.count3", "count");
                    long committed = x.uint(p, "nfs.write.committed", v -> "Committed: " + stableName(v, "Unknown") + " (" + v + ")");
                    x.fixedOpaque(p, "nfs.verifier", "Verifier", 8);
                    String t = " Len: " + count + " " + stableName(committed, "Stable: " + committed);
                    out.info.append(t);
                    out.item.append(t);
                }
            }
            case 8, 9, 10, 11 -> {
                if (ok) {
                    postOpFh(x, p, "obj");
                    postOpAttr(x, p, "obj_attributes");
                }
                wcc(x, p, "dir_wcc");
            }
            case 12, 13 -> wcc(x, p, "dir_wcc");
            case 14 -> {
                wcc(x, p, "fromdir_wcc");
                wcc(x, p, "todir_wcc");
            }
            case 15 -> {
                postOpAttr(x, p, "file_attributes");
                wcc(x, p, "linkdir_wcc");
            }
            case 16, 17 -> {
                postOpAttr(x, p, "dir_attributes");
                if (ok) {
                    x.fixedOpaque(p, "nfs.verifier", "Verifier", 8);
                    entries(x, p, proc == 17, out);
                }
            }
            case 18 -> {
                postOpAttr(x, p, "obj_attributes");
                if (ok) {
                    x.uint64(p, "nfs.fsstat3_resok.tbytes", "Total bytes");
                    x.uint64(p, "nfs.fsstat3_resok.fbytes", "Free bytes");
                    x.uint64(p, "nfs.fsstat3_resok.abytes", "Available free bytes");
                    x.uint64(p, "nfs.fsstat3_resok.tfiles", "Total file slots");
                    x.uint64(p, "nfs.fsstat3_resok.ffiles", "Free file slots");
                    x.uint64(p, "nfs.fsstat3_resok.afiles", "Available free file slots");
                    x.uint(p, "nfs.fsstat.invarsec", "invarsec");
                }
            }
            case 19 -> {
                postOpAttr(x, p, "obj_attributes");
                if (ok) {
                    x.uint(p, "nfs.fsinfo.rtmax", "rtmax");
                    x.uint(p, "nfs.fsinfo.rtpref", "rtpref");
                    x.uint(p, "nfs.fsinfo.rtmult", "rtmult");
                    x.uint(p, "nfs.fsinfo.wtmax", "wtmax");
                    x.uint(p, "nfs.fsinfo.wtpref", "wtpref");
                    x.uint(p, "nfs.fsinfo.wtmult", "wtmult");
                    x.uint(p, "nfs.fsinfo.dtpref", "dtpref");
                    x.uint64(p, "nfs.fsinfo.maxfilesize", "maxfilesize");
                    delta(x, p);
                    properties(x, p);
                }
            }
            case 20 -> {
                postOpAttr(x, p, "obj_attributes");
                if (ok) {
                    x.uint(p, "nfs.pathconf.linkmax", "linkmax");
                    x.uint(p, "nfs.pathconf.name_max", "name_max");
                    x.bool(p, "nfs.pathconf.no_trunc", "no_trunc");
                    x.bool(p, "nfs.pathconf.chown_restricted", "chown_restricted");
                    x.bool(p, "nfs.pathconf.case_insensitive", "case_insensitive");
                    x.bool(p, "nfs.pathconf.case_preserving", "case_preserving");
                }
            }
            case 21 -> {
                wcc(x, p, "file_wcc");
                if (ok) {
                    x.fixedOpaque(p, "nfs.verifier", "Verifier", 8);
                }
            }
            default -> { }
        }
        if (!ok) {
            out.info.append(" Error: ").append(err);
            out.item.append("  Error: ").append(err);
        }
    }

    private static void entries(Xdr x, Tree p, boolean plus, Program.Out out) {
        for (int guard = 0; guard < 1 << 16; guard++) {
            boolean follows = x.peek() != 0;
            x.b.at(p.field("rpc.value_follows", "Value Follows: " + (follows ? "Yes" : "No"), follows ? "1" : "0"), x.off, 4);
            x.off += 4;
            if (!follows) {
                break;
            }
            int start = x.off;
            Tree e = p.none("nfs.readdir.entry", "Entry").at(x.b.s, x.b.base + start, 0);
            String key = plus ? "nfs.readdirplus.entry." : "nfs.readdir.entry3.";
            x.uint64(e, key + "fileid", "File ID");
            String name = x.counted(e, key + "name", "Name", true);
            x.uint64(e, key + "cookie", "Cookie");
            if (plus) {
                postOpAttr(x, e, "name_attributes");
                postOpFh(x, e, "name_handle");
            }
            e.relabel("Entry: name " + name).length(x.off - start);
            out.info.append(' ').append(name);
        }
        x.uint(p, "nfs.readdir.eof", "EOF");
    }

    private static void delta(Xdr x, Tree p) {
        int start = x.off;
        long sec = x.b.u32(x.off);
        long nsec = x.b.u32(x.off + 4);
        String v = Text.seconds(sec * 1_000_000_000L + nsec);
        Tree t = x.b.at(p.field("nfs.dtime", "time delta: " + v + " seconds", v), start, 8);
        x.uint(t, "nfs.dtime.sec", "seconds");
        x.uint(t, "nfs.dtime.nsec", "nano seconds");
    }

    /** FSINFO's properties (FSF3_CANSETTIME, FSF3_HOMOGENEOUS, FSF3_SYMLINK, FSF3_LINK) as packet-nfs.c lists them. */
    private static final int[] PROP_MASKS = {0x10, 0x08, 0x02, 0x01};
    private static final String[] PROP_NAMES = {"SETATTR can set time on server", "PATHCONF", "File System supports symbolic links",
        "File System supports hard links"};
    private static final String[] PROP_KEYS = {"setattr", "pathconf", "symlinks", "hardlinks"};

    private static void properties(Xdr x, Tree p) {
        long v = x.peek();
        StringBuilder label = new StringBuilder("Properties: ").append(Xdr.hex8(v));
        for (int i = 0; i < 4; i++) {
            if ((v & PROP_MASKS[i]) != 0) {
                label.append(", ").append(PROP_NAMES[i]);
            }
        }
        Tree t = x.b.at(p.field("nfs.fsinfo.properties", label.toString(), Xdr.hex8(v)), x.off, 4);
        for (int i = 0; i < 4; i++) {
            int mask = PROP_MASKS[i];
            boolean on = (v & mask) != 0;
            String text = i == 1 ? "PATHCONF: " + (on ? "is valid for all files" : "should be get for every single file")
                    : PROP_NAMES[i] + ": " + (on ? "Yes" : "No");
            x.b.at(t.field("nfs.fsinfo.properties." + PROP_KEYS[i], Text.bits((int) v, mask, 32) + " = " + text, on ? "1" : "0")
                    .bitmask(mask), x.off, 4);
        }
        x.off += 4;
    }

    private static final String[] ACCESS = {"READ", "LOOKUP", "MODIFY", "EXTEND", "DELETE", "EXECUTE"};
    private static final String[] ACCESS_SHORT = {"RD", "LU", "MD", "XT", "DL", "XE"};
    private static final String[] ACCESS_KEYS = {"read", "lookup", "modify", "extend", "delete", "execute"};

    private static void accessBits(Tree t, long value, long asked, boolean call, Xdr x) {
        for (int i = 0; i < 6; i++) {
            long m = 1L << i;
            if ((asked & m) == 0) {
                continue;
            }
            boolean on = (value & m) != 0;
            String text = "0x" + String.format("%03x", m) + " " + ACCESS[i] + ": " + (call ? "allowed?" : on ? "allowed" : "*Access Denied*");
            t.field("nfs.access_" + ACCESS_KEYS[i], Text.bits((int) value, (int) m, 8) + " = " + text, on ? "1" : "0").bitmask(m).at(x.b.s, x.b.base + x.off, 4);
        }
    }

    private static String accessNames(long mask) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            if ((mask & 1L << i) != 0) {
                sb.append(sb.isEmpty() ? "" : " ").append(ACCESS_SHORT[i]);
            }
        }
        return sb.toString();
    }

    private static String hex2(long v) {
        String h = Long.toHexString(v);
        return h.length() < 2 ? "0" + h : h;
    }

    private static String stableName(long v, String unknown) {
        return v == 0 ? "UNSTABLE" : v == 1 ? "DATA_SYNC" : v == 2 ? "FILE_SYNC" : unknown;
    }

    private static String createMode(long v) {
        return v == 0 ? "UNCHECKED" : v == 1 ? "GUARDED" : v == 2 ? "EXCLUSIVE" : "Unknown";
    }

    /** nfs_fh3: a subtree {@code title} with the length, the CRC-32 hash and the handle's bytes; returns the hash. */
    static int fh(Xdr x, Tree parent, String title) {
        int start = x.off;
        long n = x.b.u32(x.off);
        int len = (int) Math.min(n, Integer.MAX_VALUE);
        int fill = (int) ((4 - (n & 3)) & 3);
        Tree t = x.b.at(parent.text(title), start, (int) Math.min(4L + len + fill, Integer.MAX_VALUE));
        x.uint(t, "nfs.fh.length", "length");
        x.b.need(x.off, len);
        int hash = x.crc32(x.off, len);
        t.field("nfs.fh.hash", "hash (CRC-32): " + Xdr.hex8(hash), Xdr.hex8(hash)).generated()
                .at(x.b.s, x.b.base + x.off, len);
        x.b.at(t.bytes("nfs.fhandle", "FileHandle", x.b.s, x.b.base + x.off, len), x.off, len);
        x.off += len + fill;
        return hash;
    }

    /** diropargs3: the directory's handle and the name; returns {hash, name}. */
    private static String[] diropargs(Xdr x, Tree parent, String title) {
        int start = x.off;
        Tree t = parent.text(title).at(x.b.s, x.b.base + start, 0);
        int h = fh(x, t, "dir");
        String name = x.counted(t, "nfs.name", "Name", true);
        t.length(x.off - start);
        return new String[] {Xdr.hex8(h), name};
    }

    private static final String[] FTYPE = {null, "Regular File", "Directory", "Block Device", "Character Device",
        "Symbolic Link", "Socket", "Named Pipe"};
    private static final String[] MODE_NAMES = {"S_ISUID", "S_ISGID", "S_ISVTX", "S_IRUSR", "S_IWUSR", "S_IXUSR",
        "S_IRGRP", "S_IWGRP", "S_IXGRP", "S_IROTH", "S_IWOTH", "S_IXOTH"};
    private static final String[] MODE_KEYS = {"suid", "sgid", "sticky", "rusr", "wusr", "xusr", "rgrp", "wgrp", "xgrp",
        "roth", "woth", "xoth"};

    private static void mode(Xdr x, Tree parent) {
        long mode = x.peek();
        StringBuilder label = new StringBuilder("Mode: ").append(mode == 0 ? "0" : "0" + Long.toOctalString(mode));
        for (int i = 0; i < 12; i++) {
            if ((mode & 0x800 >> i) != 0) {
                label.append(", ").append(MODE_NAMES[i]);
            }
        }
        Tree t = x.b.at(parent.field("nfs.mode3", label.toString(), Long.toString(mode)), x.off, 4);
        for (int i = 0; i < 12; i++) {
            int m = 0x800 >> i;
            boolean on = (mode & m) != 0;
            x.b.at(t.field("nfs.mode3." + MODE_KEYS[i], Text.bits((int) mode, m, 32) + " = " + MODE_NAMES[i] + ": " + (on ? "Yes" : "No"),
                    on ? "1" : "0").bitmask(m), x.off, 4);
        }
        x.off += 4;
    }

    /** fattr3 under a subtree {@code title}; returns the text packet-nfs.c appends ("  Directory mode: 1777 uid: 0 gid: 0"). */
    static String fattr3(Xdr x, Tree parent, String title) {
        int start = x.off;
        Tree t = parent.text(title).at(x.b.s, x.b.base + start, 84);
        long type = x.peek();
        String tn = type > 0 && type < FTYPE.length ? FTYPE[(int) type] : null;
        x.uint(t, "nfs.fattr3.type", v -> "Type: " + (tn != null ? tn : "Unknown") + " (" + v + ")");
        long mode = x.peek();
        mode(x, t);
        x.uint(t, "nfs.fattr3.nlink", "nlink");
        long uid = x.uint(t, "nfs.fattr3.uid", "uid");
        long gid = x.uint(t, "nfs.fattr3.gid", "gid");
        x.uint64(t, "nfs.fattr3.size", "size");
        x.uint64(t, "nfs.fattr3.used", "used");
        long d1 = x.b.u32(x.off);
        long d2 = x.b.u32(x.off + 4);
        Tree rdev = x.b.at(t.text("rdev: " + d1 + "," + d2), x.off, 8);
        x.uint(rdev, "nfs.specdata1", "specdata1");
        x.uint(rdev, "nfs.specdata2", "specdata2");
        x.b.need(x.off, 8);
        long fsid = x.b.u32(x.off) << 32 | x.b.u32(x.off + 4);
        String fh = Long.toHexString(fsid);
        x.b.at(t.field("nfs.fattr3.fsid", "fsid: 0x" + "0000000000000000".substring(fh.length()) + fh + " (" + Long.toUnsignedString(fsid) + ")",
                "0x" + "0000000000000000".substring(fh.length()) + fh), x.off, 8);
        x.off += 8;
        x.uint64(t, "nfs.fattr3.fileid", "fileid");
        time(x, t, "atime", "nfs.atime");
        time(x, t, "mtime", "nfs.mtime");
        time(x, t, "ctime", "nfs.ctime");
        String text = "  " + (tn != null ? tn : "Unknown Type: " + Xdr.hex8(type)) + " mode: " + String.format("%04o", mode & 07777)
                + " uid: " + uid + " gid: " + gid;
        t.relabel(title + text);
        return text;
    }

    private static void time(Xdr x, Tree parent, String title, String key) {
        long sec = x.b.u32(x.off);
        long nsec = x.b.u32(x.off + 4);
        String v = Text.absTime(sec, (int) nsec);
        Tree t = x.b.at(parent.field(key, title + ": " + v, v).time(sec, (int) nsec), x.off, 8);
        x.uint(t, key + ".sec", "seconds");
        x.uint(t, key + ".nsec", "nano seconds");
    }

    /** post_op_attr: "attributes_follow" and, when set, the attributes; the subtree's label takes their text. */
    static void postOpAttr(Xdr x, Tree parent, String title) {
        int start = x.off;
        Tree t = parent.text(title).at(x.b.s, x.b.base + start, 4);
        boolean follows = follows(x, t, "nfs.attributes_follow", "attributes_follow");
        if (follows) {
            String text = fattr3(x, t, "attributes");
            t.relabel(title + text).length(x.off - start);
        }
    }

    private static boolean follows(Xdr x, Tree t, String key, String title) {
        long v = x.peek();
        x.uint(t, key, n -> title + ": " + (n == 0 ? "no value" : n == 1 ? "value follows" : "Unknown") + " (" + n + ")");
        return v == 1;
    }

    private static void postOpFh(Xdr x, Tree parent, String title) {
        int start = x.off;
        Tree t = parent.text(title).at(x.b.s, x.b.base + start, 4);
        if (follows(x, t, "nfs.handle_follow", "handle_follow")) {
            fh(x, t, "handle");
            t.length(x.off - start);
        }
    }

    /** wcc_data: pre_op_attr "before" (size, mtime, ctime) and post_op_attr "after". */
    private static void wcc(Xdr x, Tree parent, String title) {
        int start = x.off;
        Tree t = parent.text(title).at(x.b.s, x.b.base + start, 0);
        int bstart = x.off;
        Tree before = t.text("before").at(x.b.s, x.b.base + bstart, 4);
        if (follows(x, before, "nfs.attributes_follow", "attributes_follow")) {
            Tree a = before.text("attributes").at(x.b.s, x.b.base + x.off, 24);
            x.uint64(a, "nfs.wcc_attr.size", "size");
            time(x, a, "mtime", "nfs.mtime");
            time(x, a, "ctime", "nfs.ctime");
            before.length(x.off - bstart);
        }
        postOpAttr(x, t, "after");
        t.length(x.off - start);
    }

    private static final String[] SET_TIME = {"don't change", "set to server time", "set to client time"};

    /** sattr3: mode, uid, gid and size each behind set_it; atime and mtime behind a set_it of three values. */
    private static void sattr3(Xdr x, Tree parent, String title) {
        int start = x.off;
        Tree t = parent.text(title).at(x.b.s, x.b.base + start, 0);
        String[] names = {"mode", "uid", "gid", "size"};
        for (String n : names) {
            int s0 = x.off;
            long set = x.peek();
            String sv = set == 0 ? "no value" : set == 1 ? "value follows" : "Unknown";
            Tree it = t.text(n + ": " + sv).at(x.b.s, x.b.base + s0, 4);
            x.uint(it, "nfs.set_it", v -> "set_it: " + sv + " (" + v + ")");
            if (set == 1) {
                switch (n) {
                    case "mode" -> mode(x, it);
                    case "uid" -> x.uint(it, "nfs.uid3", "uid");
                    case "gid" -> x.uint(it, "nfs.gid3", "gid");
                    default -> x.uint64(it, "nfs.set_size", "size");
                }
                it.length(x.off - s0);
            }
        }
        for (String n : new String[] {"atime", "mtime"}) {
            int s0 = x.off;
            long set = x.peek();
            String sv = set >= 0 && set < 3 ? SET_TIME[(int) set] : "Unknown";
            Tree it = t.text(n + ": " + sv).at(x.b.s, x.b.base + s0, 4);
            x.uint(it, "nfs.set_it", v -> "set_it: " + sv + " (" + v + ")");
            if (set == 2) {
                time(x, it, n, "nfs." + n);
                it.length(x.off - s0);
            }
        }
        t.length(x.off - start);
    }

    private static final java.util.Map<Long, String> STATUS = java.util.Map.ofEntries(
            java.util.Map.entry(0L, "NFS3_OK"), java.util.Map.entry(1L, "NFS3ERR_PERM"), java.util.Map.entry(2L, "NFS3ERR_NOENT"),
            java.util.Map.entry(5L, "NFS3ERR_IO"), java.util.Map.entry(6L, "NFS3ERR_NXIO"), java.util.Map.entry(13L, "NFS3ERR_ACCES"),
            java.util.Map.entry(17L, "NFS3ERR_EXIST"), java.util.Map.entry(18L, "NFS3ERR_XDEV"), java.util.Map.entry(19L, "NFS3ERR_NODEV"),
            java.util.Map.entry(20L, "NFS3ERR_NOTDIR"), java.util.Map.entry(21L, "NFS3ERR_ISDIR"), java.util.Map.entry(22L, "NFS3ERR_INVAL"),
            java.util.Map.entry(27L, "NFS3ERR_FBIG"), java.util.Map.entry(28L, "NFS3ERR_NOSPC"), java.util.Map.entry(30L, "NFS3ERR_ROFS"),
            java.util.Map.entry(31L, "NFS3ERR_MLINK"), java.util.Map.entry(63L, "NFS3ERR_NAMETOOLONG"),
            java.util.Map.entry(66L, "NFS3ERR_NOTEMPTY"), java.util.Map.entry(69L, "NFS3ERR_DQUOT"), java.util.Map.entry(70L, "NFS3ERR_STALE"),
            java.util.Map.entry(71L, "NFS3ERR_REMOTE"), java.util.Map.entry(10001L, "NFS3ERR_BADHANDLE"),
            java.util.Map.entry(10002L, "NFS3ERR_NOT_SYNC"), java.util.Map.entry(10003L, "NFS3ERR_BAD_COOKIE"),
            java.util.Map.entry(10004L, "NFS3ERR_NOTSUPP"), java.util.Map.entry(10005L, "NFS3ERR_TOOSMALL"),
            java.util.Map.entry(10006L, "NFS3ERR_SERVERFAULT"), java.util.Map.entry(10007L, "NFS3ERR_BADTYPE"),
            java.util.Map.entry(10008L, "NFS3ERR_JUKEBOX"));

    private static String status3(long v) {
        return STATUS.get(v);
    }
}
