package dev.tcpscope.proto.afs;

import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * The arguments of an AFS call's first packet, as packet-afs.c's per-service request and reply
 * routines walk them with a ptvcursor: file ids, fetch and store status blocks, callbacks,
 * VolSync, counted and vectorised strings, VLDB entries, PROT id and name lists, UBIK versions.
 * A request's walk starts after its opcode; a reply's at its first byte.
 *
 * <p>Bounded: every array and list reads at least four bytes an element through a checked item or
 * read, so a mutated count ends the walk at the datagram's end ({@link Tvb.Stop}); the fixed
 * loops (VLDB's 8 or 13 servers) are constant.
 */
final class AfsArgs extends AfsCursor {
    /** PRNAMEMAX, VLNAMEMAX: the vectorised names' lengths in 32-bit characters. */
    private static final int PRNAMEMAX = 64;
    private static final int VLNAMEMAX = 65;

    private static final String[] VLDB_FLAGS = {"afs.vldb.flags.rwexists", "afs.vldb.flags.roexists",
        "afs.vldb.flags.bkexists", "afs.vldb.flags.dfsfileset"};

    private final boolean reply;

    AfsArgs(Tvb t, Put put, Tree op, boolean reply) {
        super(t, put, op);
        this.reply = reply;
    }

    /** The arguments of {@code opcode} of service {@code prefix} ("fs", "cb", "ubik" ...). */
    void call(String prefix, int opcode) {
        if (!reply) {
            off = 4; // skip the opcode
        }
        switch (prefix) {
            case "fs" -> {
                if (reply) {
                    fsReply(opcode);
                } else {
                    fsRequest(opcode);
                }
            }
            case "cb" -> {
                if (reply && opcode == 65538) {
                    interfaces();
                    capabilities();
                }
                if (!reply && opcode == 204) {
                    array(() -> fid("FileID (Target)", "afs.cb.fid"));
                    array(() -> callback("afs.cb.callback"));
                }
            }
            case "prot" -> {
                if (reply) {
                    protReply(opcode);
                } else {
                    protRequest(opcode);
                }
            }
            case "vldb" -> {
                if (reply) {
                    vldbReply(opcode);
                } else {
                    vldbRequest(opcode);
                }
            }
            case "vol" -> {
                if (opcode == 121) {
                    add("afs.vol.count", 4);
                    if (reply) {
                        vector("afs.vol.name", 32);
                    } else {
                        add("afs.vol.id", 4);
                    }
                }
            }
            case "kauth" -> {
                if (!reply) {
                    kauthRequest(opcode);
                }
            }
            case "bos" -> {
                if (reply) {
                    bosReply(opcode);
                } else {
                    bosRequest(opcode);
                }
            }
            case "ubik" -> {
                if (reply) {
                    ubikReply(opcode);
                } else {
                    ubikRequest(opcode);
                }
            }
            default -> { }
        }
    }

    // ---- services -------------------------------------------------------------------------------

    private void fsRequest(int opcode) {
        switch (opcode) {
            case 130 -> {
                fsFid("Source");
                add("afs.fs.offset", 4);
                add("afs.fs.length", 4);
            }
            case 131, 132, 157, 158, 220 -> fsFid("Target");
            case 134 -> {
                fsFid("Target");
                off = AfsAcl.acl(t, put, tree, off);
            }
            case 133 -> {
                fsFid("Destination");
                storeStatus("Status");
                add("afs.fs.offset", 4);
                add("afs.fs.length", 4);
                add("afs.fs.flength", 4);
                rest("afs.fs.data");
            }
            case 135 -> {
                fsFid("Target");
                storeStatus("Status");
            }
            case 136 -> {
                fsFid("Remove File");
                string("afs.fs.name");
            }
            case 137, 141 -> {
                fsFid("Target");
                string("afs.fs.name");
                storeStatus("Status");
            }
            case 138 -> {
                fsFid("Old");
                string("afs.fs.oldname");
                fsFid("New");
                string("afs.fs.newname");
            }
            case 139 -> {
                fsFid("File");
                string("afs.fs.symlink.name");
                string("afs.fs.symlink.content");
                storeStatus("Status");
            }
            case 140 -> {
                fsFid("Link To (New File)");
                string("afs.fs.name");
                fsFid("Link From (Old File)");
            }
            case 142, 161 -> {
                fsFid("Target");
                string("afs.fs.name");
            }
            case 143 -> {
                fsFid("Target");
                add("afs.fs.vicelocktype", 4);
                volSync();
            }
            case 144, 145 -> {
                fsFid("Target");
                volSync();
            }
            case 147 -> {
                array(() -> fsFid("Target"));
                array(() -> callback("afs.fs.callback"));
            }
            case 148, 154 -> string("afs.fs.volname");
            case 149 -> add("afs.fs.volid", 4);
            case 150 -> {
                add("afs.fs.volid", 4);
                string("afs.fs.volname");
                string("afs.fs.offlinemsg");
                string("afs.fs.motd");
            }
            case 155, 65536 -> array(() -> fsFid("Target"));
            case 156 -> {
                fsFid("Target");
                add("afs.fs.vicelocktype", 4);
            }
            case 160 -> {
                add("afs.fs.xstats.clientversion", 4);
                add("afs.fs.xstats.collnumber", 4);
            }
            case 162 -> {
                array8("afs.fs.viceid");
                array8("afs.fs.ipaddr");
                add("afs.fs.cps.spare1", 4);
            }
            case 163 -> {
                fsFid("Target");
                string("afs.fs.symlink.name");
                string("afs.fs.symlink.content");
                storeStatus("Symlink Status");
            }
            case 65537 -> {
                fsFid("Target");
                add("afs.fs.offset64", 8);
                add("afs.fs.length64", 8);
            }
            case 65538 -> {
                fsFid("Target");
                storeStatus("Status");
                add("afs.fs.offset64", 8);
                add("afs.fs.length64", 8);
                add("afs.fs.flength64", 8);
            }
            case 152 -> {
                add("afs.fs.viceid", 4);
                vector("afs.fs.token", 1024);
            }
            default -> { }
        }
    }

    private void fsReply(int opcode) {
        switch (opcode) {
            case 130 -> {
                fetchStatus("Status");
                callback("afs.fs.callback");
                volSync();
                rest("afs.fs.data");
            }
            case 131 -> {
                off = AfsAcl.acl(t, put, tree, off);
                fetchStatus("Status");
                volSync();
            }
            case 132 -> {
                fetchStatus("Status");
                callback("afs.fs.callback");
                volSync();
            }
            case 133, 134, 135, 136 -> {
                fetchStatus("Status");
                volSync();
            }
            case 137, 141, 161, 163 -> {
                fsFid(opcode == 137 ? "New File" : opcode == 141 ? "New Directory" : "File");
                fetchStatus("File Status");
                fetchStatus("Directory Status");
                callback("afs.fs.callback");
                volSync();
            }
            case 138 -> {
                fetchStatus("Old Directory Status");
                fetchStatus("New Directory Status");
                volSync();
            }
            case 139 -> fsFid("Symlink"); // 4.0.17 stops there (the older fall-through to 140 and 142 is gone)
            case 140 -> fetchStatus("Symlink Status");
            case 142 -> {
                fetchStatus("Directory Status");
                volSync();
            }
            case 149 -> {
                string("afs.fs.volname");
                string("afs.fs.offlinemsg");
                string("afs.fs.motd");
            }
            case 151 -> string("afs.fs.volname");
            case 153 -> {
                // OUT_TIMESTAMP: seconds and microseconds
                long secs = put.value(off, 4);
                long usecs = put.value(off + 4, 4);
                timestamp("afs.fs.timestamp", secs, usecs);
                off += 8;
            }
            case 155, 65536 -> {
                array(() -> fetchStatus("Status"));
                if (opcode == 155) {
                    off += 4;
                }
                array(() -> callback("afs.fs.callback"));
                volSync();
            }
            case 156, 157, 158 -> volSync();
            case 159 -> add("afs.fs.xstats.version", 4);
            case 160 -> {
                add("afs.fs.xstats.version", 4);
                secs("afs.fs.xstats.timestamp");
            }
            case 162 -> {
                add("afs.fs.cps.spare2", 4);
                add("afs.fs.cps.spare3", 4);
            }
            default -> { } // 146, 148 and 154 read nothing in 4.0.17 either
        }
    }

    private void protRequest(int opcode) {
        switch (opcode) {
            case 500 -> {
                string("afs.prot.name_uint_string");
                add("afs.prot.id", 4);
                add("afs.prot.oldid", 4);
            }
            case 501, 506, 508, 512, 514, 517, 519 -> add("afs.prot.id", 4);
            case 502 -> add("afs.prot.pos", 4);
            case 503, 507, 515 -> {
                add("afs.prot.uid", 4);
                add("afs.prot.gid", 4);
            }
            case 504 -> counted("afs.prot.count", () -> vector("afs.prot.name", PRNAMEMAX));
            case 505 -> counted("afs.prot.count", () -> add("afs.prot.id", 4));
            case 509 -> {
                string("afs.prot.name_uint_string");
                add("afs.prot.flag", 4);
                add("afs.prot.oldid", 4);
            }
            case 511 -> {
                add("afs.prot.id", 4);
                add("afs.prot.flag", 4);
            }
            case 513 -> {
                add("afs.prot.id", 4);
                string("afs.prot.name_uint_string");
                add("afs.prot.oldid", 4);
                add("afs.prot.newid", 4);
            }
            case 520 -> {
                add("afs.prot.id", 4);
                string("afs.prot.name_uint_string");
            }
            default -> { }
        }
    }

    private void protReply(int opcode) {
        switch (opcode) {
            case 504, 508, 514, 517, 518, 519 -> counted("afs.prot.count", () -> add("afs.prot.id", 4));
            case 505 -> counted("afs.prot.count", () -> vector("afs.prot.name", PRNAMEMAX));
            case 510 -> {
                add("afs.prot.maxuid", 4);
                add("afs.prot.maxgid", 4);
            }
            default -> { }
        }
    }

    private void vldbRequest(int opcode) {
        switch (opcode) {
            case 501, 517 -> vector("afs.vldb.name", VLNAMEMAX);
            case 502, 503, 507, 508, 509, 518 -> {
                add("afs.vldb.id", 4);
                add("afs.vldb.type", 4);
            }
            case 504, 519, 524, 527 -> string("afs.vldb.name_uint_string");
            case 505 -> add("afs.vldb.bump", 4);
            case 506, 520 -> {
                add("afs.vldb.id", 4);
                add("afs.vldb.type", 4);
                vector("afs.vldb.name", VLNAMEMAX);
            }
            case 510, 521 -> add("afs.vldb.index", 4);
            case 532 -> {
                add("afs.vldb.serveruuid", 44);
                add("afs.vldb.spare1", 4);
                array(() -> add("afs.vldb.serverip", 4));
            }
            default -> { }
        }
    }

    private void vldbReply(int opcode) {
        switch (opcode) {
            case 510, 521, 529 -> {
                add("afs.vldb.count", 4);
                add("afs.vldb.nextindex", 4);
            }
            case 503, 504 -> {
                vector("afs.vldb.name", VLNAMEMAX);
                off += 4;
                int n = servers(8);
                partitions(8, n);
                off += 8 * 4;
                add("afs.vldb.rwvol", 4);
                add("afs.vldb.rovol", 4);
                add("afs.vldb.bkvol", 4);
                add("afs.vldb.clonevol", 4);
                put.bitmask(tree, "afs.vldb.flags", off, 4, VLDB_FLAGS);
                off += 4;
            }
            case 505 -> add("afs.vldb.id", 4);
            case 518, 519 -> {
                vector("afs.vldb.name", VLNAMEMAX);
                int n = servers(13);
                partitions(13, n);
                off += 13 * 4;
                add("afs.vldb.rwvol", 4);
                add("afs.vldb.rovol", 4);
                add("afs.vldb.bkvol", 4);
            }
            case 526, 527 -> {
                vector("afs.vldb.name", VLNAMEMAX);
                int n = (int) put.value(off, 4);
                add("afs.vldb.numservers", 4);
                for (int i = 0; i < 13; i++) {
                    if (i < n) {
                        add("afs.vldb.serveruuid", 44);
                    } else {
                        off += 44;
                    }
                }
                for (int i = 0; i < 13; i++) {
                    if (i < n) {
                        add("afs.vldb.serveruniq", 4);
                    } else {
                        off += 4;
                    }
                }
                partitions(13, n);
                for (int i = 0; i < 13; i++) {
                    if (i < n) {
                        add("afs.vldb.serverflags", 4);
                    } else {
                        off += 4;
                    }
                }
                for (String f : new String[] {"rwvol", "rovol", "bkvol", "clonevol", "flags", "spare1", "spare2", "spare3",
                    "spare4", "spare5", "spare6", "spare7", "spare8", "spare9"}) {
                    add("afs.vldb." + f, 4);
                }
            }
            default -> { }
        }
    }

    /** The server count and the first {@code slots} server words, those under the count shown; returns the count. */
    private int servers(int slots) {
        int n = (int) put.value(off, 4); // a C int: a huge count is negative, no server shown
        add("afs.vldb.numservers", 4);
        for (int i = 0; i < slots; i++) {
            if (i < n) {
                add("afs.vldb.server", 4);
            } else {
                off += 4;
            }
        }
        return n;
    }

    /** The partition words, "/vicepa" + the partition's letter for those under the count. */
    private void partitions(int slots, int n) {
        for (int i = 0; i < slots; i++) {
            int j = (int) put.value(off, 4);
            if (i < n && j <= 25) {
                String part = "/vicep" + (char) ('a' + (byte) j);
                t.at(tree.string("afs.vldb.partition", "Partition", part), off, 4);
            }
            off += 4;
        }
    }

    private void kauthRequest(int opcode) {
        switch (opcode) {
            case 1, 21, 22, 2, 5, 6, 7, 8, 14, 15 -> {
                string("afs.kauth.princ");
                string("afs.kauth.realm");
                rest("afs.kauth.data");
            }
            case 3, 23 -> {
                add("afs.kauth.kvno", 4);
                string("afs.kauth.domain");
                long len = put.value(off, 4);
                off += 4;
                if (len > Integer.MAX_VALUE - off) {
                    t.need(off, Integer.MAX_VALUE);
                }
                add("afs.kauth.data", (int) len);
                string("afs.kauth.princ");
                string("afs.kauth.realm");
            }
            case 4 -> {
                string("afs.kauth.princ");
                string("afs.kauth.realm");
                add("afs.kauth.kvno", 4);
            }
            case 12 -> string("afs.kauth.name");
            default -> { }
        }
    }

    private void bosRequest(int opcode) {
        switch (opcode) {
            case 80 -> {
                string("afs.bos.type");
                string("afs.bos.instance");
                for (int i = 0; i < 6; i++) {
                    string("afs.bos.parm");
                }
            }
            case 81, 83, 85, 104 -> string("afs.bos.instance");
            case 82 -> {
                string("afs.bos.instance");
                add("afs.bos.status", 4);
            }
            case 84, 89, 90, 92, 95, 111 -> add("afs.bos.number", 4);
            case 86 -> {
                string("afs.bos.instance");
                add("afs.bos.number", 4);
            }
            case 87, 88 -> string("afs.bos.user");
            case 91 -> {
                add("afs.bos.number", 4);
                add("afs.bos.key", 8);
            }
            case 93, 96, 97, 114 -> string("afs.bos.content");
            case 98 -> {
                string("afs.bos.content");
                add("afs.bos.status", 4);
            }
            case 102, 109 -> add("afs.bos.flags", 4);
            case 105 -> {
                string("afs.bos.path");
                add("afs.bos.size", 4);
                add("afs.bos.flags", 4);
                add("afs.bos.date", 4);
            }
            case 106, 107 -> string("afs.bos.path");
            case 108 -> string("afs.bos.cmd");
            case 110 -> {
                add("afs.bos.number", 4);
                off += 12;
            }
            case 112 -> string("afs.bos.file");
            default -> { }
        }
    }

    private void bosReply(int opcode) {
        switch (opcode) {
            case 83 -> {
                add("afs.bos.status", 4);
                string("afs.bos.statusdesc");
            }
            case 84 -> string("afs.bos.instance");
            case 85 -> {
                string("afs.bos.type");
                off += 40;
            }
            case 86 -> string("afs.bos.parm");
            case 89 -> string("afs.bos.user");
            case 90 -> {
                add("afs.bos.kvno", 4);
                add("afs.bos.key", 8);
                put.value(off + 4, 4); // OUT_TIMESTAMP reads the microseconds too
                put.number(tree, "afs.bos.keymodtime", off, 8, put.value(off, 4));
                off += 8;
                add("afs.bos.keychecksum", 4);
                add("afs.bos.keyspare2", 4);
            }
            case 94 -> string("afs.bos.cell");
            case 95 -> string("afs.bos.host");
            case 107 -> {
                secs("afs.bos.newtime");
                secs("afs.bos.baktime");
                secs("afs.bos.oldtime");
            }
            case 111 -> off += 12;
            case 112 -> rest("afs.bos.data");
            case 114 -> {
                string("afs.bos.error");
                string("afs.bos.spare1");
                string("afs.bos.spare2");
                string("afs.bos.spare3");
            }
            default -> { }
        }
    }

    private void ubikRequest(int opcode) {
        switch (opcode) {
            case 10000 -> {
                add("afs.ubik.state", 4);
                secs("afs.ubik.votestart");
                ubikVersion("DB Version");
                ubikVersion("TID");
            }
            case 10002, 10003, 10004, 10005 -> add("afs.ubik.site", 4);
            case 20000, 20001, 20011 -> ubikVersion("TID");
            case 20002 -> {
                ubikVersion("TID");
                add("afs.ubik.file", 4);
                add("afs.ubik.position", 4);
                add("afs.ubik.length", 4);
                add("afs.ubik.locktype", 4);
            }
            case 20003 -> {
                ubikVersion("TID");
                add("afs.ubik.file", 4);
                add("afs.ubik.position", 4);
            }
            case 20005 -> add("afs.ubik.file", 4);
            case 20006 -> {
                add("afs.ubik.file", 4);
                add("afs.ubik.length", 4);
                ubikVersion("DB Version");
            }
            case 20009 -> {
                ubikVersion("TID");
                add("afs.ubik.file", 4);
                add("afs.ubik.length", 4);
            }
            case 20013 -> {
                ubikVersion("TID");
                ubikVersion("Old DB Version");
                ubikVersion("New DB Version");
            }
            case 20012 -> interfaceAddrs();
            default -> { }
        }
    }

    private void ubikReply(int opcode) {
        switch (opcode) {
            case 10001 -> debugOld();
            case 10002 -> sdebugOld();
            case 10004 -> {
                debugOld();
                interfaceAddrs();
            }
            case 10005 -> {
                sdebugOld();
                interfaceAddrs();
            }
            case 10006 -> {
                debugOld();
                interfaceAddrs();
                add("afs.ubik.isclone", 4);
            }
            case 10007 -> {
                sdebugOld();
                interfaceAddrs();
                add("afs.ubik.isclone", 4);
            }
            case 20004 -> ubikVersion("DB Version");
            case 20012 -> interfaceAddrs();
            default -> { }
        }
    }

    /** OUT_UBIK_DebugOld. */
    private void debugOld() {
        secs("afs.ubik.now");
        secs("afs.ubik.lastyesttime");
        add("afs.ubik.lastyeshost", 4);
        add("afs.ubik.lastyesstate", 4);
        secs("afs.ubik.lastyesclaim");
        add("afs.ubik.lowesthost", 4);
        secs("afs.ubik.lowesttime");
        add("afs.ubik.synchost", 4);
        secs("afs.ubik.synctime");
        ubikVersion("Sync Version");
        ubikVersion("Sync TID");
        add("afs.ubik.amsyncsite", 4);
        secs("afs.ubik.syncsiteuntil");
        add("afs.ubik.nservers", 4);
        add("afs.ubik.lockedpages", 4);
        add("afs.ubik.writelockedpages", 4);
        ubikVersion("Local Version");
        for (String f : new String[] {"activewrite", "tidcounter", "anyreadlocks", "anywritelocks", "recoverystate",
            "currenttran", "writetran"}) {
            add("afs.ubik." + f, 4);
        }
        secs("afs.ubik.epochtime");
    }

    /** OUT_UBIK_SDebugOld. */
    private void sdebugOld() {
        add("afs.ubik.addr", 4);
        secs("afs.ubik.lastvotetime");
        secs("afs.ubik.lastbeaconsent");
        add("afs.ubik.lastvote", 4);
        ubikVersion("Remote Version");
        add("afs.ubik.currentdb", 4);
        add("afs.ubik.beaconsincedown", 4);
        add("afs.ubik.up", 4);
    }

    /** OUT_UBIK_InterfaceAddrs: 255 words, the non-zero ones shown, a run of zeros as one item to the end. */
    private void interfaceAddrs() {
        boolean seenNull = false;
        for (int i = 0; i < 255; i++) {
            long j = put.value(off, 4);
            if (j != 0) {
                add("afs.ubik.interface", 4);
                seenNull = false;
            } else {
                if (!seenNull) {
                    put.item(tree, "afs.ubik.null_addresses", off, Math.max(t.cap - off, 0));
                    seenNull = true;
                }
                off += 4;
            }
        }
    }

    /** OUT_CM_INTERFACES: the count, the UUID, then 32 slots each of addresses, netmasks and MTUs. */
    private void interfaces() {
        long n = put.value(off, 4);
        subtree("Interfaces", () -> {
            add("afs.cm.numint", 4);
            add("afs.cm.uuid", 44);
            for (String f : new String[] {"afs.cm.ipaddr", "afs.cm.netmask", "afs.cm.mtu"}) {
                for (long i = 0; i < n; i++) {
                    add(f, 4);
                }
                off += (int) (4 * (32 - n)); // C's unsigned arithmetic, then an int
            }
        });
    }

    /** OUT_CM_CAPABILITIES. */
    private void capabilities() {
        subtree("Capabilities", () -> {
            add("afs.cm.numcap", 4);
            put.item(tree, "afs.cm.capabilities", off, 4);
            add("afs.cm.capabilities.errortrans", 4);
        });
    }
}
