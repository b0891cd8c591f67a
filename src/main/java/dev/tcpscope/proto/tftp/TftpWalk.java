package dev.tcpscope.proto.tftp;

import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import java.util.function.Consumer;

/**
 * One walk over a TFTP message (packet-tftp.c's dissect_tftp_message): the Info text and, given
 * a tree, the items. Walked twice per frame: when the frame is read, with the {@link Transfer}
 * it belongs to, whose state the message changes (block numbers, options, the request); and
 * when the tree is shown, from the {@link Seen} the first walk kept, changing nothing.
 */
final class TftpWalk {
    static final int RRQ = 1, WRQ = 2, DATA = 3, ACK = 4, ERROR = 5, OACK = 6, INFO = 255;
    private static final int NO_OPCODE = 0xFFFF;

    /** packet-tftp.c's tftp_conv_info_t: what one transfer remembers. */
    static final class Transfer {
        int blocksize = 512;
        String sourceFile;
        String destinationFile;
        int requestFrame;
        boolean tsizeRequested;
        boolean dynamicWindowing;
        int windowsize;
        int prevOpcode = NO_OPCODE;
        /** A guint32, kept in a long. */
        long nextBlock = 1;
        boolean blocksMissing;
        boolean lastAvailable;
    }

    /** What the first walk found that the tree shows again: the transfer's state at this frame. */
    static final class Seen {
        int requestFrame;
        String filename;
        boolean readRequest;
        int blocksize;
        boolean dynamicWindowing;
        long fullBlock;
        boolean last;
        boolean tsizeProbe;
        boolean windowChange;
    }

    private final Tvb b;
    private final Transfer transfer;
    private final int frame;
    private Seen seen;
    private final StringBuilder info = new StringBuilder();

    /** The first walk: over the message of {@code frame}, changing {@code transfer}. */
    TftpWalk(Tvb b, Transfer transfer, int frame) {
        this.b = b;
        this.transfer = transfer;
        this.frame = frame;
    }

    /** A later walk, for the tree: from what the first one saw. */
    TftpWalk(Tvb b, Seen seen) {
        this.b = b;
        this.transfer = null;
        this.frame = 0;
        this.seen = seen;
    }

    String info() { return info.toString(); }

    Seen seen() { return seen; }

    void walk(Tree root, Consumer<String> protocols) {
        Tree tftp = b.at(root.protocol("tftp", "Trivial File Transfer Protocol"), 0, b.cap);
        int opcode = b.u16(0);
        tftp.field("tftp.opcode", "Opcode: " + opcodeName(opcode) + " (" + opcode + ")", Integer.toString(opcode)).at(b.s, b.base, 2);
        info.append(opcode(opcode));
        if (transfer != null) {
            seen = new Seen();
            seen.requestFrame = transfer.requestFrame;
            seen.filename = transfer.sourceFile != null ? transfer.sourceFile : transfer.destinationFile;
            seen.readRequest = transfer.sourceFile != null;
            seen.blocksize = transfer.blocksize;
            seen.dynamicWindowing = transfer.dynamicWindowing;
        }
        if (seen.requestFrame != 0 && opcode != RRQ && opcode != WRQ) {
            String name = seen.filename == null ? "" : seen.filename;
            tftp.string("tftp.destination_file", "Destination File", name).generated().at(b.s, b.base, 0);
            tftp.field("tftp.request_frame", (seen.readRequest ? "Read Request" : "Write Request") + " in frame "
                    + seen.requestFrame, Integer.toString(seen.requestFrame)).generated().at(b.s, b.base, 0);
        }
        int off = 2;
        switch (opcode) {
            case RRQ, WRQ -> {
                int n = strsize(off);
                String file = Text.ascii(b.s, b.base + off, n - 1);
                b.at(tftp.string(opcode == RRQ ? "tftp.source_file" : "tftp.destination_file",
                        opcode == RRQ ? "Source File" : "Destination File", file), off, n);
                if (transfer != null) {
                    if (opcode == RRQ) {
                        transfer.sourceFile = file;
                        transfer.destinationFile = null;
                    } else {
                        transfer.destinationFile = file;
                        transfer.sourceFile = null;
                    }
                    transfer.requestFrame = frame;
                }
                info.append(", File: ").append(Text.format(b.s, b.base + off, n - 1));
                off += n;
                n = strsize(off);
                b.at(tftp.string("tftp.type", "Type", Text.ascii(b.s, b.base + off, n - 1)), off, n);
                info.append(", Transfer type: ").append(Text.format(b.s, b.base + off, n - 1));
                off += n;
                options(tftp, off, opcode);
            }
            case INFO, OACK -> options(tftp, off, opcode);
            case DATA -> data(root, tftp, protocols);
            case ACK -> ack(tftp);
            case ERROR -> error(tftp);
            default -> {
                int n = Math.max(b.cap - off, 0);
                b.at(tftp.bytes("tftp.data", "Data", b.s, b.base + off, n), off, n);
            }
        }
        if (transfer != null) {
            transfer.prevOpcode = opcode;
        }
    }

    private void data(Tree root, Tree tftp, Consumer<String> protocols) {
        tftp.length(4);
        int block = b.u16(2);
        Tree blockItem = b.at(tftp.field("tftp.block", "Block: " + block, Integer.toString(block)), 2, 2);
        int bytes = Math.max(b.rep - 4, 0);
        if (transfer != null) {
            seen.fullBlock = fullBlock(block, transfer.nextBlock);
            seen.last = bytes < transfer.blocksize;
            transfer.lastAvailable |= seen.last;
            if (seen.fullBlock > transfer.nextBlock) {
                transfer.nextBlock = (seen.fullBlock + 1) & 0xFFFFFFFFL;
                transfer.blocksMissing = true;
            } else if (seen.fullBlock == transfer.nextBlock) {
                transfer.nextBlock = (transfer.nextBlock + 1) & 0xFFFFFFFFL;
            }
        }
        long full = seen.fullBlock;
        boolean last = seen.last;
        b.at(tftp.field("tftp.block.full", "Full Block Number: " + full, Long.toString(full)).generated(), 0, 0);
        info.append(", Block: ").append(full).append(last ? " (last)" : "");
        Items.data(root, b.s, b.base + 4, Math.max(b.cap - 4, 0), protocols);
        if (block == 0xFFFF && bytes == seen.blocksize) {
            blockItem.expert("tftp.block.wrap", Tree.Severity.NOTE, Tree.Group.SEQUENCE, "TFTP block number is about to wrap");
        }
    }

    private void ack(Tree tftp) {
        int block = b.u16(2);
        b.at(tftp.field("tftp.block", "Block: " + block, Integer.toString(block)), 2, 2);
        if (transfer != null) {
            seen.fullBlock = fullBlock(block, transfer.nextBlock);
        }
        long full = seen.fullBlock;
        b.at(tftp.field("tftp.block.full", "Full Block Number: " + full, Long.toString(full)).generated(), 0, 0);
        info.append(", Block: ").append(full);
        if (seen.dynamicWindowing && b.cap > 4) {
            int size = b.u8(4);
            Tree item = b.at(tftp.field("tftp.nextwindowsize", "Next Window Size: " + size, Integer.toString(size)), 4, 1);
            if (transfer != null) {
                seen.windowChange = size != transfer.windowsize && !transfer.lastAvailable;
                if (seen.windowChange) {
                    transfer.windowsize = size;
                }
            }
            if (seen.windowChange) {
                item.expert("tftp.windowsize.change", Tree.Severity.CHAT, Tree.Group.SEQUENCE, "TFTP window size is changing");
            }
        }
    }

    private void error(Tree tftp) {
        int code = b.u16(2);
        b.at(tftp.field("tftp.error.code", "Error code: " + errorName(code) + " (" + code + ")", Integer.toString(code)), 2, 2);
        String name = errorName(code);
        info.append(", Code: ").append(name.equals("Unknown") ? "Unknown (" + code + ")" : name);
        int n = strsize(4);
        b.at(tftp.string("tftp.error.message", "Error message", Text.ascii(b.s, b.base + 4, n - 1)), 4, n);
        info.append(", Message: ").append(Text.format(b.s, b.base + 4, n - 1));
        if (transfer != null) {
            seen.tsizeProbe = (code == 8 || code == 0) && transfer.sourceFile != null && transfer.tsizeRequested
                    && (transfer.prevOpcode == OACK || transfer.prevOpcode == DATA && transfer.nextBlock == 2);
        }
        if (seen.tsizeProbe) {
            tftp.expert("tftp.likely_tsize_probe", Tree.Severity.CHAT, Tree.Group.REQUEST_CODE, "Likely transfer size (tsize) probe");
        } else {
            tftp.expert("tftp.error", Tree.Severity.WARNING, Tree.Group.RESPONSE_CODE, "TFTP ERROR packet");
        }
    }

    /** tftp_dissect_options: name/value pairs to the end of the captured bytes. */
    private void options(Tree tftp, int off, int opcode) {
        while (off < b.cap) {
            int nameLen = strsize(off);
            int valueAt = off + nameLen;
            int valueLen = strsize(valueAt);
            String name = Text.format(b.s, b.base + off, nameLen - 1);
            String value = Text.format(b.s, b.base + valueAt, valueLen - 1);
            Tree opt = b.at(tftp.text("Option: " + name + " = " + value), off, nameLen + valueLen);
            b.at(opt.string("tftp.option.name", "Option name", Text.ascii(b.s, b.base + off, nameLen - 1)), off, nameLen);
            b.at(opt.string("tftp.option.value", "Option value", Text.ascii(b.s, b.base + valueAt, valueLen - 1)), valueAt, valueLen);
            off += nameLen + valueLen;
            info.append(", ").append(name).append('=').append(value);
            if (opcode == RRQ || opcode == WRQ) {
                if (name.equalsIgnoreCase("msftwindow")) {
                    if (!value.equals("31416")) {
                        unrecognizedMsftwindow(opt);
                    }
                } else if (name.equalsIgnoreCase("windowsize")) {
                    int w = strtol(value);
                    if (w < 1 || w > 65535) {
                        windowsizeRange(opt);
                    }
                }
            } else if (opcode == OACK) {
                if (name.equalsIgnoreCase("blksize")) {
                    int size = strtol(value);
                    if (size < 8 || size > 65464) {
                        opt.expert("tftp.blocksize_range", Tree.Severity.WARNING, Tree.Group.RESPONSE_CODE, "TFTP blocksize out of range");
                    } else if (transfer != null) {
                        transfer.blocksize = size;
                    }
                } else if (name.equalsIgnoreCase("windowsize")) {
                    int w = strtol(value);
                    if (w < 1 || w > 65535) {
                        windowsizeRange(opt);
                    } else if (transfer != null) {
                        transfer.windowsize = w;
                    }
                } else if (name.equalsIgnoreCase("msftwindow")) {
                    if (value.equals("27182")) {
                        if (transfer != null) {
                            transfer.dynamicWindowing = true;
                        }
                    } else {
                        unrecognizedMsftwindow(opt);
                    }
                }
            }
            if (name.equalsIgnoreCase("tsize") && opcode == RRQ && transfer != null) {
                transfer.tsizeRequested = true;
            }
        }
    }

    private static void unrecognizedMsftwindow(Tree opt) {
        opt.expert("tftp.msftwindow.unrecognized", Tree.Severity.WARNING, Tree.Group.RESPONSE_CODE, "Unrecognized msftwindow option");
    }

    private static void windowsizeRange(Tree opt) {
        opt.expert("tftp.windowsize_range", Tree.Severity.WARNING, Tree.Group.RESPONSE_CODE, "TFTP windowsize out of range");
    }

    /**
     * tvb_strsize: the length of the NUL-terminated string at {@code off}, its NUL included; no
     * NUL in the captured bytes is a cut capture when bytes are missing, else a malformed message.
     */
    private int strsize(int off) {
        if (off > b.cap) {
            b.need(off, 0);
        }
        int nul = b.find(off, b.cap - off, 0);
        if (nul < 0) {
            throw b.cap < b.rep ? Tvb.Stop.SHORT : b.fragment ? Tvb.Stop.FRAGMENT : Tvb.Stop.MALFORMED;
        }
        return nul - off + 1;
    }

    /**
     * determine_full_blocknum: a 16-bit block number made whole from the block expected next,
     * past a wrap at 65,535, but not back across 0.
     */
    static long fullBlock(int block, long next) {
        int delta = (short) (next - block);
        if (delta > (int) next) {
            return block;
        }
        return (next - delta) & 0xFFFFFFFFL;
    }

    /** {@code (gint) strtol(s, NULL, 10)}: leading spaces, a sign, then digits; 0 without any. */
    static int strtol(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) >= '\t' && s.charAt(i) <= '\r')) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        boolean overflow = false;
        for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            int d = s.charAt(i) - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                overflow = true;
            } else {
                v = v * 10 + d;
            }
        }
        long r = overflow ? (negative ? Long.MIN_VALUE : Long.MAX_VALUE) : negative ? -v : v;
        return (int) r;
    }

    /**
     * is_valid_request_body: after the two opcode bytes only printable ASCII and NULs, an even
     * number of NULs and at least two, and the second string a mode (netascii, octet, mail).
     */
    static boolean validRequestBody(Tvb b) {
        int zeros = 0;
        for (int i = 2; i < b.cap; i++) {
            int c = b.u8(i);
            if (c == 0) {
                zeros++;
            } else if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        if (zeros == 0 || zeros % 2 != 0) {
            return false;
        }
        int first = b.find(2, b.cap - 2, 0);
        int second = b.find(first + 1, b.cap - first - 1, 0);
        String mode = Text.latin1(b.s, b.base + first + 1, second - first - 1);
        return mode.equalsIgnoreCase("netascii") || mode.equalsIgnoreCase("octet") || mode.equalsIgnoreCase("mail");
    }

    static String opcodeName(int opcode) {
        return switch (opcode) {
            case RRQ -> "Read Request";
            case WRQ -> "Write Request";
            case DATA -> "Data Packet";
            case ACK -> "Acknowledgement";
            case ERROR -> "Error Code";
            case OACK -> "Option Acknowledgement";
            case INFO -> "Information (MSDP)";
            default -> "Unknown";
        };
    }

    /** The opcode as the Info column starts: its name, or "Unknown (0x0007)". */
    private static String opcode(int opcode) {
        String name = opcodeName(opcode);
        return name.equals("Unknown") ? String.format("Unknown (0x%04x)", opcode) : name;
    }

    static String errorName(int code) {
        return switch (code) {
            case 0 -> "Not defined";
            case 1 -> "File not found";
            case 2 -> "Access violation";
            case 3 -> "Disk full or allocation exceeded";
            case 4 -> "Illegal TFTP Operation";
            case 5 -> "Unknown transfer ID";
            case 6 -> "File already exists";
            case 7 -> "No such user";
            case 8 -> "Option negotiation failed";
            default -> "Unknown";
        };
    }
}
