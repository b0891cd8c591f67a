package dev.tcpscope.proto.tftp;

import dev.tcpscope.proto.Datagram;
import dev.tcpscope.proto.Items;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;
import dev.tcpscope.tcp.UdpKeys;

import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * TFTP (RFC 1350, with the option extension of RFC 2347-2349 and 7440) as Wireshark 4.0.17's
 * packet-tftp.c dissects it with default preferences (no reassembly of the file):
 *
 * <ul>
 *   <li>A datagram to udp.port 69 (or a port decoded as TFTP) starts a transfer: a conversation
 *       between the client's address and port and any port of the server, since the server
 *       answers from a new port. Datagrams between them are TFTP's before ports and heuristics
 *       are tried ({@link Announce}).</li>
 *   <li>The "udp" heuristic takes a datagram whose bytes after the opcode are printable or NUL,
 *       with an even, non-zero number of NULs and a mode of netascii, octet or mail, and starts a
 *       transfer the same way.</li>
 *   <li>Per transfer: the block size and window size options accepted in an OACK, the file name
 *       and request frame shown in every later message, the block numbers' sequence (a full block
 *       number past 65,535), and whether an ERROR is only the close of a transfer-size probe.</li>
 * </ul>
 *
 * <p>At most {@link #TRANSFERS} transfers are remembered (the least recently seen go). The walk
 * over a message ({@link TftpWalk}) gives the columns when the frame is read and the tree when it
 * is shown, from what the transfer held at that frame ({@link TftpWalk.Seen}).
 */
public final class Tftp implements PduDissector, LayerTree {
    /** packet-tftp.c UDP_PORT_TFTP_RANGE. */
    public static final int[] UDP_PORTS = {69};
    /** The most transfers remembered at once. */
    public static final int TRANSFERS = 1 << 14;

    /** Where a transfer is announced to UDP: datagrams between {@code endpoint} and any port of {@code host} go to TFTP. */
    @FunctionalInterface
    public interface Announce {
        void expect(long endpoint, long host, PduDissector d);
    }

    private final Announce announce;
    private final IntPredicate requestPort;
    private final Map<Long, TftpWalk.Transfer> transfers = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, TftpWalk.Transfer> eldest) {
            return size() > TRANSFERS;
        }
    };

    private final Datagram taken = new Datagram();
    private TftpWalk.Seen seen;
    private final Items.Fields fields = new Items.Fields();

    /**
     * @param announce     how a request makes the transfer's datagrams TFTP's
     * @param requestPort  whether a port is one a request goes to (udp.port 69, or decoded as TFTP)
     */
    public Tftp(Announce announce, IntPredicate requestPort) {
        this.announce = announce;
        this.requestPort = requestPort;
    }

    @Override
    public String name() { return "tftp"; }

    /** dissect_tftp_heur: {@link TftpWalk#validRequestBody}. */
    @Override
    public boolean heuristic(MemorySegment s, long off, int len) {
        return TftpWalk.validRequestBody(new Tvb(s, off, len, len));
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        Tvb b = new Tvb(s, off, len, ctx.reportedLength, Datagram.fragmented(ctx));
        TftpWalk.Transfer t = transfer(b, ctx);
        if (t == null) {
            ctx.declined = true; // neither a request nor a datagram of a known transfer: dissect_tftp returns 0
            return;
        }
        taken.keep(ctx, b);
        TftpWalk w = new TftpWalk(b, t, ctx.frame);
        ctx.columns.setProtocol("TFTP");
        // no Info of its own: the UDP line's, then the marker
        taken.columns(ctx, root -> w.walk(root, p -> { }), () -> w.info().length() > 0 ? w.info() : null);
        seen = w.seen();
    }

    /**
     * The transfer a datagram belongs to, as Wireshark 4.0.17's dissect_tftp finds it (measured on
     * crafted captures; the newer packet-tftp.c asks more of a request): a datagram to a TFTP port
     * joins the transfer of its source (the client's address and port, any port of the server) or
     * starts one, whatever it holds; any other datagram joins the transfer between its endpoints,
     * else, from a TFTP port or taken by the heuristic, starts one; null when it belongs to none.
     */
    private TftpWalk.Transfer transfer(Tvb b, PduContext ctx) {
        long client = UdpKeys.announced(ctx.source, ctx.destinationHost);
        TftpWalk.Transfer t = transfers.get(client);
        if (!requestPort.test(ctx.dstPort)) {
            long server = UdpKeys.announced(ctx.destination, ctx.sourceHost);
            TftpWalk.Transfer answer = transfers.get(server);
            if (answer != null) {
                return answer;
            }
            if (t != null) {
                return t;
            }
            if (requestPort.test(ctx.srcPort)) {
                t = new TftpWalk.Transfer(); // find_or_create_conversation: this pair of ports only
                transfers.put(server, t);
                return t;
            }
            if (!TftpWalk.validRequestBody(b)) {
                return null;
            }
        } else if (t != null) {
            return t;
        }
        t = new TftpWalk.Transfer();
        transfers.put(client, t);
        announce.expect(ctx.source, ctx.destinationHost, this);
        return t;
    }

    @Override
    public boolean shows(long f) {
        return taken.shows(f);
    }

    @Override
    public End tree(long f, Tree root, Consumer<String> protocols) {
        if (!shows(f)) {
            return End.OK;
        }
        protocols.accept("tftp");
        TftpWalk w = new TftpWalk(taken.bytes(), seen);
        return taken.tree(t -> w.walk(t, protocols), root);
    }

    /** The frame's TFTP items for its fields, or null when the frame has no TFTP message. */
    dev.tcpscope.proto.Collected fields(long f) {
        return fields.of(this, f);
    }

    @Override
    public String protocolName() { return "TFTP"; }

}
