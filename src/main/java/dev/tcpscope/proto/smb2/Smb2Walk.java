package dev.tcpscope.proto.smb2;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * One walk over one SMB2 PDU: in capture order ({@code first}) it reads the header and the
 * command's fields that make the Info text and keeps the conversation's state; for the detail
 * tree it replays the header from the same bytes and what the first walk recorded. Offsets in a
 * command are from the start of the SMB2 header, as [MS-SMB2] counts them. Every read is
 * bounds-checked by {@link Tvb}: a PDU cut short stops the walk where packet-smb2.c throws.
 */
final class Smb2Walk {
    private final Smb2.Pdu p;
    private final Tvb b;
    private final Tree t;
    private final StringBuilder info;
    private final Smb2.Conv conv;
    private final long time;
    private final boolean first;
    private long sesid, tid;

    Smb2Walk(Smb2.Pdu p, Tree t, StringBuilder info, Smb2.Conv conv, long time, boolean first) {
        this.p = p;
        this.b = p.b;
        this.t = t;
        this.info = info;
        this.conv = conv;
        this.time = time;
        this.first = first;
    }

    private int u16le(int off) {
        return b.u8(off) | b.u8(off + 1) << 8;
    }

    private long u32le(int off) {
        return (long) u16le(off) | (long) u16le(off + 2) << 16;
    }

    private long u64le(int off) {
        return u32le(off) | u32le(off + 4) << 32;
    }

    void pdu() {
        long id = (long) b.u8(0) << 24 | b.u8(1) << 16 | b.u8(2) << 8 | b.u8(3);
        p.proto = (int) id;
        if (p.proto != Smb2.PROTO_SMB2 && p.proto != Smb2.PROTO_TRANSFORM && p.proto != Smb2.PROTO_COMPRESSED) {
            p.invalid = true;
            if (first) {
                info.append("Invalid header");
            }
            return;
        }
        if (p.proto == Smb2.PROTO_TRANSFORM) {
            transform();
            return;
        }
        if (p.proto == Smb2.PROTO_COMPRESSED) {
            if (first) {
                info.append("Compressed SMB3");
            }
            Tree h = b.at(t.text("SMB2 Compression Transform Header"), 0, Math.min(b.cap, 16));
            b.at(h.field("smb2.protocol_id", "ProtocolId: 0xfc534d42", "0xfc534d42"), 0, 4);
            return;
        }
        header();
        command();
    }

    private void transform() {
        Tree h = b.at(t.text("SMB2 Transform Header"), 0, Math.min(b.cap, 52));
        b.at(h.field("smb2.protocol_id", "ProtocolId: 0xfd534d42", "0xfd534d42"), 0, 4);
        b.need(4, 48);
        b.at(h.bytes("smb2.transform_signature", "Signature", b.s, b.base + 4, 16), 4, 16);
        b.at(h.bytes("smb2.transform_nonce", "Nonce", b.s, b.base + 20, 16), 20, 16);
        long size = u32le(36);
        b.at(h.field("smb2.transform_msg_size", "Message size: " + size, Long.toString(size)), 36, 4);
        b.at(h.bytes("smb2.transform_reserved", "Reserved", b.s, b.base + 40, 2), 40, 2);
        int flags = u16le(42);
        b.at(h.field("smb2.transform_flags", String.format("Flags: 0x%04x", flags), String.format("0x%04x", flags)), 42, 2);
        long ses = u64le(44);
        b.at(h.field("smb2.sesid", String.format("Session Id: 0x%016x", ses), String.format("0x%016x", ses)), 44, 8);
        if (first) {
            info.append("Encrypted SMB3");
        }
    }

    private void header() {
        Tree h = b.at(t.text("SMB2 Header"), 0, 64);
        b.need(0, 4);
        b.at(h.field("smb2.protocol_id", "ProtocolId: 0xfe534d42", "0xfe534d42"), 0, 4);
        long flags = u32le(16);
        p.response = (flags & 1) != 0;
        p.async = (flags & 2) != 0;
        int hl = u16le(4);
        b.at(h.field("smb2.header_len", "Header Length: " + hl, Integer.toString(hl)), 4, 2);
        int cc = u16le(6);
        b.at(h.field("smb2.credit.charge", "Credit Charge: " + cc, Integer.toString(cc)), 6, 2);
        statusOrChannel(h);
        p.opcode = u16le(12);
        b.at(h.field("smb2.cmd", "Command: " + Smb2Names.command(p.opcode) + " (" + p.opcode + ")", Integer.toString(p.opcode)), 12, 2);
        int credits = u16le(14);
        b.at(p.response ? h.field("smb2.credits.granted", "Credits granted: " + credits, Integer.toString(credits))
                : h.field("smb2.credits.requested", "Credits requested: " + credits, Integer.toString(credits)), 14, 2);
        flags(h, (int) flags);
        ids(h);
    }

    /*
     * header is cut in three (statusOrChannel, ids): each label's string concatenation is a call
     * site that C1 inlines whole, and the method in one piece took 16 MB to compile with C1, past
     * the launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** A response's NT status, a request's channel sequence and reserved bytes. */
    private void statusOrChannel(Tree h) {
        if (p.response) {
            p.status = u32le(8);
            String st = Smb2Names.status(p.status);
            b.at(h.field("smb2.nt_status", String.format("NT Status: %s (0x%08x)", st, p.status), String.format("0x%08x", p.status)), 8, 4);
        } else {
            p.status = 0;
            int cs = u16le(8);
            b.at(h.field("smb2.channel_sequence", "Channel Sequence: " + cs, Integer.toString(cs)), 8, 2);
            b.need(10, 2);
            b.at(h.bytes("smb2.reserved", "Reserved", b.s, b.base + 10, 2), 10, 2);
        }
    }

    /** From the chain offset on: message, async or process and tree, session IDs, signature, pairing. */
    private void ids(Tree h) {
        p.chainOffset = u32le(20);
        b.at(h.field("smb2.chain_offset", String.format("Chain Offset: 0x%08x", p.chainOffset), String.format("0x%08x", p.chainOffset)), 20, 4);
        long msgId = u64le(24);
        b.at(h.field("smb2.msg_id", "Message ID: " + Long.toUnsignedString(msgId), Long.toUnsignedString(msgId)), 24, 8);
        if (p.async) {
            long aid = u64le(32);
            b.at(h.field("smb2.aid", String.format("Async Id: 0x%016x", aid), String.format("0x%016x", aid)), 32, 8);
            tid = 0;
        } else {
            long pid = u32le(32);
            b.at(h.field("smb2.pid", String.format("Process Id: 0x%08x", pid), String.format("0x%08x", pid)), 32, 4);
            tid = u32le(36);
            b.at(h.field("smb2.tid", String.format("Tree Id: 0x%08x", tid), String.format("0x%08x", tid)), 36, 4);
        }
        sesid = u64le(40);
        b.at(h.field("smb2.sesid", String.format("Session Id: 0x%016x", sesid), String.format("0x%016x", sesid)), 40, 8);
        b.need(48, 16);
        b.at(h.bytes("smb2.signature", "Signature", b.s, b.base + 48, 16), 48, 16);
        if (first) {
            match(msgId);
        }
        if (p.response && p.responseTo > 0) {
            h.field("smb2.response_to", "Response to: " + p.responseTo, Integer.toString(p.responseTo)).generated();
            h.field("smb2.time", "Time from request: " + Text.seconds(p.delta) + " seconds", Text.seconds(p.delta)).generated();
        }
    }

    private void flags(Tree h, int f) {
        StringBuilder label = new StringBuilder(String.format("Flags: 0x%08x", f));
        String[] names = {"Response", "Async command", "Chained", "Signing", "Priority", "DFS operation", "Replay operation"};
        int[] masks = {0x1, 0x2, 0x4, 0x8, 0x70, 0x10000000, 0x20000000};
        for (int i = 0; i < names.length; i++) {
            if ((f & masks[i]) != 0) {
                label.append(", ").append(names[i]);
            }
        }
        Tree ft = b.at(h.field("smb2.flags", label.toString(), String.format("0x%08x", f)), 16, 4);
        String[][] text = {
                {"smb2.flags.response", "This is a RESPONSE", "This is a REQUEST"},
                {"smb2.flags.async", "This is an ASYNC command", "This is a SYNC command"},
                {"smb2.flags.chained", "This pdu IS a chained command", "This pdu is NOT a chained command"},
                {"smb2.flags.signature", "This pdu IS signed", "This pdu is NOT signed"},
                {"smb2.flags.priority_mask", "This pdu contains a PRIORITY", "This pdu does NOT contain a PRIORITY"},
                {"smb2.flags.dfs", "This is a DFS OPERATION", "This is a normal operation"},
                {"smb2.flags.replay", "This is a REPLAY OPERATION", "This is NOT a replay operation"}};
        for (int i = 0; i < names.length; i++) {
            boolean on = (f & masks[i]) != 0;
            b.at(ft.field(text[i][0], Text.bits(f, masks[i], 32) + " = " + names[i] + ": " + (on ? text[i][1] : text[i][2]),
                    on ? "1" : "0"), 16, 4);
        }
    }

    /** The request/response pairing by message ID, in capture order. */
    private void match(long msgId) {
        if (!p.response) {
            Smb2.Saved s = conv.requests.get(msgId);
            if (s == null || s.frame != p.frame) {
                s = new Smb2.Saved();
                s.frame = p.frame;
                s.time = time;
                s.opcode = p.opcode;
                conv.put(conv.requests, msgId, s);
            }
            saved = s;
            return;
        }
        Smb2.Saved s = conv.requests.get(msgId);
        if (s != null && s.opcode == p.opcode) {
            saved = s;
            p.responseTo = s.frame;
            p.delta = time - s.time;
            if (s.responseFrame == 0 && !(p.async && p.status == 0x103)) {
                s.responseFrame = p.frame;
            }
            p.savedName = s.name;
            p.savedFindLevel = s.findLevel;
        }
    }

    private Smb2.Saved saved;

    private void command() {
        String name = Smb2Names.command(p.opcode) + (p.response ? " Response" : " Request");
        Tree c = b.at(t.text(name + String.format(" (0x%02x)", p.opcode)), 64, Math.max(0, b.cap - 64));
        if (first) {
            info.append(name);
            if (p.status != 0) {
                info.append(", Error: ").append(Smb2Names.status(p.status));
            }
        }
        int bc = u16le(64);
        Tree bt = b.at(c.field("smb2.buffer_code", String.format("StructureSize: 0x%04x", bc), String.format("0x%04x", bc)), 64, 2);
        b.at(bt.field("smb2.buffer_code.length", Text.bits(bc, 0xfffe, 16) + " = Fixed Part Length: " + (bc >> 1),
                Integer.toString(bc >> 1)), 64, 2);
        b.at(bt.field("smb2.buffer_code.dynamic", Text.bits(bc, 1, 16) + " = Dynamic Part: " + ((bc & 1) != 0 ? "True" : "False"),
                (bc & 1) != 0 ? "1" : "0"), 64, 2);
        if (!first) {
            if (p.opcode == 11 && p.response && bc != 9) {
                // the ioctl's own Flags (smb2.flags, as the header's)
                int at = 104;
                long f = u32le(at);
                b.at(c.field("smb2.flags", String.format("Flags: 0x%08x", f), String.format("0x%08x", f)), at, 4);
            }
            return;
        }
        if (p.opcode == 18 && (bc == 36 || bc == 44)) {
            // lease break messages: packet-smb2.c sets the whole column
            info.setLength(0);
            info.append(bc == 44 ? "Lease Break Notification" : p.response ? "Lease Break Response" : "Lease Break Acknowledgment");
            return;
        }
        if (p.response) {
            response();
        } else {
            request();
        }
    }

    private void request() {
        switch (p.opcode) {
            case 1 -> {
                int off = u16le(76);
                int len = u16le(78);
                securityBlob(off, len);
            }
            case 3 -> {
                int off = u16le(68);
                int len = u16le(70);
                String tree = utf16(off, len);
                info.append(" Tree: ").append(tree);
                if (saved != null) {
                    saved.name = tree;
                }
            }
            case 5 -> {
                int off = u16le(108);
                int len = u16le(110);
                b.need(112, 8); // the create contexts' offset and length come before the name
                String file = utf16(off, len);
                info.append(" File: ").append(file);
                if (saved != null) {
                    saved.name = file;
                }
            }
            case 6 -> {
                Smb2.FileName f = Smb2.file(conv.files, fid(72), p.frame);
                if (f != null && !conv.secondPass) {
                    f.to = p.frame;
                }
            }
            case 7 -> fid(72);
            default -> laterRequest();
        }
    }

    /*
     * request is cut in two (laterRequest): with what C1 inlines into it the method in one piece
     * took 17 MB to compile with C1, past the launcher's 10 MB cap (MemLimit), so it ran
     * interpreted.
     */

    /** The requests of opcodes 8 (read) on. */
    private void laterRequest() {
        switch (p.opcode) {
            case 8 -> {
                long len = u32le(68);
                long off = u64le(72);
                info.append(" Len:").append(len).append(" Off:").append(Long.toUnsignedString(off));
                fid(80);
            }
            case 9 -> {
                long len = u32le(68);
                long off = u64le(72);
                info.append(" Len:").append(len).append(" Off:").append(Long.toUnsignedString(off));
                String key = fid(80);
                b.need(96, 16); // channel, remaining bytes, channel info offset and length, flags
                pipe(112, len, key);
            }
            case 10 -> fid(72);
            case 11 -> ioctlRequest();
            case 14 -> {
                int level = b.u8(66);
                fid(72);
                int off = u16le(88);
                int len = u16le(90);
                String pattern = utf16(off, len);
                info.append(' ').append(Smb2Names.findLevel(level)).append(" Pattern: ").append(pattern);
                if (saved != null) {
                    saved.name = pattern;
                    saved.findLevel = level;
                }
            }
            case 15 -> fid(72);
            case 16 -> {
                int cls = b.u8(66);
                int level = b.u8(67);
                info.append(' ').append(Smb2Names.classLevel(cls, level));
                fid(88);
            }
            case 17 -> {
                int cls = b.u8(66);
                int level = b.u8(67);
                info.append(' ').append(Smb2Names.classLevel(cls, level));
                long blen = u32le(68);
                int boff = u16le(72);
                fid(80);
                if (cls == 1 && level == 10) {
                    // FileRenameInformation: ReplaceIfExists, reserved, RootDirectory, FileNameLength, FileName
                    long nlen = u32le(boff + 16);
                    info.append(" NewName:").append(utf16(boff + 20, (int) Math.min(nlen, Math.max(0, blen - 20))));
                }
            }
            default -> { }
        }
    }

    private void response() {
        int op = p.opcode;
        if (op == 14 && !conv.secondPass) {
            info.append(' ').append(Smb2Names.findLevel(p.savedFindLevel)).append(" Pattern: ")
                    .append(p.savedName == null ? "" : p.savedName);
        }
        if (p.status != 0 && !continues()) {
            return;
        }
        switch (op) {
            case 1 -> {
                int off = u16le(68);
                int len = u16le(70);
                securityBlob(off, len);
            }
            case 3 -> {
                if (saved != null && saved.name != null && !conv.secondPass && conv.trees.size() < Smb2.Conv.MAX_ENTRIES) {
                    conv.trees.put(sesid << 32 ^ tid, saved.name);
                }
            }
            case 5 -> {
                if (p.savedName != null) {
                    info.append(" File: ").append(p.savedName);
                }
                String key = fidKey(128);
                if (p.savedName != null && saved != null && !conv.secondPass && conv.files.size() < Smb2.Conv.MAX_ENTRIES) {
                    java.util.List<Smb2.FileName> l = conv.files.computeIfAbsent(key, k -> new java.util.ArrayList<>(1));
                    if (l.size() < 64) {
                        l.add(new Smb2.FileName(p.savedName, saved.frame));
                    }
                }
            }
            case 8 -> {
                long len = u32le(68);
                b.need(72, 8); // data remaining, reserved
                pipe(80, len, saved == null ? null : saved.fid);
            }
            case 11 -> {
                long function = u32le(68);
                info.append(' ').append(Smb2Names.ioctl(function));
                String key = fid(72);
                if (Smb2.file(conv.files, key, p.frame) == null && saved != null && saved.fid != null) {
                    key = saved.fid; // an async response has no tree ID: smb2_pipe_get_fid_info takes the request's file
                }
                if (function == PIPE_TRANSCEIVE) {
                    b.need(88, 24); // input and output buffers, flags, reserved
                    pipeBuffer(u32le(96), u32le(100), key);
                }
            }
            default -> { }
        }
    }

    /** Whether a response with a non-zero status is dissected as the command's response, not as an error response. */
    private boolean continues() {
        int op = p.opcode;
        long st = p.status;
        if (op == 1 && st == 0xc0000016L) {
            return true; // STATUS_MORE_PROCESSING_REQUIRED
        }
        if ((op == 8 || op == 16 || op == 11) && st == 0x80000005L) {
            return true; // STATUS_BUFFER_OVERFLOW
        }
        // an error response's StructureSize is 9; anything else is the command's own response
        return u16le(64) != 9;
    }

    private void ioctlRequest() {
        long function = u32le(68);
        info.append(' ').append(Smb2Names.ioctl(function));
        long inOff = u32le(88);
        long inLen = u32le(92);
        if (function == 0x00110018L) { // FSCTL_PIPE_WAIT: timeout, name length, timeout specified, padding, name
            int o = (int) inOff;
            long nlen = u32le(o + 8);
            info.append(" Pipe: ").append(utf16(o + 14, (int) Math.min(nlen, inLen)));
        } else if (function == 0x00060194L || function == 0x000601b0L) { // FSCTL_DFS_GET_REFERRALS(_EX)
            int o = (int) inOff;
            b.u8(o); // max referral level
            info.append(", File: ").append(utf16z(o + 2, (int) Math.max(0, inLen - 2)));
        } else {
            String key = fid(72);
            if (function == PIPE_TRANSCEIVE) {
                b.need(96, 24); // max input, output buffer, max output, flags, reserved
                pipeBuffer(inOff, inLen, key);
            }
        }
    }

    /** FSCTL_PIPE_TRANSCEIVE: a named pipe's write and read in one ioctl. */
    static final long PIPE_TRANSCEIVE = 0x0011c017L;

    /**
     * An ioctl's input or output buffer (dissect_smb2_olb_buffer): nothing when empty, else its
     * bytes must all be there, and go to the pipe.
     */
    private void pipeBuffer(long off, long len, String key) {
        if (len == 0 || off > Integer.MAX_VALUE || len > Integer.MAX_VALUE) {
            return;
        }
        b.need((int) off, (int) len);
        pipe((int) off, len, key);
    }

    /**
     * Data a pipe may carry (dissect_file_data_smb2_pipe): a Write's, a Read response's, an
     * FSCTL_PIPE_TRANSCEIVE buffer's; Smb2 hands it to DCE/RPC's pipe heuristic after this walk.
     */
    private void pipe(int off, long len, String key) {
        if (!first || len == 0 || len > Integer.MAX_VALUE) {
            return;
        }
        p.pipeAt = off;
        p.pipeLen = (int) len;
        p.pipeFid = key == null ? "" : key;
    }

    /** A file ID in a request: " File: NAME" when the conversation knows it; returns its key. */
    private String fid(int off) {
        String key = fidKey(off);
        if (saved != null && !p.response) {
            saved.fid = key;
        }
        Smb2.FileName f = Smb2.file(conv.files, key, p.frame);
        if (f != null) {
            info.append(" File: ").append(f.name);
        }
        return key;
    }

    private String fidKey(int off) {
        b.need(off, 16);
        return Long.toHexString(u64le(off)) + ':' + Long.toHexString(u64le(off + 8)) + ':' + Long.toHexString(sesid) + ':' + tid;
    }

    /** A Session Setup's security blob: GSS-API, SPNEGO, and the NTLMSSP message in it (its Info). */
    private void securityBlob(int off, int len) {
        if (len <= 0 || off < 64) {
            return;
        }
        b.need(off, len); // the blob's tvb is made before GSS-API sees it
        int n = Math.min(len, Math.max(0, b.cap - off));
        long[] at = dev.tcpscope.proto.ntlmssp.Spnego.ntlmssp(b.s, b.base + off, n);
        if (at != null) {
            p.ntlmssp = dev.tcpscope.proto.ntlmssp.Ntlmssp.observe(b.s, at[0], (int) (at[1] - at[0]), conv.ntlmssp, info);
        }
    }

    /** A UTF-16LE string of {@code len} bytes at {@code off} (bounds-checked). */
    private String utf16(int off, int len) {
        if (len <= 0) {
            return "";
        }
        b.need(off, len);
        StringBuilder sb = new StringBuilder(len / 2);
        for (int i = 0; i + 1 < len; i += 2) {
            char ch = (char) (b.u8(off + i) | b.u8(off + i + 1) << 8);
            if (ch == 0) {
                break;
            }
            sb.append(ch);
        }
        return sb.toString();
    }

    /** A NUL-terminated UTF-16LE string within {@code max} bytes at {@code off}. */
    private String utf16z(int off, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < max + 2 && sb.length() < 4096; i += 2) {
            char ch = (char) (b.u8(off + i) | b.u8(off + i + 1) << 8);
            if (ch == 0) {
                break;
            }
            sb.append(ch);
        }
        return sb.toString();
    }
}
