package dev.tcpscope.proto.afs;

import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * packet-afs.c's ptvcursor and the structures its macros add (OUT_FS_AFSFid, OUT_FS_AFSFetchStatus,
 * OUT_FS_AFSStoreStatus, OUT_FS_AFSCallBack, OUT_FS_AFSVolSync, OUT_RXString, OUT_RXStringV,
 * OUT_RXArray8/32, OUT_TIMESECS, OUT_TIMESTAMP, OUT_UBIKVERSION): an offset moving through the
 * call's bytes and the subtree items are added under. {@link AfsArgs} walks the services with it.
 *
 * <p>Bounded: every array element reads at least four bytes through a checked item or read, so a
 * mutated count ends the walk at the datagram's end ({@link Tvb.Stop}).
 */
abstract class AfsCursor {
    private static final String[] STATUS_MASK = {"afs.fs.status.mask.setmodtime", "afs.fs.status.mask.setowner",
        "afs.fs.status.mask.setgroup", "afs.fs.status.mask.setmode", "afs.fs.status.mask.setsegsize",
        "afs.fs.status.mask.fsync"};

    final Tvb t;
    final Put put;
    Tree tree;
    int off;

    AfsCursor(Tvb t, Put put, Tree op) {
        this.t = t;
        this.put = put;
        this.tree = op;
    }

    /** ptvcursor_add. */
    final void add(String key, int len) {
        put.item(tree, key, off, len);
        off += len;
    }

    /** ptvcursor_add of an FT_UINT_STRING, then OUT_RXString's padding (four bytes when already aligned). */
    final void string(String key) {
        int start = off;
        put.item(tree, key, off, 0);
        off += put.countedLength(start);
        off += (4 - ((off - start) & 3)) & 3; // 4.0.17 pads to the next 32-bit boundary, none when aligned
    }

    /** OUT_RXStringV: {@code length} 32-bit characters, each its low byte, to the first NUL. */
    final void vector(String key, int length) {
        StringBuilder sb = new StringBuilder();
        boolean ended = false;
        for (int i = 0; i < length; i++) {
            int c = (int) (put.value(off + i * 4, 4) & 0xff);
            if (c == 0) {
                ended = true;
            } else if (!ended) {
                sb.append(c < 0x80 ? (char) c : '\ufffd');
            }
        }
        t.at(tree.string(key, Put.AFS.row(key).title(), sb.toString()), off, length * 4);
        off += length * 4;
    }

    /** OUT_TIMESECS, ptvcursor_add of a time by its 32-bit seconds. */
    final void secs(String key) {
        put.number(tree, key, off, 4, put.value(off, 4));
        off += 4;
    }

    /** An FT_ABSOLUTE_TIME of seconds and microseconds over 8 bytes (OUT_TIMESTAMP). */
    final void timestamp(String key, long secs, long usecs) {
        long nanos = usecs * 1000 & 0xffffffffL; // nstime_t's nsecs is an int: the product wraps as C's does
        String shown = dev.tcpscope.proto.Text.absTime(secs, (int) nanos);
        t.at(tree.field(key, Put.AFS.row(key).title() + ": " + shown, shown).time(secs, (int) nanos), off, 8);
    }

    /** A text subtree (ptvcursor_add_text_with_subtree, SUBTREE_UNDEFINED_LENGTH) around {@code body}. */
    final void subtree(String label, Runnable body) {
        Tree parent = tree;
        int start = off;
        if (off >= t.cap && t.cap > 0 && put.visible) { // get_hfi_length spares an empty tvb
            t.need(off, 1); // an item to the end (length -1) wants a byte there; a faked one nothing
        }
        // added to the end of the captured bytes (SUBTREE_UNDEFINED_LENGTH), its length set when it
        // is popped: a walk that throws inside leaves it to the end
        Tree sub = t.at(parent.text(label), off, Math.max(t.cap - off, 0));
        tree = sub;
        try {
            body.run();
            sub.length(off - start);
        } finally {
            tree = parent;
        }
    }

    /** OUT_RXArray32: a 32-bit count, then that many elements. */
    final void array(Runnable element) {
        long n = put.value(off, 4);
        off += 4;
        for (long i = 0; i < n; i++) {
            element.run(); // each element reads its bytes, so the datagram's end ends the loop
        }
    }

    /** OUT_RXArray8: a one-byte count, then that many 32-bit items of {@code key}. */
    final void array8(String key) {
        int n = t.u8(off);
        off += 1;
        for (int i = 0; i < n; i++) {
            add(key, 4);
        }
    }

    /** A 32-bit count item, then that many elements. */
    final void counted(String countKey, Runnable element) {
        long n = put.value(off, 4);
        add(countKey, 4);
        for (long i = 0; i < n; i++) {
            element.run();
        }
    }

    /** OUT_FS_AFSFid / OUT_CB_AFSFid. */
    final void fid(String label, String prefix) {
        subtree(label, () -> {
            add(prefix + ".volume", 4);
            add(prefix + ".vnode", 4);
            add(prefix + ".uniq", 4);
        });
    }

    final void fsFid(String what) {
        fid("FileID (" + what + ")", "afs.fs.fid");
    }

    /** OUT_FS_AFSCallBack / OUT_CB_AFSCallBack. */
    final void callback(String prefix) {
        subtree("Callback", () -> {
            add(prefix + ".version", 4);
            secs(prefix + ".expires");
            add(prefix + ".type", 4);
        });
    }

    /** OUT_FS_AFSFetchStatus. */
    final void fetchStatus(String label) {
        subtree(label, () -> {
            for (String f : new String[] {"interfaceversion", "filetype", "linkcount", "length", "dataversion", "author",
                "owner", "calleraccess", "anonymousaccess", "mode", "parentvnode", "parentunique", "segsize"}) {
                add("afs.fs.status." + f, 4);
            }
            secs("afs.fs.status.clientmodtime");
            secs("afs.fs.status.servermodtime");
            for (String f : new String[] {"group", "synccounter", "dataversionhigh", "spare2", "spare3", "spare4"}) {
                add("afs.fs.status." + f, 4);
            }
        });
    }

    /** OUT_FS_AFSStoreStatus. */
    final void storeStatus(String label) {
        subtree(label, () -> {
            put.bitmask(tree, "afs.fs.status.mask", off, 4, STATUS_MASK);
            off += 4;
            secs("afs.fs.status.clientmodtime");
            add("afs.fs.status.owner", 4);
            add("afs.fs.status.group", 4);
            add("afs.fs.status.mode", 4);
            add("afs.fs.status.segsize", 4);
        });
    }

    /** OUT_FS_AFSVolSync. */
    final void volSync() {
        subtree("VolSync", () -> {
            secs("afs.fs.volsync.spare1");
            for (int i = 2; i <= 6; i++) {
                add("afs.fs.volsync.spare" + i, 4);
            }
        });
    }

    /** ptvcursor_add of bytes to the end (length -1). */
    final void rest(String key) {
        if (off >= t.cap && t.cap > 0) { // an empty tvb gives length 0 unchecked
            t.need(off, 1); // get_hfi_length's tvb_ensure_captured_length_remaining wants a byte
        }
        add(key, Math.max(t.cap - off, 0));
    }

    /** OUT_UBIKVERSION. */
    final void ubikVersion(String label) {
        long epoch = put.value(off, 4);
        long counter = put.value(off + 4, 4);
        subtree("UBIK Version (" + label + "): " + epoch + "." + counter, () -> {
            if (epoch != 0) {
                put.number(tree, "afs.ubik.version.epoch", off, 4, epoch);
            } else {
                t.at(tree.field("afs.ubik.version.epoch", Put.AFS.row("afs.ubik.version.epoch").title() + ": 0",
                        dev.tcpscope.proto.Text.absTime(0, 0)).time(0, 0), off, 4);
            }
            off += 4;
            add("afs.ubik.version.counter", 4);
        });
    }

}
