package dev.tcpscope.proto.afs;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * The AFS call in an RX DATA packet as Wireshark 4.0.17's packet-afs.c shows it: the service
 * chosen by the server's port (a request's destination, a reply's source: FS 7000, CB 7001, PROT
 * 7002, VLDB 7003, KAUTH 7004, VOL 7005, ERROR 7006, BOS 7007, UPDATE 7008, RMTSYS 7009, BACKUP
 * 7021; a UBIK opcode wins over the port), the opcode (a request's first word, a reply's taken
 * from its request by epoch, connection and call number), the Info column ("FS Request:
 * fetch-status (132)"), the pairing items, and for a call's first packet the arguments
 * {@link AfsArgs} reads.
 */
final class AfsWalk {
    static final int PORT_FS = 7000;
    static final int PORT_CB = 7001;
    static final int PORT_PROT = 7002;
    static final int PORT_VLDB = 7003;
    static final int PORT_KAUTH = 7004;
    static final int PORT_VOL = 7005;
    static final int PORT_ERROR = 7006;
    static final int PORT_BOS = 7007;
    static final int PORT_UPDATE = 7008;
    static final int PORT_RMTSYS = 7009;
    static final int PORT_BACKUP = 7021;
    static final int PORT_BUTC = 7025;

    /** What packet-afs.c knows of a port: Info's short name, the Service item's name, the field prefix. */
    record Service(String shortName, String name, String prefix, boolean values, boolean args) { }

    static Service service(int port) {
        return switch (port) {
            case PORT_FS -> new Service("FS", "File Server", "fs", true, true);
            case PORT_CB -> new Service("CB", "Callback Server", "cb", true, true);
            case PORT_PROT -> new Service("PROT", "Protection Server", "prot", true, true);
            case PORT_VLDB -> new Service("VLDB", "Volume Location Database Server", "vldb", true, true);
            case PORT_KAUTH -> new Service("KAUTH", "Kerberos Authentication Server", "kauth", true, true);
            case PORT_VOL -> new Service("VOL", "Volume Server", "vol", true, true);
            case PORT_ERROR -> new Service("ERR", "Error Server", "error", false, false);
            case PORT_BOS -> new Service("BOS", "BOS Server", "bos", true, true);
            case PORT_UPDATE -> new Service("UPD", "Update? Server", "update", true, false);
            case PORT_RMTSYS -> new Service("RMT", "Rmtsys? Server", "rmtsys", true, false);
            case PORT_BACKUP -> new Service("BKUP", "Backup Server", "backup", true, true);
            case PORT_BUTC -> new Service("BUTC", "Backup Tape Controller", "butc", true, false);
            // 4.0.17 takes a port above 7025 for the tape coordinator too (afs.butc), named by its number
            default -> port > PORT_BUTC ? new Service("Unknown(" + port + ")", "Unknown(" + port + ")", "butc", true, false) : null;
        };
    }

    /** VOTE_LOW..VOTE_HIGH and DISK_LOW..DISK_HIGH: UBIK's opcodes, whatever the port. */
    static boolean ubik(long op) {
        return op >= 10000 && op <= 10007 || op >= 20000 && op <= 20013;
    }

    /** VALID_OPCODE: 0 to 66000 (the C int is signed: a word with its top bit set is not valid). */
    static boolean valid(long op) {
        return op >= 0 && op <= 66000;
    }

    /** What the call's request left for this packet: its frame, the reply's, its time, its opcode. */
    record Pairing(boolean known, int requestFrame, int replyFrame, long requestTime, long opcode) { }

    private final Tvb t;
    private final RxWalk rx;
    private final int srcPort;
    private final int dstPort;
    private final Pairing pairing;
    private final long time;
    final boolean reply;
    final long opcode;
    final int port;
    /** The Info column packet-afs.c writes. */
    final String info;

    AfsWalk(Tvb t, RxWalk rx, int srcPort, int dstPort, Pairing pairing, long time) {
        this.t = t;
        this.rx = rx;
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.pairing = pairing;
        this.time = time;
        this.reply = (rx.flags & RxWalk.CLIENT_INITIATED) == 0;
        this.port = reply ? srcPort : dstPort;
        this.opcode = pairing.known() ? pairing.opcode() : 0;
        this.info = info();
    }

    private String info() {
        Service s = service(port);
        boolean ubik = ubik(opcode);
        String shortName = s != null ? s.shortName() : "Unknown(" + port + ")";
        String dir = reply ? "Reply" : "Request";
        if (!valid(opcode)) {
            return "Encrypted " + shortName + " " + dir;
        }
        String prefix = ubik ? "ubik" : s != null && s.values() ? s.prefix() : null;
        if (prefix == null) {
            return shortName + " " + dir + ": Unknown(" + opcode + ")"; // no value string: no number after it
        }
        String name = Put.AFS.value("afs." + prefix + ".opcode", opcode);
        return (ubik ? "UBIK-" : "") + shortName + " " + dir + ": " + (name != null ? name : "Unknown(" + opcode + ")")
                + " (" + opcode + ")";
    }

    /** The AFS item and everything under it; {@code visible}: whether the tree is shown ({@link Put#visible}). */
    void tree(Tree root, boolean visible) {
        Put put = new Put(t, Put.AFS, visible);
        Tree afs = t.at(root.protocol("afs", "Andrew File System (AFS)"), 0, Math.max(t.rep, 0));
        Service s = service(port);
        boolean ubik = ubik(opcode);
        String name = s != null ? s.name() : "Unknown(" + port + ")";
        String label = "Service: " + (valid(opcode) ? "" : "Encrypted ") + (ubik ? "UBIK - " : "") + name + " "
                + (reply ? "Reply" : "Request");
        t.at(afs.field("afs.service", label, Long.toString(opcode & 0xffffffffL)), 0, 0); // FT_UINT32 of the C int
        if (pairing.known() && !reply && pairing.replyFrame() != 0) {
            t.at(afs.field("afs.repframe", "The reply to this request is in frame " + pairing.replyFrame(),
                    Integer.toString(pairing.replyFrame())), 0, 0);
        }
        if (pairing.known() && reply && pairing.replyFrame() != 0) {
            t.at(afs.field("afs.reqframe", "This is a reply to a request in frame " + pairing.requestFrame(),
                    Integer.toString(pairing.requestFrame())), 0, 0);
            String d = Text.seconds(time - pairing.requestTime());
            t.at(afs.field("afs.time", "Time from request: " + d + " seconds", d), 0, 0);
        }
        if (!valid(opcode)) {
            return;
        }
        String prefix = ubik ? "ubik" : s != null ? s.prefix() : null;
        Tree op;
        if (prefix != null) {
            boolean here = !reply && rx.seq == 1;
            op = put.number(afs, "afs." + prefix + ".opcode", 0, here ? 4 : 0, opcode);
        } else {
            op = t.at(afs.text("Operation: Unknown"), 0, 0);
        }
        if (prefix != null) {
            t.at(afs.hidden("afs." + (ubik ? "ubik" : s.prefix()), "1"), 0, 0);
        }
        if ((ubik || s != null && s.args()) && rx.seq == 1) {
            new AfsArgs(t, put, op, reply).call(ubik ? "ubik" : s.prefix(), (int) opcode);
        }
    }
}
