package dev.tcpscope.tcp;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Dissector;
import dev.tcpscope.wire.EtherTrailer;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.ReassembledIn;
import dev.tcpscope.wire.Tcp;
import dev.tcpscope.wire.Udp;
import dev.tcpscope.wire.UdpTunnel;

/**
 * Decodes frames in capture order: dissects each one ({@link Dissector}) and runs the TCP
 * analysis on its TCP segment ({@link TcpAnalyzer}). What it leaves for the current frame — the
 * dissection and the segment's {@link TcpRecord} — is what the packet list, the field table and
 * the filters read; all of it is reused for the next frame.
 */
public final class Decoder implements Decoded {
    private final Dissector dissector = new Dissector();
    private final Dissection dissection = new Dissection();
    private final TcpAnalyzer analyzer;
    private final TcpRecord record = new TcpRecord();
    private Frame frame;
    private int tcpLayer = -1;
    private int ipLayer = -1;
    private boolean analysed;
    private boolean haveFirstTime;
    /** Whether {@link #reference} set {@link #firstTime} before any frame was decoded. */
    private boolean referenced;
    private long firstTime;
    private long previousTime;
    /** The same times as seconds and nanoseconds, for differences beyond a long's nanoseconds. */
    private long seconds, firstSeconds, previousSeconds, displayedSeconds;
    private int nanos, firstNanos, previousNanos, displayedNanos;
    private long time;

    private Desegmenter desegmenter;

    /** A first (or only) pass. */
    public Decoder() {
        this(new TcpAnalyzer());
    }

    /** A decoder whose TCP analysis is {@code analyzer} (a second pass, for one). */
    public Decoder(TcpAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * Hands TCP payloads to the protocols of {@code table} from now on, desegmenting as
     * Wireshark does ({@link Desegmenter}); without it nothing above TCP is dissected.
     */
    public Decoder payloads(PduTable table) {
        return payloads(table, false);
    }

    /** As {@link #payloads(PduTable)}, showing frames as tshark's second pass does when {@code secondPass}. */
    public Decoder payloads(PduTable table, boolean secondPass) {
        desegmenter = table == null ? null : new Desegmenter(table).secondPass(secondPass);
        claimUdpPorts(table);
        return this;
    }

    /** A UDP port the table's dissectors own goes to them before a tunnel on the other port. */
    private void claimUdpPorts(PduTable table) {
        dissector.udpClaimed(table == null ? port -> false : table::claimsUdpPort);
        analyzer.precreated(table == null ? null : table::precreated);
    }

    /** The table payloads go to (TCP's and UDP's), or null when nothing above them is dissected. */
    public PduTable payloadTable() { return desegmenter == null ? null : desegmenter.table(); }

    /**
     * As {@link #payloads(PduTable)} for tshark's second pass ({@code -2}), knowing where the
     * first pass ({@link #pduCompletions()}) completed each PDU.
     */
    public Decoder payloads(PduTable table, PduCompletions firstPass) {
        desegmenter = table == null ? null : new Desegmenter(table).secondPass(firstPass);
        claimUdpPorts(table);
        return this;
    }

    /** The desegmenter, or null when no protocol above TCP is dissected. */
    public Desegmenter desegmenter() { return desegmenter; }

    /** The desegmenter when it ran on this frame's TCP segment (its per-frame results are this frame's), else null. */
    public Desegmenter desegmented() { return desegRan ? desegmenter : null; }

    private boolean desegRan;

    /**
     * {@code tcp.desegment_tcp_streams}: whether TCP reassembles PDUs for the protocols above it
     * (true without any, as tshark's default).
     */
    public boolean desegmenting() { return desegmenter == null || desegmenter.table().desegment(); }

    /** Where the first pass of two completed each multi-segment PDU (after {@link #noteForSecondPass()}), or null. */
    public PduCompletions pduCompletions() {
        return desegmenter == null ? null : desegmenter.completions();
    }

    /** What the protocols above TCP (or UDP) wrote in the columns of this frame, or null. */
    @Override
    public AppColumns appColumns() {
        if (datagramTaker != null || declinedColumns) {
            return datagramColumns.touched() ? datagramColumns : null;
        }
        return appTouched ? desegmenter.columns() : null;
    }

    // ---- UDP: one datagram, one call (packet-udp.c decode_udp_ports) ---------------------------

    private final AppColumns datagramColumns = new AppColumns();
    /** The port's dissector declined the datagram but its column writes stay (PduContext.keepColumns). */
    private boolean declinedColumns;
    private final PduContext datagramContext = new PduContext();
    /** The IP layer of the datagram being dissected, for {@link PduContext#sourceEndpoint}. */
    private int datagramIp;

    {
        datagramContext.sourceEndpoint = port -> endpointKey(datagramIp, true, port);
    }
    private PduDissector datagramTaker;

    /** The protocol that took this frame's UDP payload, or null (none, or no UDP). */
    public PduDissector datagramTaker() { return datagramTaker; }

    /**
     * Hands the payload of the frame's UDP layer {@code i} to the protocol {@link PduTable#forDatagram}
     * picks, as packet-udp.c does once the header checked out: a length of at least 8 and a
     * non-empty payload, cut to the UDP length; nothing for a datagram an ICMP error quotes.
     * The first {@code skip} bytes of the payload are passed over (the non-ESP marker of UDP
     * port 4500), and {@code called}, when not null, takes the rest whatever the table says.
     */
    private void datagram(Frame f, int i, int ip, int skip, PduDissector called) {
        var s = dissection.segment(i);
        long off = dissection.offset(i);
        int cap = dissection.captured(i);
        if (cap < Udp.HEADER_LENGTH) {
            return;
        }
        int ulen = Udp.length(s, off);
        int reported = dissection.reported(i);
        if (ulen == 0 && dissection.proto(ip) == Proto.IPV6) {
            ulen = reported; // jumbogram (RFC 2675)
        }
        if (ulen <= Udp.HEADER_LENGTH) {
            return;
        }
        int rep = Math.min(ulen, reported) - Udp.HEADER_LENGTH - skip;
        int len = Math.min(cap - Udp.HEADER_LENGTH - skip, rep);
        if (len < 0 || rep < 0) {
            return; // (an empty IKE message after the marker is still handed over, as packet-ipsec-udp.c does)
        }
        if (len == 0 && rep > 0 && skip == 0 && called == null) {
            // not one byte of a non-empty payload captured: packet-udp.c stops on the bounds
            // exception before any dissector sees it (tcpdump's hoobr_bfd_print.pcap to port 3785)
            return;
        }
        int sp = Udp.srcPort(s, off);
        int dp = Udp.dstPort(s, off);
        long conversation = conversationKey(s, off, ip, sp, dp);
        PduContext c = datagramContext;
        datagramIp = ip;
        c.conversation = conversation;
        c.source = endpointKey(ip, true, sp);
        c.destination = endpointKey(ip, false, dp);
        c.sourceHost = endpointKey(ip, true, UdpKeys.HOST);
        c.destinationHost = endpointKey(ip, false, UdpKeys.HOST);
        c.ipv6 = dissection.proto(ip) == Proto.IPV6;
        c.srcPort = sp;
        c.dstPort = dp;
        long payload = off + Udp.HEADER_LENGTH + skip;
        PduDissector d = called != null ? called : desegmenter.table().forDatagram(c, s, payload, len);
        if (d == null) {
            return;
        }
        datagramColumns.reset();
        c.session = null;
        c.frame = (int) f.number();
        c.time = time;
        c.stream = -1;
        c.datagram = true;
        c.reportedLength = rep;
        c.seq = 0;
        c.fin = false;
        c.reassembled = false;
        c.canDesegment = false;
        c.truncated = len < rep && !dissection.fragmented;
        c.fragment = dissection.fragmented;
        c.columns = datagramColumns;
        c.desegmentOffset = 0;
        c.desegmentLength = 0;
        c.declined = false;
        c.keepColumns = false;
        datagramTaker = d;
        d.dissect(s, payload, len, c);
        PduDissector next = c.declined && called == null ? desegmenter.table().afterDeclined(d, sp, dp) : null;
        if (next != null) {
            // decode_udp_ports: the lower port's dissector took nothing, the higher port's is tried next
            // (packet-snmp.c declines a DHCPv6 message from port 161 to 546, which packet-dhcpv6.c takes)
            datagramColumns.reset();
            c.declined = false;
            c.keepColumns = false;
            datagramTaker = next;
            next.dissect(s, payload, len, c);
        }
        if (c.declined) {
            // the port's dissector returned 0 (packet-hsrp.c for a destination port not its own):
            // nothing above UDP took the payload, which shows as data
            datagramTaker = null;
            declinedColumns = c.keepColumns;
            if (!declinedColumns) {
                datagramColumns.reset();
            }
        }
        long announced = desegmenter.table().takeAnnounced();
        if (announced != 0) {
            udpConversations.announce(announced);
        }
        long wildcard = desegmenter.table().takeWildcard();
        if (wildcard != 0) {
            udpConversations.wildcard(wildcard, c.frame);
        }
    }

    /** A 64-bit key of one endpoint of the frame's IP layer {@code ip}: its source or destination address and {@code port}. */
    private long endpointKey(int ip, boolean src, int port) {
        var is = dissection.segment(ip);
        long io = dissection.offset(ip);
        boolean v6 = dissection.proto(ip) == Proto.IPV6;
        int alen = v6 ? 16 : 4;
        return UdpKeys.endpoint(is, io + (v6 ? 8 : 12) + (src ? 0 : alen), alen, port);
    }

    /** A 64-bit key of the UDP conversation: both addresses and ports, the same in either direction. */
    private long conversationKey(java.lang.foreign.MemorySegment s, long off, int ip, int sp, int dp) {
        var is = dissection.segment(ip);
        long io = dissection.offset(ip);
        boolean v6 = dissection.proto(ip) == Proto.IPV6;
        int alen = v6 ? 16 : 4;
        long srcAt = io + (v6 ? 8 : 12);
        long dstAt = srcAt + alen;
        long a = sp;
        long b = dp;
        for (int k = 0; k < alen; k++) {
            a = a * 31 + (is.get(java.lang.foreign.ValueLayout.JAVA_BYTE, srcAt + k) & 0xff);
            b = b * 31 + (is.get(java.lang.foreign.ValueLayout.JAVA_BYTE, dstAt + k) & 0xff);
        }
        long lo = Math.min(a, b);
        long hi = Math.max(a, b);
        return (lo * 0x9E3779B97F4A7C15L) ^ Long.rotateLeft(hi * 0xC2B2AE3D27D4EB4FL, 31);
    }

    private boolean appTouched;

    /**
     * A second pass: TCP analysis {@code analyzer}, and what the first pass {@code first} noted
     * ({@link #noteForSecondPass()}): where each IP datagram was completed, which echo answered which.
     */
    public Decoder(TcpAnalyzer analyzer, Decoder first) {
        this(analyzer);
        dissector.knownReassemblies(first.reassemblies);
        echoes.secondPassOf(first.echoes);
        udpConversations.secondPassOf(first.udpConversations);
        sctpTsns.secondPassOf(first.sctpTsns);
    }

    private ReassembledIn reassemblies;

    /**
     * Notes from now on what a second pass shows that one pass cannot: which frame completes each
     * IP datagram and each TCP PDU, and which echo reply answers which request.
     */
    public void noteForSecondPass() {
        reassemblies = new ReassembledIn();
        dissector.noteReassemblies(reassemblies);
        if (desegmenter != null) {
            desegmenter.noteCompletions();
        }
        echoes.record();
    }

    /**
     * Notes the file's first frame when a read filter (-2 -R) dropped it before any frame was
     * decoded: tshark measures {@code frame.time_relative} from it (the delta from the previous
     * frame still starts at the first frame decoded).
     */
    public void reference(Frame f) {
        if (!haveFirstTime && !referenced && (f.kind() == Frame.Kind.PACKET || f.hasTimestamp())) {
            referenced = true;
            firstTime = f.seconds() * 1_000_000_000L + f.nanos();
            firstSeconds = f.seconds();
            firstNanos = f.nanos();
        }
    }

    /** Frames decoded so far, and the one {@link #treeItems} belongs to. */
    private long decoded, treeItemsOf = -1;
    private Object treeItems;

    /**
     * Items of the current frame's whole detail tree that fields read (the expert infos, which
     * every layer adds), put here by the stage that builds trees before a filter or {@code -e}
     * asks for them; null when none were put for this frame.
     */
    public Object treeItems() { return treeItemsOf == decoded ? treeItems : null; }

    /** Sets {@link #treeItems()} for the current frame. */
    public void treeItems(Object items) {
        treeItems = items;
        treeItemsOf = decoded;
    }

    /** Dissects and analyses {@code f}, which must come after the previous frame in the capture. */
    public void decode(Frame f) {
        decoded++;
        frame = f;
        if (f.kind() == Frame.Kind.PACKET || f.hasTimestamp()) {
            // wraps beyond years 1677-2262, which keeps every difference (delta, relative) exact;
            // the presentations take such a time from the frame's own seconds
            time = f.seconds() * 1_000_000_000L + f.nanos();
            previousSeconds = seconds;
            previousNanos = nanos;
            seconds = f.seconds();
            nanos = f.nanos();
        }
        // else wiretap leaves the record's time as the previous record set it (0 before the
        // first), and tshark measures the next frame's delta from that
        if (!haveFirstTime) {
            haveFirstTime = true;
            if (!referenced) {
                firstTime = time;
            }
            previousTime = time;
            previousSeconds = seconds;
            previousNanos = nanos;
            if (!referenced) {
                firstSeconds = seconds;
                firstNanos = nanos;
            }
        }
        timeDelta = time - previousTime;
        previousTime = time;
        tcpLayer = -1;
        ipLayer = -1;
        analysed = false;
        appTouched = false;
        desegRan = false;
        datagramTaker = null;
        declinedColumns = false;
        trailerDone = false;
        if (f.kind() != Frame.Kind.PACKET) {
            dissection.reset(f);
            return;
        }
        dissector.dissect(f, dissection);
        udpConversations.frame(dissection, time, f.number());
        espSequences.frame(dissection, f.number());
        echoes.frame(dissection, f.number(), time);
        sctpTsns.frame(dissection, f.number(), time);
        int n = dissection.count();
        for (int i = 0; i < n; i++) {
            Proto p = dissection.proto(i);
            if (p == Proto.IPV4 || p == Proto.IPV6) {
                ipLayer = i;
            } else if (p == Proto.TCP && ipLayer >= 0) {
                tcpLayer = i;
                analysed = analyzer.analyze(dissection, ipLayer, i, (int) f.number(), time, record);
                if (analysed && desegmenter != null && record.haveSegmentLength && record.optionsComplete) {
                    payload(f, i);
                }
                break;
            } else if (p == Proto.UDP && ipLayer == i - 1 && desegmenter != null && i == n - 1
                    && dissection.quote() == null) {
                datagram(f, i, ipLayer, 0, null);
                break;
            } else if (p == Proto.UDP && ipLayer == i - 1 && desegmenter != null && i == n - 2
                    && dissection.quote() == null && dissection.proto(n - 1) == Proto.UDPENCAP
                    && UdpTunnel.nonEspMarker(dissection, n - 1)) {
                // packet-ipsec-udp.c hands what follows the non-ESP marker to ISAKMP by name
                PduDissector isakmp = desegmenter.table().byName("isakmp");
                if (isakmp != null) {
                    datagram(f, i, ipLayer, UdpTunnel.NON_ESP_MARKER_LENGTH, isakmp);
                }
                break;
            }
        }
    }

    private final UdpConversations udpConversations = new UdpConversations();
    private final EspSequences espSequences = new EspSequences();
    private final IcmpEchoes echoes = new IcmpEchoes();
    private final SctpTsns sctpTsns = new SctpTsns();

    @Override
    public long[] sctpBases() { return sctpTsns.bases(); }

    /** The echo request/reply matching of the frame just decoded. */
    @Override
    public IcmpEchoes echoes() { return echoes; }

    /**
     * The ESP sequence analysis of the frame just decoded ({@code esp.sequence-analysis.*}):
     * {expected sequence number, previous frame of the SPI}, or null when the frame has no
     * report (tcp.EspSequences).
     */
    public long[] espSequenceReport() {
        return espSequences.reported() ? new long[] {espSequences.expected(), espSequences.previousFrame()} : null;
    }

    /**
     * {@code udp.stream} and the UDP timestamps of layer {@code i} of {@code layers} (the frame
     * just decoded, or the datagram its ICMP error quotes): {stream index, time of the
     * conversation's first datagram, time of its datagram before this one}, times in epoch
     * nanoseconds; null when packet-udp.c files no conversation for it.
     */
    public long[] udpConversation(Dissection layers, int i) {
        return udpConversations.of(layers, i, layers != dissection);
    }

    /**
     * The {@code udp.stream} numbers of the frame's UDP layers, then those of the datagram its
     * ICMP error quotes, written into {@code out} as far as it reaches; returns how many there are.
     */
    public int udpStreams(int[] out) {
        return udpConversations.streams(out);
    }

    /** Tells the desegmenter where the source address of the IP layer under TCP layer {@code i} is. */
    private void sourceAddress(int i) {
        for (int j = i - 1; j >= 0; j--) {
            Proto p = dissection.proto(j);
            if (p == Proto.IPV4 || p == Proto.IPV6) {
                boolean v4 = p == Proto.IPV4;
                desegmenter.sourceAddress(dissection.segment(j),
                        dissection.offset(j) + (v4 ? dev.tcpscope.wire.Ipv4.SRC : dev.tcpscope.wire.Ipv6.SRC), v4 ? 4 : 16);
                return;
            }
        }
        desegmenter.sourceAddress(null, 0, 0);
    }

    private void payload(Frame f, int i) {
        int captured = dissection.captured(i) - record.headerLength;
        if (captured < 0) {
            return;
        }
        if (record.segmentLength == 0 && (record.flags & Tcp.FIN) == 0) {
            return;
        }
        Handshake h = analyzer.conversation().handshake();
        boolean closing = (record.flags & Tcp.RST) != 0 || (h.finFrame(true) != 0 && h.finFrame(false) != 0);
        var s = dissection.segment(i);
        long off = dissection.offset(i);
        if (s == f.segment() && f.file() != null) {
            desegmenter.source(f.file(), s, f.filePosition(0));
        } else {
            desegmenter.source(null, null, 0);
        }
        if ((record.flags & Tcp.URG) != 0) {
            desegmenter.urgentPointer(Tcp.urgentPointer(s, off)); // read only when it means something
        }
        sourceAddress(i);
        desegmenter.segment((int) f.number(), time, record, Tcp.srcPort(s, off), Tcp.dstPort(s, off),
                s, off + record.headerLength, Math.min(captured, record.segmentLength), record.segmentLength, closing);
        appTouched = desegmenter.columns().touched();
        desegRan = true;
    }

    private long timeDelta;
    private boolean displayedBefore;
    private long previousDisplayed;
    private long timeDeltaDisplayed;

    /**
     * Marks the frame just decoded as displayed (it passed the display filter): its
     * {@link #timeDeltaDisplayed()} is measured from the previous frame so marked.
     */
    public void display() {
        timeDeltaDisplayed = displayedBefore ? time - previousDisplayed : 0;
        displayedDelta = displayedBefore ? bigDifference(seconds, nanos, displayedSeconds, displayedNanos) : null;
        displayedBefore = true;
        previousDisplayed = time;
        displayedSeconds = seconds;
        displayedNanos = nanos;
    }

    /** {@code frame.time_delta_displayed}: nanoseconds since the previous displayed frame (0 for the first). */
    public long timeDeltaDisplayed() { return timeDeltaDisplayed; }

    /** The frame's time in epoch nanoseconds. */
    public long time() { return time; }

    /**
     * Seconds and nanoseconds as one count of nanoseconds, saturated at the ends of a long
     * (years 1677 and 2262): a pcapng time far in the future or an {@code if_tsoffset} of 2^63-1
     * stays the latest time there is instead of wrapping into the past.
     */
    public static long epochNanos(long seconds, long nanos) {
        long hi = Math.multiplyHigh(seconds, 1_000_000_000L);
        long lo = seconds * 1_000_000_000L;
        if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) {
            return seconds < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        long sum = lo + nanos;
        if (((lo ^ sum) & (nanos ^ sum)) < 0) {
            return lo < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    /** {@code frame.time_relative}: nanoseconds since the first frame. */
    public long timeRelative() { return time - firstTime; }

    private String displayedDelta;

    /**
     * {@link #timeDelta()}, {@link #timeRelative()} and {@link #timeDeltaDisplayed()} are exact
     * whenever the real difference fits a long count of nanoseconds (about 292 years), even
     * when the times themselves wrapped. For a larger difference (a time past 2262 next to one
     * before it) these give tshark's text of it, seconds with nine decimals; else null.
     */
    public String timeDeltaBeyond() { return bigDifference(seconds, nanos, previousSeconds, previousNanos); }

    /** See {@link #timeDeltaBeyond()}. */
    public String timeRelativeBeyond() { return bigDifference(seconds, nanos, firstSeconds, firstNanos); }

    /** See {@link #timeDeltaBeyond()}. */
    public String timeDeltaDisplayedBeyond() { return displayedDelta; }

    /** a - b as seconds with nine decimals when it does not fit a long count of nanoseconds, else null. */
    static String bigDifference(long aSeconds, int aNanos, long bSeconds, int bNanos) {
        long ds = aSeconds - bSeconds;
        boolean overflow = ((aSeconds ^ bSeconds) & (aSeconds ^ ds)) < 0;
        if (!overflow && Math.abs(ds) < 9_000_000_000L) {
            return null;
        }
        java.math.BigDecimal d = java.math.BigDecimal.valueOf(aSeconds).subtract(java.math.BigDecimal.valueOf(bSeconds))
                .add(java.math.BigDecimal.valueOf(aNanos - bNanos, 9));
        return d.setScale(9, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    /**
     * The frame's time since the first frame in milliseconds, as tshark's statistics take it
     * ({@code nstime_to_msec} of {@code nstime_delta}): seconds and nanoseconds apart, so a
     * relative time beyond 292 years (a pcapng time far from the first) does not wrap.
     */
    public double relativeMillis() {
        long ds = seconds - firstSeconds;
        long dn = nanos - firstNanos;
        if (ds > 0 && dn < 0) {
            dn += 1_000_000_000L;
            ds--;
        } else if (ds < 0 && dn > 0) {
            dn -= 1_000_000_000L;
            ds++;
        }
        return (double) ds * 1000 + (double) dn / 1000000;
    }

    /**
     * The whole seconds of the frame's time since the first frame, rounded down, with
     * {@link #relativeNanosOfSecond()} in [0, 10^9): exact however far apart the two are.
     */
    public long relativeWholeSeconds() {
        return nanos - firstNanos < 0 ? seconds - firstSeconds - 1 : seconds - firstSeconds;
    }

    /** The nanoseconds past {@link #relativeWholeSeconds()}. */
    public int relativeNanosOfSecond() {
        int dn = nanos - firstNanos;
        return dn < 0 ? dn + 1_000_000_000 : dn;
    }

    /** {@code frame.time_delta}: nanoseconds since the previous frame. */
    public long timeDelta() { return timeDelta; }

    /** The frame last decoded. */
    @Override
    public Frame frame() { return frame; }

    /** Its dissection. */
    @Override
    public Dissection dissection() { return dissection; }

    @Override
    public EtherTrailer.Outcome trailerOutcome() { return etherTrailer().outcome(); }

    @Override
    public boolean treeWanted() { return desegmenter != null && desegmenter.table().tree(); }

    private final EtherTrailer trailer = new EtherTrailer();
    private boolean trailerDone;

    /** What follows its EtherType payload (padding, trailer, FCS), worked out on first use. */
    public EtherTrailer etherTrailer() {
        if (!trailerDone) {
            trailer.compute(frame, dissection);
            trailerDone = true;
        }
        return trailer;
    }

    /** Layer index of its TCP header, or −1. */
    public int tcpLayer() { return tcpLayer; }

    /** Layer index of the IP header carrying the TCP segment, or −1. */
    public int tcpIpLayer() { return tcpLayer >= 0 ? ipLayer : -1; }

    /** The analysis of its TCP segment, or null when it has none (no TCP, or a header cut short). */
    @Override
    public TcpRecord tcp() { return analysed ? record : null; }

    /** The TCP analyzer, for stream-level state. */
    public TcpAnalyzer analyzer() { return analyzer; }
}
