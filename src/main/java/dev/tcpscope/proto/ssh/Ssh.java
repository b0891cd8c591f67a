package dev.tcpscope.proto.ssh;

import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * SSH over TCP as Wireshark 4.0.17 dissects it (packet-ssh.c {@code dissect_ssh}): the
 * identification line ({@code Protocol (SSH-2.0-...)}), then SSH-2 binary packets while the key
 * exchange runs (KEXINIT with its algorithm lists, the DH, DH group exchange and ECDH messages,
 * NEWKEYS), then, per direction after its NEWKEYS, {@code Encrypted packet (len=N)}, each segment
 * one such packet. The Protocol column is {@code SSH} until the client's identification says
 * {@code SSH-2.} or {@code SSH-1.99-} ({@code SSHv2}) or {@code SSH-1.} ({@code SSHv1}); Info is
 * the messages of the segment joined by ", " after {@code Client: } or {@code Server: }.
 *
 * <p>Wireshark 4.0 tries to decrypt once a direction's NEWKEYS is seen and the negotiated cipher
 * is one it can decrypt (chacha20-poly1305, AES CBC/CTR/GCM); without keys that attempt writes
 * nothing for chacha20 and AES CBC/CTR (the length it decrypts is not plausible), so those lines
 * end after "Client: " (see {@link SshPacket#encrypted}).
 *
 * <p>State per conversation: the version, the key-exchange method and per direction the frames
 * of the identification and of the key exchange, the proposals and the chosen algorithms (a few
 * strings). Per frame only the current frame's calls are kept, each with a copy of the state it
 * started from, so that the detail tree and the fields replay the same code over the same bytes.
 */
public final class Ssh implements PduDissector, LayerTree, dev.tcpscope.proto.TwoPass {
    /** packet-ssh.c TCP_RANGE_SSH. */
    public static final int[] TCP_PORTS = {22, 29418};

    static final int VERSION_UNKNOWN = 0, VERSION_1 = 1, VERSION_2 = 2;

    private final IntFunction<PduDissector> byPort;

    /** The calls of the current frame. */
    private final List<Call> calls = new ArrayList<>(2);
    private int callsFrame = -1;
    private final Items.Fields fields = new Items.Fields();

    /**
     * @param byPort the tcp.port table this dissector is registered in, to tell which port matched
     *               (packet-ssh.c: a segment to that port is the client's)
     */
    public Ssh(IntFunction<PduDissector> byPort) {
        this.byPort = byPort;
    }

    /** One direction's state (packet-ssh.c struct ssh_peer_data, what the dissection uses). */
    static final class Peer {
        int versionStart, versionEnd, keyStart, keyEnd, keyEndOffset;
        String kexProposal;
        String[] encProposals = new String[2], macProposals = new String[2], compProposals = new String[2];
        String enc, mac, comp;
        int macLength = -1;
        boolean lengthIsPlaintext;
        /** The decryption cipher Wireshark would set up at NEWKEYS (0: none it knows). */
        int cipherId;
        /** Whether that cipher was set up (NEWKEYS seen with a known cipher). */
        boolean cipher;
        int sequenceNumber, seqKexInit, seqNewKey, seqGexReq, seqGexGrp, seqGexIni, seqGexRep,
                seqEcdhIni, seqEcdhRep, seqDhIni, seqDhRep;

        Peer copy() {
            Peer q = new Peer();
            q.versionStart = versionStart;
            q.versionEnd = versionEnd;
            q.keyStart = keyStart;
            q.keyEnd = keyEnd;
            q.keyEndOffset = keyEndOffset;
            q.kexProposal = kexProposal;
            q.encProposals = encProposals.clone();
            q.macProposals = macProposals.clone();
            q.compProposals = compProposals.clone();
            q.enc = enc;
            q.mac = mac;
            q.comp = comp;
            q.macLength = macLength;
            q.lengthIsPlaintext = lengthIsPlaintext;
            q.cipherId = cipherId;
            q.cipher = cipher;
            q.sequenceNumber = sequenceNumber;
            q.seqKexInit = seqKexInit;
            q.seqNewKey = seqNewKey;
            q.seqGexReq = seqGexReq;
            q.seqGexGrp = seqGexGrp;
            q.seqGexIni = seqGexIni;
            q.seqGexRep = seqGexRep;
            q.seqEcdhIni = seqEcdhIni;
            q.seqEcdhRep = seqEcdhRep;
            q.seqDhIni = seqDhIni;
            q.seqDhRep = seqDhRep;
            return q;
        }
    }

    /** Kinds of key-exchange-specific dissectors (packet-ssh.c kex_specific_dissector). */
    static final int KEX_DH = 0, KEX_DH_GEX = 1, KEX_ECDH = 2;

    /** One conversation's state (packet-ssh.c struct ssh_flow_data). */
    static final class Session {
        int version = VERSION_UNKNOWN;
        String kex;
        int kexKind = KEX_DH;
        Peer[] peer = {new Peer(), new Peer()};
        /** The port through which the dissector was found, or −1 before the first segment. */
        int matchPort = -1;
        /**
         * tshark -2: each direction's cipher, MAC and compression as the first pass left them
         * (client's three, then the server's), which packet-ssh.c's second pass shows in every
         * packet's title; null in one pass.
         */
        String[] lastAlgorithms;
        /** Whether the second pass has given this conversation what the first recorded. */
        boolean secondPassKnown;

        Session copy() {
            Session c = new Session();
            c.version = version;
            c.kex = kex;
            c.kexKind = kexKind;
            c.peer = new Peer[] {peer[0].copy(), peer[1].copy()};
            c.matchPort = matchPort;
            c.lastAlgorithms = lastAlgorithms;
            c.secondPassKnown = secondPassKnown;
            return c;
        }
    }

    /** One call of the dissector in the current frame: what the tree replays. */
    record Call(Session before, boolean response, MemorySegment s, long base, int len, int frame,
                boolean canDesegment, boolean truncated) { }

    @Override
    public String name() { return "ssh"; }

    @Override
    public Object newSession() { return new Session(); }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        Session ss = (Session) ctx.session;
        if (ss.matchPort < 0) {
            ss.matchPort = Items.matchPort(byPort, this, ctx.srcPort, ctx.dstPort);
        }
        if (kexes.secondPass() && ss.matchPort >= 0 && !ss.secondPassKnown) {
            // the second pass knows the method and the algorithms from the start
            ss.secondPassKnown = true;
            if (ss.kex == null) {
                ss.kex = kexes.get(ctx.stream);
                if (ss.kex != null) {
                    SshKex.setKind(ss);
                }
            }
            ss.lastAlgorithms = algorithms.get(ctx.stream);
        }
        boolean response = ctx.dstPort != ss.matchPort;
        if (ctx.frame != callsFrame) {
            calls.clear();
            callsFrame = ctx.frame;
        }
        calls.add(new Call(ss.copy(), response, s, off, len, ctx.frame, ctx.canDesegment, ctx.truncated));
        SshPacket p = new SshPacket(ss, response, s, off, len, ctx.frame, ctx.canDesegment, ctx.truncated, null);
        p.run();
        versions.put(ctx.stream, ss.version);
        if (ss.kex != null) {
            kexes.put(ctx.stream, ss.kex);
        }
        if (algorithms.recording()) {
            Peer c = ss.peer[0];
            Peer v = ss.peer[1];
            algorithms.put(ctx.stream, new String[] {c.enc, c.mac, c.comp, v.enc, v.mac, v.comp});
        }
        Integer last = versions.get(ctx.stream);
        ctx.columns.setProtocol(last == null ? p.protocol : SshPacket.protocolName(last));
        String info = Text.infoLimit((p.direction == null ? "" : p.direction) + p.info).toString();
        if (calls.size() == 1 && p.direction != null) {
            // packet-ssh.c clears the column, appends each message with ", " (after TCP's fenced
            // analysis labels, if any, the separator too) and then prepends the direction to all of it
            ctx.columns.setInfo("");
            ctx.columns.appendSeparated(", ", info.substring(p.direction.length()));
            ctx.columns.prependInfo(p.direction);
        } else {
            ctx.columns.setInfo(info);
        }
        if (p.desegmentLength != 0) {
            ctx.desegmentOffset = p.desegmentOffset;
            ctx.desegmentLength = p.desegmentLength;
        }
    }

    @Override
    public boolean shows(long frame) {
        return frame == callsFrame && !calls.isEmpty();
    }

    @Override
    public void uncall(long frame) {
        if (frame == callsFrame && !calls.isEmpty()) {
            calls.remove(calls.size() - 1);
        }
    }

    @Override
    public End tree(long frame, Tree root, Consumer<String> protocols) {
        if (!shows(frame)) {
            return End.OK;
        }
        for (Call c : calls) {
            protocols.accept("ssh");
            SshPacket p = new SshPacket(c.before.copy(), c.response, c.s, c.base, c.len, c.frame,
                    c.canDesegment, c.truncated, root);
            p.run();
            if (p.end != End.OK) {
                return p.end;
            }
        }
        return End.OK;
    }

    /** The fields of the current frame's SSH items (for filters and -e). */
    Collected fields(long frame) {
        return fields.of(this, frame);
    }

    @Override
    public String protocolName() { return "SSH"; }

    // ---- two passes (tshark -2) ------------------------------------------------------------

    /** Each conversation's version after its last call, kept by the first pass of two for the second. */
    private final dev.tcpscope.proto.PassRecord<Integer> versions = new dev.tcpscope.proto.PassRecord<>();

    /**
     * packet-ssh.c names the Protocol column from the conversation's version before it reads the
     * frame, and the second pass finds the version the first pass ended with: a client banner
     * that comes before the server's says "SSH" in one pass and "SSHv2" with -2. One int per
     * SSH conversation is kept for that.
     */
    @Override
    public void recordForSecondPass() {
        versions.start();
        kexes.start();
        algorithms.start();
    }

    @Override
    public void secondPassOf(dev.tcpscope.proto.TwoPass other) {
        versions.takeOver(((Ssh) other).versions);
        kexes.takeOver(((Ssh) other).kexes);
        algorithms.takeOver(((Ssh) other).algorithms);
    }

    /**
     * Each conversation's key exchange method, kept by the first pass of two: packet-ssh.c keeps
     * it in the conversation, so its second pass names the method in every "Key Exchange" item,
     * the KEXINITs that chose it included.
     */
    private final dev.tcpscope.proto.PassRecord<String> kexes = new dev.tcpscope.proto.PassRecord<>();

    /** Each conversation's algorithms as the first pass of two left them ({@link Session#lastAlgorithms}). */
    private final dev.tcpscope.proto.PassRecord<String[]> algorithms = new dev.tcpscope.proto.PassRecord<>();
}
