package dev.tcpscope.proto.oncrpc;

import dev.tcpscope.proto.Tree;

import java.util.Map;

/**
 * The RPC programs tcpscope knows, as Wireshark 4.0.17 registers them (packet-portmap.c,
 * packet-mount.c, packet-nfs.c, packet-nfsacl.c, packet-sadmind.c): a call to any other program
 * is not RPC to packet-rpc.c (its "dissect unknown programs" preference is off).
 */
final class Programs {
    private Programs() { }

    private static final String[] PORTMAP_V2 = {"NULL", "SET", "UNSET", "GETPORT", "DUMP", "CALLIT"};
    private static final String[] PORTMAP_V3 = {"NULL", "SET", "UNSET", "GETADDR", "DUMP", "CALLIT", "GETTIME",
        "UADDR2TADDR", "TADDR2UADDR"};
    private static final String[] PORTMAP_V4 = {"NULL", "SET", "UNSET", "GETADDR", "DUMP", "BCAST", "GETTIME",
        "UADDR2TADDR", "TADDR2UADDR", "GETVERSADDR", "INDIRECT", "GETADDRLIST", "GETSTAT"};
    private static final String[] MOUNT_V1 = {"NULL", "MNT", "DUMP", "UMNT", "UMNTALL", "EXPORT", "EXPORTALL"};
    private static final String[] MOUNT_V2 = {"NULL", "MNT", "DUMP", "UMNT", "UMNTALL", "EXPORT", "EXPORTALL", "PATHCONF"};
    private static final String[] MOUNT_V3 = {"NULL", "MNT", "DUMP", "UMNT", "UMNTALL", "EXPORT"};
    private static final String[] NFSACL_V3 = {"NULL", "GETACL", "SETACL"};

    /** packet-portmap.c: GETPORT's program, version and protocol, and the port it answers. */
    static final Program PORTMAP = new Program(100000, "Portmap", "portmap", "Portmap") {
        @Override
        String procedure(long vers, long proc) {
            return at(vers == 2 ? PORTMAP_V2 : vers == 3 ? PORTMAP_V3 : vers == 4 ? PORTMAP_V4 : new String[0], proc);
        }

        @Override
        boolean layer(long vers, long proc, boolean call) {
            // DUMP's arguments are void
            return super.layer(vers, proc, call) && !(call && proc == 4);
        }

        @Override
        void call(long vers, long proc, Xdr x, Tree p, Out out) {
            if (vers == 2 && (proc == 1 || proc == 2 || proc == 3)) {
                long prog = x.peek();
                Program known = get(prog);
                String name = known != null ? known.shortName : "Unknown";
                x.uint(p, "portmap.prog", v -> "Program: " + name + " (" + v + ")");
                long version = x.uint(p, "portmap.version", "Version");
                // SET and GETPORT name the protocol, UNSET shows its number
                long proto = x.uint(p, "portmap.proto", v -> proc == 2 ? "Protocol: " + v : "Proto: " + ipProto(v) + " (" + v + ")");
                x.uint(p, "portmap.port", "Port");
                out.call.arg = proto;
                if (proc == 3) {
                    out.info.append(' ').append(name).append('(').append(prog).append(") V:").append(version).append(' ').append(ipProto(proto));
                    out.item.append(" GETPORT Call ").append(name).append('(').append(prog).append(") Version:")
                            .append(version).append(' ').append(ipProto(proto));
                }
            }
        }

        @Override
        void reply(long vers, long proc, Xdr x, Tree p, Out out) {
            if (vers == 2 && proc == 3) {
                long port = x.uint(p, "portmap.port", "Port");
                out.item.append(" GETPORT Reply Port:").append(port);
                if (port == 0) {
                    out.info.append(" PROGRAM_NOT_AVAILABLE");
                    out.item.append(" PROGRAM_NOT_AVAILABLE");
                } else {
                    out.info.append(" Port:").append(port);
                    out.announcePort = (int) Math.min(port, 65535);
                    out.announceProto = out.call.arg;
                }
            } else if (vers == 2 && proc == 4) {
                // DUMP: the port mapper's table
                for (int guard = 0; guard < 1 << 16 && x.follows(p); guard++) {
                    int start = x.off;
                    long prog = x.b.u32(x.off);
                    long version = x.b.u32(x.off + 4);
                    Program known = get(prog);
                    String name = known != null ? known.shortName : "Unknown";
                    Tree e = p.text("Map Entry: " + name + " (" + prog + ") V" + version).at(x.b.s, x.b.base + start, 16);
                    x.uint(e, "portmap.prog", v -> "Program: " + name + " (" + v + ")");
                    x.uint(e, "portmap.version", "Version");
                    x.uint(e, "portmap.proto", v -> "Protocol: " + ipProto(v) + " (0x" + (v < 16 ? "0" : "") + Long.toHexString(v) + ")");
                    x.uint(e, "portmap.port", "Port");
                }
            } else if (vers == 2 && (proc == 1 || proc == 2)) {
                long v = x.peek();
                x.b.at(p.field("portmap.answer", "Answer: " + (v != 0 ? "True" : "False"), v != 0 ? "1" : "0"), x.off, 4);
                x.off += 4;
            }
        }
    };

    private static String ipProto(long v) {
        return v == 6 ? "TCP" : v == 17 ? "UDP" : "Unknown";
    }

    private static final String[] MOUNT3_STATUS_NAMES = new String[64];

    static {
        MOUNT3_STATUS_NAMES[0] = "OK";
        MOUNT3_STATUS_NAMES[1] = "ERR_PERM";
        MOUNT3_STATUS_NAMES[2] = "ERR_NOENT";
        MOUNT3_STATUS_NAMES[5] = "ERR_IO";
        MOUNT3_STATUS_NAMES[13] = "ERR_ACCESS";
        MOUNT3_STATUS_NAMES[20] = "ERR_NOTDIR";
        MOUNT3_STATUS_NAMES[22] = "ERR_INVAL";
        MOUNT3_STATUS_NAMES[63] = "ERR_NAMETOOLONG";
    }

    private static String mount3Status(long v) {
        if (v == 10004) {
            return "ERR_NOTSUPP";
        }
        if (v == 10006) {
            return "ERR_SERVERFAULT";
        }
        return v >= 0 && v < MOUNT3_STATUS_NAMES.length ? MOUNT3_STATUS_NAMES[(int) v] : null;
    }

    /** packet-mount.c: the path of MNT and UMNT, MNT's file handle and flavors. */
    static final Program MOUNT = new Program(100005, "MOUNT", "mount", "Mount Service") {
        @Override
        String procedure(long vers, long proc) {
            return at(vers == 1 ? MOUNT_V1 : vers == 2 ? MOUNT_V2 : vers == 3 ? MOUNT_V3 : new String[0], proc);
        }

        @Override
        boolean layer(long vers, long proc, boolean call) {
            // void: the arguments of DUMP, UMNTALL and EXPORT, the results of UMNT and UMNTALL
            return super.layer(vers, proc, call) && (call ? proc == 1 || proc == 3 : proc != 3 && proc != 4);
        }

        @Override
        void call(long vers, long proc, Xdr x, Tree p, Out out) {
            if (proc == 1 || proc == 3) {
                String path = x.counted(p, "mount.path", "Path", true);
                out.info.append(' ').append(path);
            }
        }

        @Override
        void reply(long vers, long proc, Xdr x, Tree p, Out out) {
            if (proc == 5) {
                exports(x, p);
                return;
            }
            if (proc == 2) {
                // DUMP: who mounted what
                for (int guard = 0; guard < 1 << 16 && x.follows(p); guard++) {
                    int start = x.off;
                    Tree e = p.none("mount.dump.entry", "Mount List Entry").at(x.b.s, x.b.base + start, 0);
                    String host = x.counted(e, "mount.dump.hostname", "Hostname", true);
                    String dir = x.counted(e, "mount.dump.directory", "Directory", true);
                    e.relabel("Mount List Entry: " + host + ":" + dir).length(x.off - start);
                }
                return;
            }
            if (vers == 3 && proc == 1) {
                long status = x.peek();
                String name = mount3Status(status);
                x.uint(p, "mount.status", v -> "Status: " + (name != null ? name : "Unknown") + " (" + v + ")");
                if (status != 0) {
                    out.info.append(" Error:").append(name != null ? name : "Unknown (" + Xdr.hex8(status) + ")");
                    return;
                }
                Nfs3.fh(x, p, "fhandle");
                long n = x.uint(p, "mount.flavors", "Flavors");
                for (long i = 0; i < n && x.off < x.b.rep; i++) {
                    x.uint(p, "mount.flavor", v -> "Flavor: " + RpcWalk.flavor(v));
                }
            }
        }
    };

    /** MOUNT's EXPORT answer: each exported directory and the groups it is exported to. */
    private static void exports(Xdr x, Tree p) {
        for (int guard = 0; guard < 1 << 16 && x.follows(p); guard++) {
            int start = x.off;
            Tree e = p.none("mount.export.entry", "Export List Entry").at(x.b.s, x.b.base + start, 0);
            String dir = x.counted(e, "mount.export.directory", "Directory", true);
            int gstart = x.off;
            Tree g = e.none("mount.export.groups", "Groups").at(x.b.s, x.b.base + gstart, 0);
            StringBuilder groups = new StringBuilder();
            int n = 0;
            for (; n < 1 << 16 && x.follows(g); n++) {
                groups.append(n == 0 ? "" : " ").append(x.counted(g, "mount.export.group", "Group", true));
            }
            if (n == 0) {
                g.relabel("Groups: empty");
            }
            g.length(x.off - gstart);
            e.relabel("Export List Entry: " + dir + " -> " + groups).length(x.off - start);
        }
    }

    /** packet-nfsacl.c's procedure names. */
    static final Program NFSACL = new Program(100227, "NFSACL", "nfsacl", "NFSACL") {
        @Override
        String procedure(long vers, long proc) {
            return vers == 3 ? at(NFSACL_V3, proc) : null;
        }

        @Override
        void call(long vers, long proc, Xdr x, Tree p, Out out) {
            if (vers == 3 && proc == 1) {
                Nfs3.fh(x, p, "fhandle");
                aclMask(x, p);
            }
        }

        @Override
        void reply(long vers, long proc, Xdr x, Tree p, Out out) {
            if (vers == 3 && proc == 1) {
                long status = x.uint(p, "nfs.status", v -> "Status: " + (v == 0 ? "OK" : "Unknown") + " (" + v + ")");
                if (status != 0) {
                    return;
                }
                int start = x.off;
                Tree acl = p.none("nfsacl.acl", "ACL").at(x.b.s, x.b.base + start, 0);
                Nfs3.postOpAttr(x, acl, "attr");
                aclMask(x, acl);
                long n = x.uint(acl, "nfsacl.aclcnt", "ACL count");
                long entries = x.peek();
                x.b.at(acl.text("Total ACL entries: " + entries), x.off, 4);
                x.off += 4;
                if (entries == 0) {
                    x.uint(acl, "nfsacl.dfaclcnt", "Default ACL count");
                    long dentries = x.peek();
                    x.b.at(acl.text("Total default ACL entries: " + dentries), x.off, 4);
                    x.off += 4;
                }
                acl.length(x.off - start);
            }
        }
    };

    private static final String[] ACL_MASK = {"ACL entry", "ACL count", "Default ACL entry", "Default ACL count"};
    private static final String[] ACL_MASK_KEYS = {"acl_entry", "acl_count", "default_acl_entry", "default_acl_count"};

    private static void aclMask(Xdr x, Tree p) {
        long m = x.peek();
        Tree t = x.b.at(p.field("nfsacl.mask", "Mask: " + Xdr.hex8(m), Xdr.hex8(m)), x.off, 4);
        for (int i = 0; i < 4; i++) {
            boolean on = (m >> i & 1) != 0;
            x.b.at(t.field("nfsacl.mask." + ACL_MASK_KEYS[i], dev.tcpscope.proto.Text.bits((int) m, 1 << i, 32) + " = " + ACL_MASK[i]
                    + ": " + (on ? "Yes" : "No"), on ? "1" : "0").bitmask(1L << i), x.off, 4);
        }
        x.off += 4;
    }

    private static final String[] NLM_PROCS = {"NULL", "TEST", "LOCK", "CANCEL", "UNLOCK", "GRANTED", "TEST_MSG", "LOCK_MSG",
        "CANCEL_MSG", "UNLOCK_MSG", "GRANTED_MSG", "TEST_RES", "LOCK_RES", "CANCEL_RES", "UNLOCK_RES", "GRANTED_RES", null, null, null,
        null, "SHARE", "UNSHARE", "NM_LOCK", "FREE_ALL"};
    private static final String[] NLM_STATS = {"NLM_GRANTED", "NLM_DENIED", "NLM_DENIED_NOLOCKS", "NLM_BLOCKED",
        "NLM_DENIED_GRACE_PERIOD", "NLM_DEADLCK", "NLM_ROFS", "NLM_STALE_FH", "NLM_FBIG", "NLM_FAILED"};

    /**
     * packet-nlm.c: the lock manager NFSv3 clients lock files through. TEST, LOCK, CANCEL, UNLOCK
     * and GRANTED (and their _MSG forms) with the lock (caller, file handle, owner, svid, range;
     * 64-bit in version 4), the answers' status; Info " FH:0x278b4226 svid:4242 pos:0-100" on a
     * call and the status other than NLM_GRANTED on a reply.
     */
    static final Program NLM = new Program(100021, "NLM", "nlm", "Network Lock Manager Protocol") {
        @Override
        String procedure(long vers, long proc) {
            return vers >= 1 && vers <= 4 && (proc < 16 || vers >= 3) ? at(NLM_PROCS, proc) : null;
        }

        @Override
        void call(long vers, long proc, Xdr x, Tree p, Out out) {
            int kind = proc >= 6 && proc <= 10 ? (int) proc - 5 : (int) proc;
            if (kind < 1 || kind > 5) {
                return;
            }
            x.counted(p, "nlm.cookie", "cookie", false);
            if (kind == 2 || kind == 3) {
                x.bool(p, "nlm.block", "block");
            }
            if (kind != 4) {
                x.bool(p, "nlm.exclusive", "exclusive");
            }
            int start = x.off;
            // packet-nlm.c's lock item runs to the end of the message
            Tree l = p.none("nlm.lock", "lock").at(x.b.s, x.b.base + start, Math.max(x.b.cap - start, 0));
            x.counted(l, "nlm.lock.caller_name", "caller_name", true);
            int h = Nfs3.fh(x, l, "fh");
            x.counted(l, "nlm.lock.owner", "owner", false);
            long svid = x.uint(l, "nlm.lock.svid", "svid");
            long offset = vers == 4 ? x.uint64(l, "nlm.lock.l_offset64", "l_offset") : x.uint(l, "nlm.lock.l_offset", "l_offset");
            long len = vers == 4 ? x.uint64(l, "nlm.lock.l_len64", "l_len") : x.uint(l, "nlm.lock.l_len", "l_len");
            if (kind == 2) {
                x.bool(p, "nlm.reclaim", "reclaim");
                x.uint(p, "nlm.state", "state");
            }
            out.info.append(" FH:").append(Xdr.hex8(h)).append(" svid:").append(svid).append(" pos:")
                    .append(Long.toUnsignedString(offset)).append('-').append(Long.toUnsignedString(len));
        }

        @Override
        void reply(long vers, long proc, Xdr x, Tree p, Out out) {
            if (proc < 1 || proc > 5) {
                return;
            }
            x.counted(p, "nlm.cookie", "cookie", false);
            Tree parent = p;
            String key = "nlm.stat";
            if (proc == 1) {
                parent = p.none("nlm.test_stat", "test_stat").at(x.b.s, x.b.base + x.off, 4);
                key = "nlm.test_stat.stat";
            }
            long stat = x.uint(parent, key, v -> "stat: " + (v < NLM_STATS.length ? NLM_STATS[(int) v] : "Unknown") + " (" + v + ")");
            if (stat != 0) {
                out.info.append(' ').append(stat < NLM_STATS.length ? NLM_STATS[(int) stat] : "Unknown");
            }
        }
    };

    private static final Map<Long, Program> ALL = Map.of(
            100000L, PORTMAP,
            100021L, NLM,
            100003L, Nfs3.NFS,
            100005L, MOUNT,
            100227L, NFSACL,
            100232L, Program.named(100232, "SADMIND", "sadmind", "SADMIND"));

    /** The program numbered {@code prog}, or null. */
    static Program get(long prog) {
        return ALL.get(prog);
    }
}
