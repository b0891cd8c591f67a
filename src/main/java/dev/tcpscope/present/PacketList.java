package dev.tcpscope.present;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.proto.igmp.Igmp;
import dev.tcpscope.proto.pim.Pim;
import dev.tcpscope.proto.ospf.Ospf;
import dev.tcpscope.proto.vrrp.Vrrp;
import dev.tcpscope.proto.tunnel.Geneve;
import dev.tcpscope.proto.tunnel.Gtp;
import dev.tcpscope.proto.tunnel.Vxlan;
import dev.tcpscope.tcp.Decoded;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.TcpAnalyzer;
import dev.tcpscope.tcp.TcpRecord;
import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.End;
import dev.tcpscope.wire.Erspan;
import dev.tcpscope.wire.Gre;
import dev.tcpscope.wire.Ipsec;
import dev.tcpscope.wire.Mpls;
import dev.tcpscope.wire.Ethernet;
import dev.tcpscope.wire.Ipv4;
import dev.tcpscope.wire.Ipv4OptionWalk;
import dev.tcpscope.wire.Ipv6;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Sll;
import dev.tcpscope.wire.Tcp;
import dev.tcpscope.wire.TcpOptionWalk;
import dev.tcpscope.wire.Udp;
import dev.tcpscope.wire.Vlan;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Builds tshark's packet list line for each frame: No., Time, Source, Destination, Protocol,
 * Length, Info. Frames must come in capture order (relative times, TCP state and ICMP pairing
 * depend on what came before). Everything is reused between frames; a line is appended to a
 * caller's StringBuilder.
 *
 * <p>Each layer writes the columns the way its Wireshark 4.0 dissector does, in the same order,
 * so that when a header is cut short the columns hold exactly what tshark had written before
 * its bounds exception, followed by tshark's marker.
 */
public final class PacketList {
    static final String LIMITED = "[Packet size limited during capture]";
    static final String MALFORMED = "[Malformed Packet]";
    private static final String[] SLL_PACKET_TYPES = {
        "Unicast to us", "Broadcast", "Multicast", "Unicast to another host", "Sent by us"
    };
    private static final int IPPROTO_AH = 51;
    /** RFC 7413 §4.1.1: TCP Fast Open's magic in the shared experimental option kinds. */
    private static final String[] TCP_FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};

    private final Decoder decoder;
    private final TcpOptionWalk options = new TcpOptionWalk();
    private final TcpOptionInfo optionInfo = new TcpOptionInfo();
    private Dissection d;
    /** The frame being listed: the decoder, or a copy of what it decoded. */
    private Decoded cur;
    /** The analysis of the TCP segment being listed, else null. */
    private TcpRecord rec;
    private final TimeFormat time;
    private final java.util.function.Supplier<MacNames> macSource;
    private MacNames macs;
    private final IcmpInfo icmp;
    private final ArpInfo arp;

    private final StringBuilder src = new StringBuilder(64);
    private final StringBuilder dst = new StringBuilder(64);
    private final StringBuilder protocol = new StringBuilder(16);
    private final StringBuilder info = new StringBuilder(256);
    private final StringBuilder timeText = new StringBuilder(32);
    /**
     * The separator of the address pair and of the ports, " → "; " \0 " once {@link #markArrows}
     * is called. A column never holds a NUL (tshark's columns are C strings), and without the
     * arrow, the one character above Latin-1 in most lines, every builder stays Latin-1: appending
     * numbers and copying the Info text into a UTF-16 builder cost a sixth of the list's time.
     */
    private String arrow = " \u2192 ";
    /** Link-layer addresses still to be named when no network layer replaces them (-1: none). */
    private MemorySegment macSegment;
    private long macSrc = -1;
    private long macDst = -1;

    public PacketList(TimeFormat time, MacNames macs) {
        this(time, () -> macs);
    }

    /**
     * A packet list whose MAC name table is loaded on first use: reading Wireshark's manuf file
     * costs far more than listing a small capture, and IP traffic never needs it.
     */
    public PacketList(TimeFormat time, java.util.function.Supplier<MacNames> macs) {
        this(time, macs, new Decoder());
    }

    /** A packet list whose frames {@link #appendLine(Decoder, StringBuilder)} takes from {@code decoder}. */
    public PacketList(TimeFormat time, java.util.function.Supplier<MacNames> macs, Decoder decoder) {
        this.decoder = decoder;
        this.time = time;
        this.macSource = macs;
        this.icmp = new IcmpInfo(MacNames.none());
        this.arp = new ArpInfo(MacNames.none());
    }

    private MacNames macs() {
        if (macs == null) {
            macs = macSource.get();
        }
        return macs;
    }

    /** The TCP analyzer, for callers that read per-stream state. */
    public TcpAnalyzer tcpAnalyzer() { return decoder.analyzer(); }

    /**
     * The analysis of the last frame's TCP segment, or null when it had none; valid until the
     * next {@link #appendLine} (the record is reused).
     */
    public TcpRecord tcpRecord() { return decoder.tcp(); }

    /** Decodes {@code f} and appends its packet-list line (without newline) to {@code line}. */
    public void appendLine(Frame f, StringBuilder line) {
        decoder.decode(f);
        appendLine(decoder, line);
    }

    /**
     * From now on the lines hold NUL where the arrows go, for {@link LineWriter#lineMarked} to
     * write as "→". Only for lines that go straight to that writer: any other reader of the
     * line or of {@link #columns} would see the NUL.
     */
    public PacketList markArrows() {
        arrow = " \0 ";
        return this;
    }

    /** Notes the file's first frame when a read filter (-2 -R) dropped it: the time reference, as in tshark. */
    public void reference(Frame f) {
        time.reference(f);
    }

    /** Notes a frame that a display filter hides: for the time column of the frames that follow. */
    public void skip(Decoded decoded) {
        time.skip(decoded.frame());
    }

    /**
     * Appends the packet-list line of the frame {@code decoded} has just decoded; {@code decoded}
     * must be this list's decoder, so that frames reach it in capture order.
     */

    public void appendLine(Decoder decoded, StringBuilder line) {
        appendLine((Decoded) decoded, line);
    }

    /**
     * Appends the packet-list line of {@code decoded}: the frame this list's decoder has just
     * decoded, or a {@link dev.tcpscope.tcp.FrameCopy} of it; either way frames must reach this
     * list in capture order.
     */
    public void appendLine(Decoded decoded, StringBuilder line) {
        Frame f = fill(decoded);
        long number = f.number();
        for (int w = digits(number); w < 5; w++) {
            line.append(' ');
        }
        line.append(number);
        line.append(' ');
        padLeft(line, timeText, 10);
        line.append(' ');
        padLeft(line, src, 12);
        line.append(arrow);
        line.append(dst);
        for (int i = dst.length(); i < 12; i++) {
            line.append(' ');
        }
        line.append(' ').append(protocol).append(' ').append(f.originalLength()).append(' ').append(info);
    }

    /** The titles of the columns, in order, as {@code -e _ws.col.TITLE} names them. */
    public static final List<String> COLUMN_TITLES = List.of("No.", "Time", "Source", "Destination", "Protocol", "Length", "Info");

    /**
     * The column texts of the frame {@code decoded} has just decoded, unpadded, in the order of
     * {@link #COLUMN_TITLES}, into {@code out}; instead of {@link #appendLine} for a shown frame.
     */
    public void columns(Decoder decoded, String[] out) {
        Frame f = fill(decoded);
        out[0] = Long.toString(f.number());
        out[1] = timeText.toString();
        out[2] = src.toString();
        out[3] = dst.toString();
        out[4] = protocol.toString();
        out[5] = Integer.toString(f.originalLength());
        out[6] = info.toString();
    }

    /** Fills every column of the frame {@code decoded} has just decoded. */
    private Frame fill(Decoded decoded) {
        if (decoded instanceof Decoder && decoded != decoder) {
            throw new IllegalArgumentException("frames must be decoded by this list's decoder");
        }
        Frame f = decoded.frame();
        appendColumns(decoded);
        if (macSrc >= 0) {
            src.append(macs().name(macSegment, macSrc));
        }
        if (macDst >= 0) {
            dst.append(macs().name(macSegment, macDst));
        }
        time.append(timeText, f);
        if (!f.hasTimestamp()) {
            timeText.setLength(0);
        }
        return f;
    }

    /** Fills the Source, Destination, Protocol and Info columns (MAC names still pending). */
    private void appendColumns(Decoded decoded) {
        Frame f = decoded.frame();
        cur = decoded;
        d = decoded.dissection();
        rec = decoded.tcp();
        withTree = decoded.treeWanted();
        src.setLength(0);
        dst.setLength(0);
        protocol.setLength(0);
        info.setLength(0);
        timeText.setLength(0);
        macSrc = -1;
        macDst = -1;
        frozenProtocol = null;
        frozenInfo = null;
        switch (f.kind()) {
            case PACKET -> {
                layerColumns(f);
                // the Ethernet trailer is read after the payload, outside its exception handler
                switch (decoded.trailerOutcome()) {
                    case TRUNCATED -> info.append(LIMITED);
                    case MALFORMED -> info.append(MALFORMED);
                    case NONE, OK -> { }
                }
                if (frozenProtocol != null) {
                    set(protocol, frozenProtocol);
                    set(info, frozenInfo);
                }
            }
            case PCAPNG_CUSTOM_BLOCK -> customBlock(f);
            case SYSTEMD_JOURNAL_EXPORT -> { }
        }
    }

    private static int digits(long v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    private static void padLeft(StringBuilder line, CharSequence s, int width) {
        for (int i = s.length(); i < width; i++) {
            line.append(' ');
        }
        line.append(s);
    }

    private void layerColumns(Frame f) {
        int n = d.count();
        int ip = -1;
        for (int i = 0; i < n; i++) {
            boolean last = i == n - 1;
            boolean ok = switch (d.proto(i)) {
                case ETH -> ethernet(i, last);
                case VLAN -> vlan(i);
                case SLL -> sll(i, Sll.V1_PKTTYPE, Sll.V1_HALEN, Sll.V1_ADDR, false);
                case SLL2 -> sll(i, Sll.V2_PKTTYPE, Sll.V2_HALEN, Sll.V2_ADDR, true);
                case NULL -> nullLink();
                case RAW -> raw();
                case IPV4 -> ipv4(i, last);
                case IPV6 -> ipv6(i, last);
                case ARP -> arp(i);
                case TCP -> tcp(f, ip, i);
                case UDP -> udp(i, ip);
                case ICMP -> icmp(f, ip, i, false);
                case ICMPV6 -> icmp(f, ip, i, true);
                case GRE -> gre(i);
                case ERSPAN -> erspan(i);
                case CMD -> ciscoMetaData(i);
                case MPLS -> mpls(i);
                case PW_ETH_CW, PW_ACH -> bounds(i, 4);
                case ESP -> esp(i);
                case AH -> ah(i);
                case IPCOMP -> ipcomp(i);
                case IGMP -> igmp(i);
                case VRRP -> vrrp(i);
                case EIGRP -> walked(dev.tcpscope.proto.eigrp.Eigrp.walk(tvb(i), d.fragmented, Tree.NOTHING, protocol, info));
                case SCTP -> sctp(i);
                case PIM -> pim(i);
                case OSPF -> walked(Ospf.walk(tvb(i), Ospf.addresses(d, i), d.fragmented, Tree.NOTHING, protocol, info));
                case PTP -> ptp(i);
                case VXLAN -> walked(Vxlan.walk(tvb(i), Tree.NOTHING, protocol, info));
                case VXLAN_GPE -> walked(Vxlan.walkGpe(tvb(i), Tree.NOTHING, protocol, info));
                case GENEVE -> walked(Geneve.walk(tvb(i), Tree.NOTHING, protocol, info));
                case UDPENCAP -> udpencap(i);
                case GTP -> walked(Gtp.walk(tvb(i), Tree.NOTHING, protocol, info));
                case TEREDO -> walked(dev.tcpscope.proto.tunnel.Teredo.walk(tvb(i), Tree.NOTHING, protocol, info));
                case LLC -> walked(dev.tcpscope.proto.llc.Llc.walk(tvb(i), Tree.NOTHING, protocol, info));
                case STP -> walked(dev.tcpscope.proto.stp.Stp.walk(tvb(i), dev.tcpscope.proto.llc.LlcFields.pvst(d, i), Tree.NOTHING, protocol, info));
                case LLDP -> lldp(i);
                case ISIS -> walked(dev.tcpscope.proto.isis.Isis.walk(tvb(i), Tree.NOTHING, protocol, info));
                case PPPOES -> walked(dev.tcpscope.proto.ppp.Pppoe.session(tvb(i), Tree.NOTHING, protocol, info));
                case PPPOED -> walked(dev.tcpscope.proto.ppp.Pppoe.discovery(tvb(i), Tree.NOTHING, protocol, info));
                case PPP -> (i > 0 || pppLink()) && walked(dev.tcpscope.proto.ppp.PppFrame.walk(tvb(i), dev.tcpscope.wire.Ppp.hdlc(d, i), !last, Tree.NOTHING, protocol, info));
            };
            if (d.proto(i) == Proto.IPV4 || d.proto(i) == Proto.IPV6) {
                ip = i;
            }
            if (!ok) {
                return;
            }
        }
        if (n > 0 && d.proto(n - 1) == Proto.TCP && d.captured(n - 1) >= Tcp.MIN_HEADER_LENGTH) {
            gtpCarrier(n);
            return; // TCP marks its own options where tshark's option parser would stop
        }
        switch (d.end) {
            case CAPTURE_SHORT -> {
                if (n == 1 && d.proto(0) == Proto.NULL) {
                    // packet-null.c writes its columns before it reads the family
                    setAddresses("N/A");
                    set(protocol, "N/A");
                    set(info, "Null/Loopback");
                }
                info.append(LIMITED);
            }
            case REPORTED_SHORT -> info.append(d.containedShort
                    ? "[Malformed Packet: length of contained item exceeds length of containing item]" : MALFORMED);
            case UNKNOWN_ETHERTYPE -> {
                if (n > 0 && d.proto(n - 1) == Proto.NULL) {
                    // packet-null.c tries the EtherType table itself: nothing there leaves its columns
                    setAddresses("N/A");
                    set(protocol, "N/A");
                    set(info, "Null/Loopback");
                } else {
                    unknownEtherType();
                }
            }
            case UNKNOWN_IP_PROTO -> {
                if (n > 0 && d.proto(n - 1) == Proto.TEREDO) {
                    set(protocol, "IPv6"); // packet-ipv6.c named itself before its version check
                    set(info, "Bogus IPv6 version (" + d.nestedIpv6Version + ", must be 6)");
                } else {
                    unknownIpProto(ip);
                }
            }
            case IP_FRAGMENT -> fragment(ip);
            case UNKNOWN_FAMILY -> {
                setAddresses("N/A");
                set(protocol, "N/A");
                set(info, "Null/Loopback");
            }
            case COMPLETE, BOGUS, UNSUPPORTED_LINK -> { }
        }
        gtpCarrier(n);
    }

    /**
     * packet-gtp.c puts "GTP &lt;" and "&gt;" around the Protocol column its T-PDU's datagram set,
     * once that datagram's dissection returned (an exception in it skips this); the innermost
     * GTP layer that carries one wraps first.
     */
    private void gtpCarrier(int n) {
        if (d.end == dev.tcpscope.wire.End.CAPTURE_SHORT || d.end == dev.tcpscope.wire.End.REPORTED_SHORT) {
            return;
        }
        // UDP does not catch its payload's exceptions (TCP does): a marker at the end of Info
        // after a last UDP layer came from one that went up through GTP
        if (n > 0 && d.proto(n - 1) == Proto.UDP && (endsWith(info, MALFORMED) || endsWith(info, LIMITED))) {
            return;
        }
        for (int i = n - 1; i >= 0; i--) {
            if (d.proto(i) == Proto.GTP && dev.tcpscope.wire.UdpTunnel.gtpCarries(d, i)) {
                protocol.insert(0, "GTP <").append('>');
            }
        }
    }

    private static boolean endsWith(StringBuilder sb, String s) {
        return sb.length() >= s.length() && sb.lastIndexOf(s) == sb.length() - s.length();
    }

    /** Appends the marker for an exception thrown reading {@code need} bytes of layer {@code i}. */
    private boolean bounds(int i, int need) {
        if (d.captured(i) >= need) {
            return true;
        }
        info.append(d.reported(i) >= need ? LIMITED : MALFORMED);
        return false;
    }

    /** Sets both address columns to text, cancelling any pending link-layer names. */
    private void setAddresses(String text) {
        set(src, text);
        set(dst, text);
        macSrc = -1;
        macDst = -1;
    }

    private static void set(StringBuilder sb, String s) {
        sb.setLength(0);
        sb.append(s);
    }

    /**
     * A pcapng Custom Block (draft-ietf-opsawg-pcapng §4.8), which tshark lists as a frame:
     * the Private Enterprise Number's name and whether the block may be copied.
     */
    private void customBlock(Frame f) {
        set(protocol, "PCAPNG");
        info.append("Custom Block: PEN = ").append(EnterpriseNames.system().name(f.customBlockPen()))
                .append(" (").append(f.customBlockPen()).append("), ")
                .append(f.customBlockCopyable() ? "will be copied" : "will not be copied");
    }

    // ---- link layers -------------------------------------------------------------------------

    private boolean ethernet(int i, boolean last) {
        set(protocol, "Ethernet");
        // packet-eth.c names itself, then reads the header: cut short, it leaves Info as a
        // tunnel's header set it (Geneve's "Encapsulated ..."), and the destination it read
        if (!bounds(i, Ethernet.HEADER_LENGTH)) {
            if (d.captured(i) >= 6) {
                dst.setLength(0);
                macSegment = d.segment(i);
                macDst = d.offset(i) + Ethernet.DST;
            }
            return false;
        }
        info.setLength(0);
        MemorySegment s = d.segment(i);
        long off = d.offset(i);
        src.setLength(0);
        dst.setLength(0);
        macSegment = s;
        macSrc = off + Ethernet.SRC;
        macDst = off + Ethernet.DST;
        if (Ethernet.isLength(Ethernet.type(s, off))) {
            info.append(Ethernet.novellRaw(s, off, d.captured(i)) ? "IEEE 802.3 Ethernet Raw " : "IEEE 802.3 Ethernet ");
        } else {
            info.append("Ethernet II");
        }
        return true;
    }

    private boolean vlan(int i) {
        set(protocol, "VLAN");
        info.setLength(0);
        if (!bounds(i, Vlan.HEADER_LENGTH)) {
            return false;
        }
        MemorySegment s = d.segment(i);
        long off = d.offset(i);
        info.append("PRI: ").append(Vlan.priority(s, off)).append("  DEI: ").append(Vlan.dei(s, off))
                .append("  ID: ").append(Vlan.id(s, off));
        return true;
    }

    private boolean sll(int i, int pktTypeAt, int haLenAt, int addrAt, boolean v2) {
        set(protocol, "SLL");
        info.setLength(0);
        int need = v2 ? Sll.V2_HEADER_LENGTH : Sll.V1_HEADER_LENGTH;
        if (!bounds(i, need)) {
            return false;
        }
        MemorySegment s = d.segment(i);
        long off = d.offset(i);
        int type = v2 ? Bytes.u8(s, off + pktTypeAt) : Bytes.u16(s, off + pktTypeAt);
        info.append(type < SLL_PACKET_TYPES.length ? SLL_PACKET_TYPES[type] : "Unknown (" + type + ")");
        int halen = v2 ? Bytes.u8(s, off + haLenAt) : Bytes.u16(s, off + haLenAt);
        // packet-sll.c reads the source by its length alone (4: IPv4, 6: MAC), whatever the hardware type
        if (halen == 6) {
            src.setLength(0);
            macSegment = s;
            macSrc = off + addrAt;
        } else if (halen == 4) {
            src.setLength(0);
            macSrc = -1;
            AddressText.appendIpv4(src, s, off + addrAt);
        }
        return true;
    }

    private boolean nullLink() {
        return true;
    }

    private boolean raw() {
        setAddresses("N/A");
        set(protocol, "N/A");
        set(info, "Raw packet data");
        int i = d.count() - 1;
        info.append(d.captured(i) < d.reported(i) ? LIMITED : MALFORMED);
        return false;
    }

    private void unknownEtherType() {
        if (d.ieee8023) {
            return;
        }
        protocol.setLength(0);
        protocol.append("0x");
        String hex = Integer.toHexString(d.etherType);
        for (int k = hex.length(); k < 4; k++) {
            protocol.append('0');
        }
        protocol.append(hex);
        String name = ValueNames.ETHERTYPE.name(d.etherType);
        if (name != null) {
            set(info, name);
        }
    }

    // ---- tunnels -----------------------------------------------------------------------------

    /**
     * packet-gre.c reads the flags and the protocol type before it names itself, so a header
     * shorter than 4 bytes leaves the columns to IP; Info then names the protocol type.
     */
    private boolean gre(int i) {
        if (!bounds(i, Gre.MIN_HEADER_LENGTH)) {
            return false;
        }
        MemorySegment s = d.segment(i);
        long off = d.offset(i);
        set(protocol, "GRE");
        int type = Gre.protocolType(s, off);
        String name = Gre.typeName(type);
        info.setLength(0);
        info.append("Encapsulated ");
        if (name != null) {
            info.append(name);
        } else {
            info.append(String.format("0x%04X (unknown)", type));
        }
        int hlen = Gre.headerLength(s, off, d.captured(i));
        return hlen >= 0 || bounds(i, -hlen);
    }

    /** packet-ipsec-udp.c names UDPENCAP and clears Info, then says what it found; ESP sets both again. */
    private boolean udpencap(int i) {
        set(protocol, "UDPENCAP");
        info.setLength(0);
        if (dev.tcpscope.wire.UdpTunnel.natKeepalive(d, i)) {
            info.append("NAT-keepalive");
            return true;
        }
        if (!bounds(i, 4)) {
            return false;
        }
        if (dev.tcpscope.wire.UdpTunnel.nonEspMarker(d, i)) {
            info.append("ISAKMP");
            if (i == d.count() - 1) {
                above(cur.appColumns()); // the IKE message after the marker (tcp.Decoder hands it to ISAKMP)
            }
        }
        return true;
    }

    /** packet-ipsec.c names ESP and clears Info, then reads the SPI and the sequence number. */
    private boolean esp(int i) {
        set(protocol, "ESP");
        info.setLength(0);
        if (!bounds(i, Ipsec.ESP_HEADER_LENGTH)) {
            return false;
        }
        info.append("ESP (SPI=").append(Labels.hex(Ipsec.espSpi(d.segment(i), d.offset(i)), 8)).append(')');
        return true;
    }

    /** packet-ipsec.c's dissect_ah names AH and clears Info, then reads the SPI; what it carries may set both again. */
    private boolean ah(int i) {
        set(protocol, "AH");
        info.setLength(0);
        if (!bounds(i, 8)) {
            return false;
        }
        info.append("AH (SPI=").append(Labels.hex(Ipsec.ahSpi(d.segment(i), d.offset(i)), 8)).append(')');
        return bounds(i, Ipsec.AH_FIXED_LENGTH) && bounds(i, Ipsec.ahHeaderLength(d.segment(i), d.offset(i)));
    }

    /**
     * A PPP link layer has no addresses: packet-ppp.c writes "N/A" in both columns before it
     * reads a byte (a frame of no bytes at all never reaches it).
     */
    private boolean pppLink() {
        if (d.reported(0) == 0) {
            info.append(MALFORMED);
            return false;
        }
        setAddresses("N/A");
        return true;
    }

    /** packet-ipsec.c's dissect_ipcomp names IPComp and clears Info, then reads the header; what the inflated bytes carry may set both again. */
    private boolean ipcomp(int i) {
        set(protocol, "IPComp");
        info.setLength(0);
        if (!bounds(i, Ipsec.IPCOMP_HEADER_LENGTH)) {
            return false;
        }
        int cpi = Ipsec.ipcompCpi(d.segment(i), d.offset(i));
        String name = Ipsec.ipcompCpiName(cpi);
        info.append("IPComp (CPI=").append(name != null ? name : Labels.hex(cpi, 4)).append(')');
        return true;
    }

    /** packet-igmp.c's columns, from the walk that also builds its tree. */
    private boolean igmp(int i) {
        Tvb.Stop stop = Igmp.walk(tvb(i), d.fragmented, Tree.NOTHING, protocol, info);
        if (frozenProtocol == null && dev.tcpscope.proto.pim.PimV1.register(d.segment(i), d.offset(i), d.captured(i))) {
            frozen();
        }
        return walked(stop);
    }

    /** Whether tshark builds the frame's tree (a filter, details, fields): packet-ptp.c reads a message's body only then. */
    private boolean withTree;

    /** packet-ptp.c's columns for PTPv2 over Ethernet, from the walk that also builds its tree. */
    private boolean ptp(int i) {
        return walked(dev.tcpscope.proto.ptp.PtpWalk.walk(tvb(i), true, withTree, Tree.NOTHING, protocol, info));
    }

    /** packet-lldp.c's columns; a ContainedBoundsError's marker names its reason. */
    private boolean lldp(int i) {
        int[] result = new int[2];
        Tvb.Stop stop = dev.tcpscope.proto.lldp.LldpWalk.walk(dev.tcpscope.proto.lldp.LldpWalk.tvb(d, i), Tree.NOTHING, protocol, info, result);
        if (result[1] != 0) {
            info.append("[Malformed Packet: ").append(dev.tcpscope.proto.lldp.LldpWalk.CONTAINED).append(']');
            return false;
        }
        return walked(stop);
    }

    /** packet-sctp.c's columns, from the walk that also builds its tree (relative TSNs only outside an ICMP quote). */
    private boolean sctp(int i) {
        long[] b = d == cur.dissection() ? cur.sctpBases() : new long[] {-1, -1};
        return walked(dev.tcpscope.proto.sctp.Sctp.walk(tvb(i), dev.tcpscope.proto.sctp.Sctp.Tsns.of(b), d.fragmented, withTree,
                Tree.NOTHING, protocol, info, name -> { }));
    }

    /** packet-vrrp.c's columns, from the walk that also builds its tree. */
    private boolean vrrp(int i) {
        return walked(Vrrp.walk(tvb(i), Vrrp.Ip.below(d, i), d.fragmented, Tree.NOTHING, protocol, info));
    }

    /**
     * packet-pim.c's columns, from the walk that also builds its tree. A Register makes them
     * read-only (col_set_writable) once its second byte is read: neither the datagram it carries
     * nor an exception marker changes them after that.
     */
    private boolean pim(int i) {
        Tvb.Stop stop = Pim.walk(tvb(i), Vrrp.Ip.below(d, i), d.fragmented, Tree.NOTHING, protocol, info);
        if (frozenProtocol == null && d.captured(i) >= 2 && Pim.register(d.segment(i), d.offset(i), d.captured(i))) {
            frozen();
        }
        return walked(stop);
    }

    /** Keeps the Protocol and Info columns as they are now to the end of the frame. */
    private void frozen() {
        frozenProtocol = protocol.toString();
        frozenInfo = info.toString();
    }

    /** The columns a PIM Register made read-only, or null. */
    private String frozenProtocol;
    private String frozenInfo;

    private Tvb tvb(int i) {
        return new Tvb(d.segment(i), d.offset(i), d.captured(i), d.reported(i));
    }

    /** Whether a walk of an IP protocol's columns ended; if not, Info gets the exception's marker. */
    private boolean walked(Tvb.Stop stop) {
        if (stop != null) {
            info.append(stop.info());
        }
        return stop == null;
    }

    /** packet-mpls.c names itself before it reads a label. */
    private boolean mpls(int i) {
        set(protocol, "MPLS");
        set(info, "MPLS Label Switched Packet");
        int len = Mpls.stackLength(d.segment(i), d.offset(i), d.captured(i), d.reported(i));
        return len >= 0 || bounds(i, -len);
    }

    /** packet-cmd.c names the protocol and clears Info; what it carries writes both. */
    private boolean ciscoMetaData(int i) {
        set(protocol, "CMD");
        set(info, "");
        return bounds(i, Gre.CISCO_METADATA_LENGTH);
    }

    /** packet-erspan.c writes "ERSPAN:" (the Ethernet frame it carries then rewrites both columns). */
    private boolean erspan(int i) {
        set(protocol, "ERSPAN");
        set(info, "ERSPAN:");
        if (Erspan.isTypeI(d, i)) {
            return true;
        }
        if (!bounds(i, 2)) {
            return false;
        }
        return bounds(i, Math.min(Erspan.TYPE_III_LENGTH, Erspan.headerLength(d.segment(i), d.offset(i))))
                && bounds(i, Erspan.headerLength(d.segment(i), d.offset(i), d.captured(i)));
    }

    // ---- network layers ----------------------------------------------------------------------

    private boolean ipv4(int i, boolean last) {
        set(protocol, "IPv4");
        info.setLength(0);
        if (last && d.end == End.BOGUS) {
            switch (d.bogusKind) {
                case IPV4_VERSION -> info.append("Bogus IPv4 version (").append(d.bogus).append(", must be 4)");
                case IPV4_HEADER_LENGTH -> info.append("Bogus IP header length (").append(d.bogus)
                        .append(", must be at least 20)");
                case IPV4_TOTAL_LENGTH -> info.append("Bogus IP length (").append(d.bogus)
                        .append(", less than header length ").append(Ipv4.headerLength(d.segment(i), d.offset(i))).append(')');
                default -> { }
            }
            return false;
        }
        MemorySegment s = d.segment(i);
        long off = d.offset(i);
        if (d.captured(i) >= Ipv4.SRC + 4) {
            src.setLength(0);
            macSrc = -1;
            AddressText.appendIpv4(src, s, off + Ipv4.SRC);
        }
        if (!bounds(i, Ipv4.MIN_HEADER_LENGTH)) {
            return false;
        }
        int hlen = Ipv4.headerLength(s, off);
        // packet-ip.c looks for a source route in the options before it sets the destination:
        // options cut short before the walk ends throw, and the columns keep the link's
        int at = hlen > Ipv4.MIN_HEADER_LENGTH ? Ipv4OptionWalk.destinationOffset(s, off, hlen, d.captured(i)) : Ipv4.DST;
        if (at >= 0) {
            dst.setLength(0);
            macDst = -1;
            AddressText.appendIpv4(dst, s, off + at);
        }
        return bounds(i, hlen);
    }

    private boolean ipv6(int i, boolean last) {
        set(protocol, "IPv6");
        info.setLength(0);
        if (last && d.end == End.BOGUS) {
            info.append("Bogus IPv6 version (").append(d.bogus).append(", must be 6)");
            return false;
        }
        MemorySegment s = d.segment(i);
        long off = d.offset(i);
        if (d.captured(i) >= Ipv6.SRC + 16) {
            src.setLength(0);
            macSrc = -1;
            AddressText.appendIpv6(src, s, off + d.ipv6Source(i)); // pinfo->src: a home address option's
        }
        if (d.reported(i) < Ipv6.HEADER_LENGTH) {
            info.append("Invalid IPv6 header (").append(d.reported(i)).append(" bytes, need exactly 40)");
        }
        if (!bounds(i, Ipv6.HEADER_LENGTH)) {
            return false;
        }
        dst.setLength(0);
        macDst = -1;
        AddressText.appendIpv6(dst, s, off + d.ipv6Destination(i));
        if (Ipv6.payloadLength(s, off) == 0 && Ipv6.nextHeader(s, off) == Ipv6.EXT_HOP_BY_HOP
                && Ipv6.jumboPayloadLength(s, off + Ipv6.HEADER_LENGTH, d.captured(i) - Ipv6.HEADER_LENGTH) == 0) {
            info.append("Invalid IPv6 payload length");
        }
        extensionInfo(i);
        return true;
    }

    /**
     * What packet-ipv6.c's extension header dissectors write in Info: each options or routing
     * header appends its name, a fragment header replaces the text (the upper layer replaces
     * it again). The header the walk stopped in had its name appended before bytes ran out.
     */
    private void extensionInfo(int i) {
        MemorySegment s = d.segment(i);
        long off = d.offset(i);
        int upper = d.ipv6Upper(i);
        int nh = Ipv6.nextHeader(s, off);
        int pos = Ipv6.HEADER_LENGTH;
        boolean stopped = i == d.count() - 1 && !d.lastComplete();
        while (Ipv6.isExtension(nh) && (pos < upper || stopped && pos == upper)) {
            if (nh == Ipv6.EXT_FRAGMENT) {
                if (pos < upper) {
                    int offM = Bytes.u16(s, off + pos + 2);
                    info.setLength(0);
                    info.append("IPv6 fragment (off=").append(offM & 0xfff8).append(" more=")
                            .append((offM & 1) != 0 ? 'y' : 'n').append(" ident=0x");
                    hex(info, Bytes.u32(s, off + pos + 4), 8);
                    info.append(" nxt=").append(Bytes.u8(s, off + pos)).append(')');
                }
            } else {
                if (!info.isEmpty()) {
                    info.append(" , ");
                }
                info.append(nh == Ipv6.EXT_HOP_BY_HOP ? "IPv6 hop-by-hop options"
                        : nh == Ipv6.EXT_ROUTING ? "IPv6 routing" : "IPv6 destination options");
            }
            if (pos == upper) {
                break;
            }
            int len = nh == Ipv6.EXT_FRAGMENT ? Ipv6.FRAGMENT_HEADER_LENGTH : (Bytes.u8(s, off + pos + 1) + 1) * 8;
            nh = Bytes.u8(s, off + pos);
            pos += len;
        }
    }

    /** Where the destination column's address is: a source route option's final one (see {@link Ipv4OptionWalk}). */
    private static int ipv4FinalDestination(MemorySegment s, long off, int hlen, int captured) {
        int at = Ipv4OptionWalk.destinationOffset(s, off, hlen, captured);
        return at < 0 ? Ipv4.DST : at;
    }

    private void unknownIpProto(int ip) {
        // behind AH, IPv4's protocol table leaves AH's columns to data; IPv6 goes on as for its own headers
        boolean behindAh = d.proto(d.count() - 1) == Proto.AH;
        if (ip < 0 || behindAh && d.proto(ip) != Proto.IPV6) {
            return;
        }
        int p = d.ipProto;
        String name = ValueNames.IP_PROTO.name(p);
        if (d.proto(ip) == Proto.IPV6) {
            if (behindAh && d.nestedIpv6Version >= 0) {
                set(protocol, "IPv6"); // the nested header's dissector named itself before its version check
            }
            if (p == Ipv6.NO_NEXT_HEADER) {
                set(info, "IPv6 no next header");
                return;
            }
            if (p == IPPROTO_AH && !behindAh) {
                return; // an AH header with nothing after it: IP hands it to no one
            }
            if (!behindAh && payloadReported(ip) == 0) {
                return;
            }
            info.setLength(0);
            info.append("Unknown IP Protocol: ").append(name != null ? name : "Unknown").append(" (").append(p).append(')');
        } else {
            if (payloadReported(ip) == 0) {
                return;
            }
            info.setLength(0);
            info.append(name != null ? name : "Unknown").append(" (").append(p).append(')');
        }
    }

    /** Reported bytes after the IP header (IPv6: after its extension headers) of layer {@code ip}. */
    private int payloadReported(int ip) {
        MemorySegment s = d.segment(ip);
        long off = d.offset(ip);
        if (d.proto(ip) == Proto.IPV4) {
            return d.reported(ip) - Ipv4.headerLength(s, off);
        }
        return d.reported(ip) - d.ipv6Upper(ip);
    }

    private void fragment(int ip) {
        MemorySegment s = d.segment(ip);
        long off = d.offset(ip);
        int p = d.ipProto;
        info.setLength(0);
        if (d.proto(ip) == Proto.IPV4) {
            String name = ValueNames.IP_PROTO.name(p);
            info.append("Fragmented IP protocol (proto=").append(name != null ? name : "Unknown").append(' ').append(p)
                    .append(", off=").append(Ipv4.fragmentOffset(s, off)).append(", ID=");
            hex(info, Ipv4.id(s, off), 4);
            info.append(')');
            if (d.reassembledIn > 0) { // tshark -2: the first pass saw where the datagram completed
                info.append(" [Reassembled in #").append(d.reassembledIn).append(']');
            }
        } else {
            long fh = d.ipv6FragmentHeader;
            int offM = Bytes.u16(s, fh + 2);
            info.append("IPv6 fragment (off=").append(offM & 0xfff8).append(" more=").append((offM & 1) != 0 ? 'y' : 'n')
                    .append(" ident=0x");
            hex(info, Bytes.u32(s, fh + 4), 8);
            info.append(" nxt=").append(p).append(')');
        }
    }

    private static void hex(StringBuilder sb, long v, int digits) {
        for (int k = digits - 1; k >= 0; k--) {
            sb.append(Character.forDigit((int) (v >>> (4 * k)) & 0xf, 16));
        }
    }

    private boolean arp(int i) {
        info.setLength(0);
        String p = arp.append(info, d.segment(i), d.offset(i), d.captured(i), d.reported(i));
        if (p == null) {
            set(protocol, arp.failedProtocol());
            info.append(arp.failure());
            return false;
        }
        set(protocol, p);
        return true;
    }

    // ---- transport layers --------------------------------------------------------------------

    private boolean tcp(Frame f, int ip, int i) {
        if (d.captured(i) < 4) {
            return bounds(i, 4); // the ports are read before the columns are touched
        }
        set(protocol, "TCP");
        info.setLength(0);
        MemorySegment s = d.segment(i);
        long off = d.offset(i);
        if (!ports(i, s, off) || !bounds(i, 16)) {
            return false;
        }
        info.append(" [");
        appendFlags(info, rec.flags);
        info.append("] Seq=").append(rec.seq);
        if ((rec.flags & Tcp.ACK_FLAG) != 0) {
            info.append(" Ack=").append(rec.ack);
        }
        info.append(" Win=").append(rec.window);
        if (rec.bogusHeaderLength) {
            info.append(", bogus TCP header length (").append(rec.headerLength).append(", must be at least 20)");
            return false;
        }
        if (!bounds(i, Tcp.MIN_HEADER_LENGTH)) {
            return false;
        }
        if ((rec.flags & Tcp.URG) != 0) {
            info.append(" Urg=").append(Tcp.urgentPointer(s, off));
        }
        if (rec.haveSegmentLength) {
            info.append(" Len=").append(rec.segmentLength);
        }
        if (!tcpOptions(i, s, off)) {
            return false;
        }
        dev.tcpscope.tcp.AppColumns app = cur.appColumns();
        if (app != null) { // what the protocols above TCP wrote (tcp.Desegmenter)
            if (app.macSegment() != null) {
                src.setLength(0);
                dst.setLength(0);
                macSegment = app.macSegment();
                macSrc = app.macSource();
                macDst = app.macDestination();
            } else if (app.sourceText() != null) {
                set(src, app.sourceText());
                set(dst, app.destinationText());
                macSrc = -1;
                macDst = -1;
            }
            if (app.replacesInfo()) {
                info.setLength(0);
            }
            info.append(app.info());
            if (app.protocol() != null) {
                set(protocol, app.protocol());
            }
            String sep = app.leadingSeparator();
            if (sep != null && rec.analysisFlags != 0) {
                int before = info.length();
                AnalysisLabels.prepend(info, rec);
                int labels = info.length() - before;
                if (labels > 0) {
                    info.insert(labels, sep);
                }
            } else {
                AnalysisLabels.prepend(info, rec);
            }
            if (app.infoPrefix() != null) {
                info.insert(0, app.infoPrefix());
            }
            return true;
        }
        AnalysisLabels.prepend(info, rec);
        return true;
    }

    /** Appends "sport → dport", which TCP and UDP both write first (ports at the same offsets). */
    private boolean ports(int i, MemorySegment s, long off) {
        if (!bounds(i, 4)) {
            return false;
        }
        info.append(Tcp.srcPort(s, off)).append(arrow).append(Tcp.dstPort(s, off));
        return true;
    }

    static void appendFlags(StringBuilder sb, int flags) {
        int start = sb.length();
        for (int b = 0; b < TCP_FLAG_NAMES.length; b++) {
            if ((flags & (1 << b)) != 0) {
                if (sb.length() > start) {
                    sb.append(", ");
                }
                sb.append(TCP_FLAG_NAMES[b]);
            }
        }
        if ((flags & Tcp.RESERVED) != 0) {
            if (sb.length() > start) {
                sb.append(", ");
            }
            sb.append("Reserved");
        }
        if (sb.length() == start) {
            sb.append("<None>");
        }
    }

    /** Appends the options' Info text in wire order; false when the options run out of bytes. */
    private boolean tcpOptions(int i, MemorySegment s, long off) {
        return optionInfo.append(options.reset(s, off, rec.headerLength, d.captured(i)), s, d, i, rec, info, protocol);
    }

    private boolean udp(int i, int ip) {
        if (!bounds(i, 4)) {
            return false; // packet-udp.c reads both ports before it names itself in the columns
        }
        set(protocol, "UDP");
        info.setLength(0);
        MemorySegment s = d.segment(i);
        long off = d.offset(i);
        if (!ports(i, s, off) || !bounds(i, 6)) {
            return false;
        }
        int ulen = Udp.length(s, off);
        int reported = d.reported(i);
        if (ulen == 0 && ip >= 0 && d.proto(ip) == Proto.IPV6) {
            ulen = reported; // jumbogram (RFC 2675)
        }
        if (ulen < Udp.HEADER_LENGTH) {
            info.append(" [BAD UDP LENGTH ").append(ulen).append(" < 8]");
            return false;
        }
        if (ulen > reported && !d.fragmented) { // a first fragment's length is unknown
            info.append(" [BAD UDP LENGTH ").append(ulen).append(" > IP PAYLOAD LENGTH]");
        }
        if (!bounds(i, Udp.HEADER_LENGTH)) {
            return false;
        }
        info.append(" Len=").append(ulen - Udp.HEADER_LENGTH);
        if (Bytes.u16(s, off + Udp.CHECKSUM) == 0 && ip >= 0 && d.proto(ip) == Proto.IPV6) {
            info.append(" [ILLEGAL CHECKSUM (0)]"); // a zero UDP checksum is not allowed over IPv6
        }
        if (i == d.count() - 1 && d == cur.dissection() && ulen > Udp.HEADER_LENGTH && reported > Udp.HEADER_LENGTH
                && d.captured(i) == Udp.HEADER_LENGTH) {
            // not one byte of a non-empty payload captured: packet-udp.c's payload item throws
            // before any dissector above UDP is called (tcp.Decoder hands nothing over)
            info.append(LIMITED);
            return false;
        }
        if (i == d.count() - 1) {
            above(cur.appColumns()); // what the protocol above UDP wrote (tcp.Decoder)
        }
        return true;
    }

    /** Merges the columns a protocol above TCP or UDP wrote into this frame's. */
    private void above(dev.tcpscope.tcp.AppColumns app) {
        if (app != null) {
            if (app.replacesInfo()) {
                info.setLength(0);
            }
            info.append(app.info());
            if (app.protocol() != null) {
                set(protocol, app.protocol());
            }
        }
    }

    private boolean icmp(Frame f, int ip, int i, boolean v6) {
        set(protocol, v6 ? "ICMPv6" : "ICMP");
        info.setLength(0);
        // In a reassembled datagram the ICMP message sits in a buffer behind a copy of its IP header.
        long ipOff = ip < 0 ? d.offset(i) : d.segment(ip) == d.segment(i) ? d.offset(ip) : 0;
        dev.tcpscope.tcp.IcmpEchoes echo = cur.echoes().about(i) && d == cur.dissection() ? cur.echoes() : null;
        icmp.ttlKnown = i == 0 || d.proto(i - 1) != Proto.AH && d.proto(i - 1) != Proto.IPCOMP;
        boolean ok = v6
                ? icmp.appendIcmpv6(info, d.segment(i), ipOff, d.offset(i), d.captured(i), d.reported(i), echo)
                : icmp.appendIcmp(info, d.segment(i), ipOff, d.offset(i), d.captured(i), d.reported(i), echo);
        if (v6 && d.captured(i) >= 2 && dev.tcpscope.wire.UdpTunnel.teredoTest(d, i)) {
            // packet-icmpv6.c renames an echo request to Teredo's port once it has read the code
            set(protocol, "Teredo");
            String type = "Echo (ping) request";
            info.replace(0, info.indexOf(type) == 0 ? type.length() : 0, "Direct IPv6 Connectivity Test");
            if (ok && d.captured(i) < 12) {
                info.append(d.reported(i) >= 12 ? LIMITED : MALFORMED); // the 4-byte nonce after the sequence number
                return false;
            }
        }
        if (!ok) {
            info.append(icmp.failure());
            return false;
        }
        // the quoted datagram cut by the snap length: tshark rethrows that bounds error
        Dissection q = d.quote();
        if (q != null && q.end == End.CAPTURE_SHORT) {
            info.append(LIMITED);
            return false;
        }
        return true;
    }
}
