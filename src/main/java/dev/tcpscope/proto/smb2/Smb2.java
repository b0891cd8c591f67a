package dev.tcpscope.proto.smb2;

import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.dcerpc.Dcerpc;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.PduContext;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * SMB2/SMB3 ([MS-SMB2] §2.2) as Wireshark 4.0.17's packet-smb2.c shows an NBSS session message
 * that starts with an SMB2 protocol id: the 64-byte header (sync or async), the command's Info
 * text, the PDUs chained behind it by NextCommand (each a new PDU starting where its predecessor
 * points, Info joined by ";"), and the transform header of an encrypted message ("Encrypted
 * SMB3", nothing decrypted). What the conversation learns is kept as the dissector keeps it:
 * requests by message ID (their file name, search pattern, info class) until their responses,
 * tree names by tree ID, file names by file ID (with the session and tree IDs, so an async
 * response's file stays nameless), and the response/request pairing shown as
 * {@code smb2.response_to}, {@code smb2.response_in} and {@code smb2.time}.
 *
 * <p>A PDU is walked twice by {@link Smb2Walk}: in capture order without a tree (state, Info),
 * then for the detail tree from what the first walk recorded in its {@link Pdu}.
 */
public final class Smb2 {
    private Smb2() { }

    static final int PROTO_SMB2 = 0xfe534d42, PROTO_TRANSFORM = 0xfd534d42, PROTO_COMPRESSED = 0xfc534d42;
    /** The most PDUs a chain is followed for (each starts at least 64 bytes after the last). */
    static final int MAX_CHAIN = 1024;

    /** A request waiting for its response, and what the response needs of it (smb2_saved_info_t). */
    static final class Saved {
        int frame, responseFrame;
        long time;
        int opcode;
        /** Create: the file name; Tree Connect: the share; Find: the pattern. */
        String name;
        int findLevel = -1;
        /** The file ID the request names (its key), for a Read response's pipe. */
        String fid;
    }

    /**
     * A file ID's name from the request frame of the Create that opened it to the frame of the
     * Close that ended it: packet-smb2.c's file IDs match a frame only within that span, so a
     * file ID reused after a Close names the new file, and the first pass's second walk (-2)
     * names a file in the frames before its Create response too.
     */
    static final class FileName {
        final String name;
        final int from;
        int to = Integer.MAX_VALUE;

        FileName(String name, int from) {
            this.name = name;
            this.from = from;
        }
    }

    /** The name of the file ID {@code key} in frame {@code frame}, or null. */
    static FileName file(Map<String, List<FileName>> files, String key, int frame) {
        List<FileName> l = files.get(key);
        if (l != null) {
            for (int i = l.size() - 1; i >= 0; i--) {
                FileName f = l.get(i);
                if (f.from <= frame && frame <= f.to) {
                    return f;
                }
            }
        }
        return null;
    }

    /** The state of one TCP conversation (smb2_conv_info_t). */
    public static final class Conv {
        final Map<Long, Saved> requests = new HashMap<>();
        /** Tree and file names: the dissector's, shared by every conversation (a session spans connections). */
        final Map<Long, String> trees;
        final Map<String, List<FileName>> files;

        Conv(Map<Long, String> trees, Map<String, List<FileName>> files) {
            this.trees = trees;
            this.files = files;
        }
        /** The second pass of two: the names are read, never changed; a Find response's saved pattern is gone. */
        boolean secondPass;
        final dev.tcpscope.proto.ntlmssp.Ntlmssp.Conv ntlmssp = new dev.tcpscope.proto.ntlmssp.Ntlmssp.Conv();
        /** DCE/RPC over the named pipes (the dissector's), each pipe's DCE/RPC state by file ID, and its data waiting for the rest of a PDU. */
        Dcerpc pipes;
        final Map<String, Object> pipeSessions = new HashMap<>();
        final Map<String, PipeFragments> pipeFragments = new HashMap<>();
        /** The bytes the waiting pipes' PDUs will take, all together (at most {@link #MAX_PIPE_PDU}). */
        long pipeWaiting;
        /** Bounds what a hostile capture can make the maps hold. */
        static final int MAX_ENTRIES = 100_000;

        void put(Map<Long, Saved> m, long k, Saved v) {
            if (m.size() < MAX_ENTRIES || m.containsKey(k)) {
                m.put(k, v);
            }
        }
    }

    /**
     * A pipe's data whose DCE/RPC PDU runs past it (smb2_pipe_reassembly_table): the messages'
     * bytes until {@code total} are there.
     */
    static final class PipeFragments {
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        final long total;

        PipeFragments(long total) {
            this.total = total;
        }
    }

    /** The most a conversation's waiting pipe data may grow to (Wireshark has no bound). */
    static final int MAX_PIPE_PDU = 1 << 24;

    /** One SMB2 PDU (or transform header) of a frame, with what its first walk found. */
    public static final class Pdu {
        final Tvb b;
        final int frame;
        final boolean first;
        int proto;
        int opcode;
        boolean response, async;
        long status;
        long chainOffset;
        /** The request this response answers: its frame number, and the delay. */
        int responseTo;
        long delta;
        /** The name saved from the request (Create's file, Find's pattern). */
        String savedName;
        int savedFindLevel = -1;
        /** The NTLMSSP message in a Session Setup's security blob. */
        dev.tcpscope.proto.ntlmssp.Ntlmssp.Message ntlmssp;
        LayerTree.End end = LayerTree.End.OK;
        /** Data a named pipe may carry: its offset in the PDU and length (0: none), the file ID's key. */
        int pipeAt, pipeLen;
        String pipeFid;
        /** The DCE/RPC PDUs the pipe data gave (their range in the frame's), or data when the heuristic declined. */
        int pipeFrom, pipeTo;
        boolean pipeData;
        /** The pipe's data put together in this PDU ("Named Pipe over SMB2"), or null. */
        byte[] pipeReassembled;
        /** No SMB2 protocol id where the chain led ("Invalid header"). */
        boolean invalid;
        /** The next PDU of the chain starts past the captured bytes. */
        boolean chainCut;

        Pdu(Tvb b, int frame, boolean first) {
            this.b = b;
            this.frame = frame;
            this.first = first;
        }
    }

    /** The "netbios" heuristic of packet-smb2.c: 0xFE, 0xFD or 0xFC, then "SMB". */
    static boolean looksLike(MemorySegment s, long off, int len) {
        if (len < 4) {
            return false;
        }
        int b0 = dev.tcpscope.proto.Text.u8(s, off);
        return (b0 == 0xfe || b0 == 0xfd || b0 == 0xfc) && dev.tcpscope.proto.Text.u8(s, off + 1) == 'S'
                && dev.tcpscope.proto.Text.u8(s, off + 2) == 'M' && dev.tcpscope.proto.Text.u8(s, off + 3) == 'B';
    }

    /**
     * dissect_smb2 for one NBSS payload, in capture order: the Protocol and Info columns, the
     * conversation's state; returns the PDUs for the tree.
     */
    static List<Pdu> dissect(Tvb b, PduContext ctx, Conv conv) {
        List<Pdu> pdus = new ArrayList<>(1);
        ctx.columns.setProtocol("SMB2");
        StringBuilder info = new StringBuilder(64);
        Tvb cur = b;
        for (int i = 0; i < MAX_CHAIN; i++) {
            Pdu p = new Pdu(cur, ctx.frame, i == 0);
            pdus.add(p);
            if (i > 0) {
                info.append(';');
            }
            p.end = Tvb.walk(() -> new Smb2Walk(p, Tree.NOTHING, info, conv, ctx.time, true).pdu());
            if (p.pipeLen > 0 && p.end == LayerTree.End.OK) {
                pipe(p, ctx, conv, info);
            }
            if (p.end != LayerTree.End.OK || p.invalid || p.chainOffset == 0) {
                break;
            }
            long next = p.chainOffset;
            if (next > cur.cap) {
                // tvb_new_subset_remaining past the captured (or reported) bytes throws before the next PDU
                p.end = next > cur.rep ? LayerTree.End.MALFORMED : cur.fragment ? LayerTree.End.UNREASSEMBLED : LayerTree.End.SHORT;
                p.chainCut = true;
                break;
            }
            cur = new Tvb(cur.s, cur.base + next, (int) (cur.cap - next), (int) (cur.rep - next), cur.fragment);
        }
        ctx.columns.setInfo(info);
        Pdu last = pdus.get(pdus.size() - 1);
        if (last.end != LayerTree.End.OK) {
            ctx.columns.appendInfo(last.end == LayerTree.End.SHORT ? "[Packet size limited during capture]"
                    : last.end == LayerTree.End.UNREASSEMBLED ? "[BoundErrorUnreassembled Packet]" : "[Malformed Packet]");
        }
        return pdus;
    }

    /**
     * dissect_file_data_smb2_pipe: a pipe's data to DCE/RPC's heuristic (the only one on SMB2
     * pipes in 4.0.17), which rewrites the columns when it takes it; else to data. Data that
     * leaves a PDU unfinished waits, by file ID, for the pipe's next data (the whole message
     * again, as fragment_add_check keeps it), which the reassembled PDU is dissected with.
     */
    private static void pipe(Pdu p, PduContext ctx, Conv conv, StringBuilder info) {
        Dcerpc d = conv.pipes;
        if (d == null) {
            return;
        }
        Tvb b = p.b;
        int cap = Math.max(0, Math.min(p.pipeLen, b.cap - p.pipeAt));
        int rep = p.pipeLen;
        boolean canDesegment = cap >= rep; // smb2_pipe_reassembly, and every byte captured
        ctx.columns.setInfo(info);
        p.pipeFrom = d.mark(ctx.frame);
        Object session = conv.pipeSessions.get(p.pipeFid);
        if (session == null) {
            session = d.newSession();
            if (conv.pipeSessions.size() < Conv.MAX_ENTRIES) {
                conv.pipeSessions.put(p.pipeFid, session);
            }
        }
        PipeFragments waiting = canDesegment ? conv.pipeFragments.get(p.pipeFid) : null;
        boolean taken;
        if (waiting == null) {
            int more = d.pipe(b.s, b.base + p.pipeAt, cap, rep, canDesegment, ctx, session);
            taken = more >= 0;
            if (more > 0 && conv.pipeWaiting + rep + more <= MAX_PIPE_PDU && conv.pipeFragments.size() < Conv.MAX_ENTRIES) {
                conv.pipeWaiting += rep + more;
                PipeFragments f = new PipeFragments((long) rep + more);
                f.bytes.writeBytes(b.s.asSlice(b.base + p.pipeAt, rep).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
                conv.pipeFragments.put(p.pipeFid, f);
            }
        } else {
            waiting.bytes.writeBytes(b.s.asSlice(b.base + p.pipeAt, rep).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
            taken = false;
            if (waiting.bytes.size() >= waiting.total) {
                conv.pipeFragments.remove(p.pipeFid);
                conv.pipeWaiting -= waiting.total;
                byte[] all = waiting.bytes.toByteArray();
                p.pipeReassembled = all;
                MemorySegment seg = MemorySegment.ofArray(all);
                taken = d.pipe(seg, 0, all.length, all.length, true, ctx, session) >= 0;
            }
        }
        p.pipeTo = d.mark(ctx.frame);
        p.pipeData = !taken;
        if (taken) {
            info.setLength(0);
            info.append(ctx.columns.info());
        }
    }

    /** The SMB2 items of a session message's PDUs under {@code root}, and what their pipes carry. */
    static void tree(List<Pdu> pdus, Tree root, Consumer<String> protocols, Dcerpc pipes, long frame) {
        for (Pdu p : pdus) {
            protocols.accept("smb2");
            Tree item = root.protocol("smb2", "SMB2 (Server Message Block Protocol version 2)");
            p.b.at(item, 0, p.chainOffset > 0 && p.chainOffset <= p.b.cap ? (int) p.chainOffset : p.b.cap);
            LayerTree.End e = Tvb.walk(() -> new Smb2Walk(p, item, new StringBuilder(), null, 0, false).pdu());
            if (e == LayerTree.End.OK && p.chainCut) {
                e = p.end;
            }
            if (e == LayerTree.End.OK && p.pipeLen > 0) {
                if (p.pipeData) {
                    Tvb b = p.b;
                    dev.tcpscope.proto.Items.data(root, b.s, b.base + p.pipeAt, Math.max(0, Math.min(p.pipeLen, b.cap - p.pipeAt)), protocols);
                } else if (pipes != null && p.pipeTo > p.pipeFrom) {
                    e = pipes.tree(frame, root, protocols, p.pipeFrom, p.pipeTo);
                }
            }
            if (e != LayerTree.End.OK) {
                throw e == LayerTree.End.SHORT ? Tvb.Stop.SHORT : e == LayerTree.End.UNREASSEMBLED ? Tvb.Stop.FRAGMENT : Tvb.Stop.MALFORMED;
            }
        }
    }
}
