package dev.tcpscope.present;

import dev.tcpscope.frame.LinkType;
import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.EtherTrailer;
import dev.tcpscope.wire.Ethernet;
import dev.tcpscope.wire.NullLink;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Sll;
import dev.tcpscope.wire.Vlan;

import java.lang.foreign.MemorySegment;

/**
 * Detail items of the link layers: Ethernet II (packet-eth.c), 802.1Q and 802.1ad tags
 * (packet-vlan.c, packet-ieee8021ah.c), Linux cooked captures v1 and v2 (packet-sll.c),
 * BSD null/loopback (packet-null.c) and raw IP (packet-raw.c), with the Ethernet padding,
 * trailer and frame check sequence that the EtherType dissector adds after its payload.
 */
final class LinkDetails {
    private static final String[] SLL_PACKET_TYPES = {
        "Unicast to us", "Broadcast", "Multicast", "Unicast to another host", "Sent by us"
    };
    private final Details x;
    /** The tree of the last header that carried an EtherType (where padding goes), or null. */
    private DetailNode etherTree;
    private String etherPrefix;
    private int etherLayer;
    /**
     * The same for each layer, as a frame tunnelled in GRE has an outer and an inner Ethernet
     * header and the trailer may belong to either ({@link EtherTrailer#layer()}).
     */
    private final DetailNode[] etherTrees = new DetailNode[dev.tcpscope.wire.Dissection.MAX_LAYERS];
    private final String[] etherPrefixes = new String[dev.tcpscope.wire.Dissection.MAX_LAYERS];

    LinkDetails(Details x) {
        this.x = x;
    }

    /** Forgets the previous frame. */
    void reset() {
        etherTree = null;
        java.util.Arrays.fill(etherTrees, null);
    }

    boolean ethernet(int i) {
        x.protocol("eth"); // in frame.protocols even when the header is cut short
        if (!x.bounds(i, Ethernet.HEADER_LENGTH, "Ethernet")) {
            // tshark reads the addresses first; a header cut short gets no items of its own
            return false;
        }
        MemorySegment s = x.d.segment(i);
        long off = x.d.offset(i);
        int type = Ethernet.type(s, off);
        if (Ethernet.isLength(type)) {
            // IEEE 802.3 with a length field (LLC follows): not dissected further here.
            String title = Ethernet.novellRaw(s, off, x.d.captured(i)) ? "IEEE 802.3 Ethernet Raw " : "IEEE 802.3 Ethernet ";
            DetailNode eth = x.root.protocol("eth", title).at(s, off, Ethernet.HEADER_LENGTH);
            addresses(eth, s, off, false); // packet-eth.c checks the source's group bit for Ethernet II only
            DetailNode len = eth.field("eth.len", "Length: " + type, type).at(s, off + 12, 2);
            if (Ethernet.HEADER_LENGTH + type > x.d.reported(i)) {
                // packet-ieee8023.c gives the payload only what the frame holds
                Expert.add(len, "eth.len.past_end", Expert.Severity.ERROR, Expert.Group.MALFORMED,
                        "Length field value goes past the end of the payload");
            }
            // padding and trailer after the payload the length field ends (EtherTrailer)
            etherTree = eth;
            etherPrefix = "eth";
            etherLayer = i;
            remember(i);
            x.consumed(i, Ethernet.HEADER_LENGTH);
            return true;
        }
        x.protocol("ethertype");
        DetailNode eth = x.root.protocol("eth", ethernetTitle(s, off)).at(s, off, Ethernet.HEADER_LENGTH);
        if (eth.keepsItems()) { // -O without eth prints none of its items
            addresses(eth, s, off);
            eth.field("eth.type", "Type: " + etherTypeName(type), Labels.hex(type, 4)).at(s, off + 12, 2);
        }
        etherTree = eth;
        etherPrefix = "eth";
        etherLayer = i;
        remember(i);
        x.consumed(i, Ethernet.HEADER_LENGTH);
        return true;
    }

    private void addresses(DetailNode eth, MemorySegment s, long off) {
        addresses(eth, s, off, true);
    }

    private void addresses(DetailNode eth, MemorySegment s, long off, boolean groupSource) {
        address(eth, s, off + Ethernet.DST, Role.DST, false);
        address(eth, s, off + Ethernet.SRC, Role.SRC, groupSource);
    }

    /**
     * The addresses of the last two Ethernet II titles made, and the titles: frames come in runs
     * of the same pair, both ways.
     */
    private final long[] titleDst = {-1, -1}, titleSrc = {-1, -1};
    private final String[] titles = new String[2];

    private String ethernetTitle(MemorySegment s, long off) {
        long dst = (long) Bytes.u16(s, off + Ethernet.DST) << 32 | Bytes.u32(s, off + Ethernet.DST + 2);
        long src = (long) Bytes.u16(s, off + Ethernet.SRC) << 32 | Bytes.u32(s, off + Ethernet.SRC + 2);
        for (int k = 0; k < 2; k++) {
            if (titles[k] != null && titleDst[k] == dst && titleSrc[k] == src) {
                return titles[k];
            }
        }
        titles[1] = titles[0];
        titleDst[1] = titleDst[0];
        titleSrc[1] = titleSrc[0];
        titles[0] = "Ethernet II, Src: " + named(s, off + Ethernet.SRC) + ", Dst: " + named(s, off + Ethernet.DST);
        titleDst[0] = dst;
        titleSrc[0] = src;
        return titles[0];
    }

    /** {@code Name (xx:xx:xx:xx:xx:xx)}, as tshark writes a resolved MAC address. */
    String named(MemorySegment s, long off) {
        return macText(s, off).named();
    }

    /**
     * What an address is in the Ethernet tree: the destination, the source, or the generic
     * {@code eth.addr} under each; its field names and title, made once.
     */
    private enum Role {
        DST("dst", "Destination"), SRC("src", "Source"), ADDR("addr", "Address");

        final String key, title, resolved, oui, ouiResolved, lg, ig;

        Role(String which, String title) {
            this.key = "eth." + which;
            this.title = title;
            this.resolved = key + "_resolved";
            this.oui = key + ".oui";
            this.ouiResolved = key + ".oui_resolved";
            this.lg = key + ".lg";
            this.ig = key + ".ig";
        }
    }

    /**
     * What the tree shows of one MAC address, made once per address (a capture has few): its
     * text, names and bits, and per {@link Role} the labels of its items, made on first use.
     */
    private static final class MacText {
        final String mac, name, named, oui, org, ouiShown, lg, lgLabel, ig, igLabel;
        /** Per role: the item's label, then its resolved, OUI and resolved OUI items' labels. */
        private final String[][] labels = new String[Role.values().length][];

        MacText(String mac, String name, String oui, String org, String ouiShown,
                String lg, String lgLabel, String ig, String igLabel) {
            this.mac = mac;
            this.name = name;
            this.named = name + " (" + mac + ")";
            this.oui = oui;
            this.org = org;
            this.ouiShown = ouiShown;
            this.lg = lg;
            this.lgLabel = lgLabel;
            this.ig = ig;
            this.igLabel = igLabel;
        }

        String named() {
            return named;
        }

        String[] labels(Role r) {
            String[] l = labels[r.ordinal()];
            if (l == null) {
                l = new String[] {
                    r.title + ": " + named,
                    r.title + " (resolved): " + name,
                    r.title + " OUI: " + ouiShown,
                    org == null ? null : r.title + " OUI (resolved): " + org,
                };
                labels[r.ordinal()] = l;
            }
            return l;
        }
    }

    /**
     * An OUI as a label shows it (BASE_OUI): its three bytes, and the organisation in parentheses
     * when known, cut to the 31 characters Wireshark's buffer for it holds ("00:00:00 (Officially
     * Xerox, but").
     */
    private static String ouiShown(MemorySegment s, long off, String org) {
        String hex = Labels.mac(s, off).substring(0, 8);
        if (org == null) {
            return hex;
        }
        String shown = hex + " (" + org + ")";
        return shown.length() <= 31 ? shown : shown.substring(0, 31);
    }

    private final java.util.Map<Long, MacText> macTexts = new java.util.HashMap<>();

    private MacText macText(MemorySegment s, long off) {
        long key = (long) Bytes.u16(s, off) << 32 | Bytes.u32(s, off + 2);
        MacText t = macTexts.get(key);
        if (t == null) {
            String mac = Labels.mac(s, off);
            String name = x.macs().name(s, off);
            int oui = Bytes.u8(s, off) << 16 | Bytes.u16(s, off + 1);
            String org = x.ouis().name(oui);
            t = new MacText(mac, name, Integer.toString(oui), org, ouiShown(s, off, org),
                    (oui & 0x020000) != 0 ? "1" : "0",
                    Bits.pattern(oui, 0x020000, 24) + "LG bit: " + ((oui & 0x020000) != 0
                            ? "Locally administered address (this is NOT the factory default)"
                            : "Globally unique address (factory default)"),
                    (oui & 0x010000) != 0 ? "1" : "0",
                    Bits.pattern(oui, 0x010000, 24) + "IG bit: " + ((oui & 0x010000) != 0
                            ? "Group address (multicast/broadcast)" : "Individual address (unicast)"));
            if (macTexts.size() >= 4096) {
                macTexts.clear(); // a capture of many addresses: keep the memory bounded
            }
            macTexts.put(key, t);
        }
        return t;
    }

    private void address(DetailNode eth, MemorySegment s, long off, Role role, boolean groupSource) {
        MacText t = macText(s, off);
        DetailNode a = eth.field(role.key, t.labels(role)[0], t.mac).at(s, off, 6);
        if (groupSource && (Bytes.u8(s, off) & 0x01) != 0) {
            // packet-eth.c marks a source with the group bit before it adds the address's items
            Expert.add(a, "eth.src_not_group", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                    "Source MAC must not be a group address: IEEE 802.3-2002, Section 3.2.3(b)");
        }
        // the hidden items are labelled too: -T pdml shows their labels
        resolved(a, role, t, s, off);
        a.field(Role.ADDR.key, t.labels(Role.ADDR)[0], t.mac).at(s, off, 6);
        resolved(a, Role.ADDR, t, s, off);
        a.field(role.lg, t.lgLabel, t.lg).at(s, off, 3);
        a.hiddenField("eth.lg", t.lgLabel, t.lg).at(s, off, 3);
        a.field(role.ig, t.igLabel, t.ig).at(s, off, 3);
        a.hiddenField("eth.ig", t.igLabel, t.ig).at(s, off, 3);
    }

    /** The hidden items naming an address and its OUI ({@code eth.dst_resolved}, {@code eth.dst.oui}...). */
    private static void resolved(DetailNode a, Role role, MacText t, MemorySegment s, long off) {
        String[] l = t.labels(role);
        a.hiddenField(role.resolved, l[1], t.name).generated().at(s, off, 6);
        a.hiddenField(role.oui, l[2], t.oui).generated().at(s, off, 3);
        if (t.org != null) {
            a.hiddenField(role.ouiResolved, l[3], t.org).generated().at(s, off, 6);
        }
    }

    static String etherTypeName(int type) {
        String name = ValueNames.ETHERTYPE.name(type);
        return (name != null ? name : "Unknown") + " (" + Labels.hex(type, 4) + ")";
    }

    boolean vlan(int i) {
        MemorySegment s = x.d.segment(i);
        long off = x.d.offset(i);
        // An S-tag (0x88a8) is IEEE 802.1ad's; a C-tag (0x8100, or the old 0x9100) 802.1Q's.
        boolean sTag = i > 0 && x.d.segment(i - 1) == s && outerType(i) == Ethernet.TYPE_QINQ;
        String proto = sTag ? "ieee8021ad" : "vlan";
        if (!x.bounds(i, Vlan.HEADER_LENGTH, sTag ? "IEEE 802.1ad" : "VLAN")) {
            return false;
        }
        x.protocol(proto);
        int tci = Bytes.u16(s, off);
        int type = Vlan.type(s, off);
        boolean length = type <= Ethernet.MAX_802_3_LENGTH; // packet-vlan.c hands an 802.3 payload on itself
        if (!length) {
            x.protocol("ethertype");
        }
        DetailNode v;
        if (sTag) {
            v = x.root.protocol(proto, "IEEE 802.1ad, ID: " + (tci & 0xfff)).at(s, off, Vlan.HEADER_LENGTH);
            // packet-ieee8021ah.c adds priority and DEI over the TCI's first byte only (tshark -T pdml: size 1)
            v.field("ieee8021ad.priority", Bits.pattern(tci, 0xe000, 16) + "Priority: " + (tci >>> 13),
                    Integer.toString(tci >>> 13)).at(s, off, 1);
            v.field("ieee8021ad.dei", Bits.pattern(tci, 0x1000, 16) + "DEI: " + ((tci >>> 12) & 1),
                    Integer.toString((tci >>> 12) & 1)).at(s, off, 1);
            v.field("ieee8021ad.id", Bits.pattern(tci, 0x0fff, 16) + "ID: " + (tci & 0xfff), tci & 0xfff)
                    .at(s, off, 2);
            v.field("ieee8021ah.etype", "Type: " + etherTypeName(type), Labels.hex(type, 4)).at(s, off + 2, 2);
            etherPrefix = "ieee8021ah"; // packet-ieee8021ah.c names its trailer so
        } else {
            v = x.root.protocol(proto, "802.1Q Virtual LAN, PRI: " + (tci >>> 13) + ", DEI: " + ((tci >>> 12) & 1)
                    + ", ID: " + (tci & 0xfff)).at(s, off, Vlan.HEADER_LENGTH);
            v.field("vlan.priority", Bits.pattern(tci, 0xe000, 16) + "Priority: " + PRIORITIES[tci >>> 13]
                    + " (" + (tci >>> 13) + ")", tci >>> 13).at(s, off, 2);
            v.field("vlan.dei", Bits.pattern(tci, 0x1000, 16) + "DEI: " + ((tci & 0x1000) != 0 ? "Eligible" : "Ineligible"),
                    Integer.toString((tci >>> 12) & 1)).at(s, off, 2);
            v.field("vlan.id", Bits.pattern(tci, 0x0fff, 16) + "ID: " + (tci & 0xfff), tci & 0xfff)
                    .at(s, off, 2);
            if (length) {
                v.field("vlan.len", "Length: " + type, type).at(s, off + 2, 2);
            } else {
                v.field("vlan.etype", "Type: " + etherTypeName(type), Labels.hex(type, 4)).at(s, off + 2, 2);
            }
            etherPrefix = "vlan";
        }
        etherTree = v;
        etherLayer = i;
        remember(i);
        x.consumed(i, Vlan.HEADER_LENGTH);
        return true;
    }

    /** IEEE 802.1Q priority code points (packet-vlan.c's pri_vals). */
    private static final String[] PRIORITIES = {
        "Best Effort (default)", "Background", "Excellent Effort", "Critical Applications",
        "Video, < 100ms latency and jitter", "Voice, < 10ms latency and jitter", "Internetwork Control",
        "Network Control"
    };

    /** The EtherType that announced layer {@code i}. */
    private int outerType(int i) {
        MemorySegment s = x.d.segment(i);
        long at = x.d.offset(i) - 2;
        return Bytes.u16(s, at);
    }

    boolean sll(int i, boolean v2) {
        int need = v2 ? Sll.V2_HEADER_LENGTH : Sll.V1_HEADER_LENGTH;
        if (!x.bounds(i, need, "SLL")) {
            return false;
        }
        MemorySegment s = x.d.segment(i);
        long off = x.d.offset(i);
        x.protocol("sll");
        int protocol = v2 ? Sll.v2Protocol(s, off) : Sll.v1Protocol(s, off);
        boolean ltype = Sll.isLinuxType(v2 ? Sll.v2HaType(s, off) : Sll.v1HaType(s, off), protocol);
        if (!ltype) {
            x.protocol("ethertype");
        }
        DetailNode sll = x.root.protocol("sll", "Linux cooked capture v" + (v2 ? 2 : 1)).at(s, off, need);
        int pktType = v2 ? Bytes.u8(s, off + Sll.V2_PKTTYPE) : Bytes.u16(s, off + Sll.V1_PKTTYPE);
        int haType = v2 ? Sll.v2HaType(s, off) : Sll.v1HaType(s, off);
        int haLen = v2 ? Sll.v2AddrLength(s, off) : Sll.v1AddrLength(s, off);
        if (v2) {
            sllProtocol(sll, protocol, ltype).at(s, off + Sll.V2_PROTOCOL, 2);
            int ifIndex = (int) Bytes.u32(s, off + Sll.V2_IFINDEX);
            sll.field("sll.ifindex", "Interface index: " + ifIndex, ifIndex).at(s, off + Sll.V2_IFINDEX, 4);
            sll.field("sll.hatype", "Link-layer address type: " + haTypeName(haType) + " (" + haType + ")",
                    Integer.toString(haType)).at(s, off + Sll.V2_HATYPE, 2);
            sll.field("sll.pkttype", "Packet type: " + packetType(pktType) + " (" + pktType + ")", pktType)
                    .at(s, off + Sll.V2_PKTTYPE, 1);
            sll.field("sll.halen", "Link-layer address length: " + haLen, haLen).at(s, off + Sll.V2_HALEN, 1);
        } else {
            sll.field("sll.pkttype", "Packet type: " + packetType(pktType) + " (" + pktType + ")", pktType)
                    .at(s, off + Sll.V1_PKTTYPE, 2);
            sll.field("sll.hatype", "Link-layer address type: " + haTypeName(haType) + " (" + haType + ")",
                    Integer.toString(haType)).at(s, off + Sll.V1_HATYPE, 2);
            sll.field("sll.halen", "Link-layer address length: " + haLen, haLen).at(s, off + Sll.V1_HALEN, 2);
        }
        long addr = off + (v2 ? Sll.V2_ADDR : Sll.V1_ADDR);
        int used;
        if (haLen == 6) {
            sll.field("sll.src.eth", "Source: " + named(s, addr), Labels.mac(s, addr)).at(s, addr, 6);
            used = 6;
        } else if (haLen == 4) {
            sll.field("sll.src.ipv4", "Source: " + Labels.ipv4(s, addr), Labels.ipv4(s, addr)).at(s, addr, 4);
            used = 4;
        } else if (haLen == 0) {
            used = 0;
        } else {
            int n = Math.min(haLen, 8);
            // an FT_BYTES field of BASE_NONE: its label's hex has no separators, its value has colons
            String plain = Labels.hexColons(s, addr, n).replace(":", "");
            sll.field("sll.src.other", "Source: " + plain, Labels.hexColons(s, addr, n)).at(s, addr, n);
            used = n;
        }
        if (used < 8) {
            sll.field("sll.unused", "Unused: " + Labels.hexShort(s, addr + used, 8 - used),
                    Labels.hexColons(s, addr + used, 8 - used)).at(s, addr + used, 8 - used);
        }
        if (!v2) {
            sllProtocol(sll, protocol, ltype).at(s, off + Sll.V1_PROTOCOL, 2);
        }
        etherTree = null; // Linux cooked captures have no Ethernet padding
        x.consumed(i, need);
        return true;
    }

    private static String packetType(int t) {
        return t < SLL_PACKET_TYPES.length ? SLL_PACKET_TYPES[t] : "Unknown";
    }

    private static String haTypeName(int t) {
        return switch (t) {
            case 1 -> "Ethernet";
            case 512 -> "PPP";
            case 772 -> "Loopback";
            case 776 -> "IPv6-in-IPv4";
            case 778 -> "IP over IP";
            case 65534 -> "zero header length"; // packet-sll.c's name for ARPHRD_NONE
            default -> "Unknown";
        };
    }

    boolean nullLink(int i) {
        x.protocol("null");
        if (!x.bounds(i, NullLink.HEADER_LENGTH, "Null")) {
            return false; // packet-null.c names its layer, then reads the family past the bytes
        }
        MemorySegment s = x.d.segment(i);
        long off = x.d.offset(i);
        DetailNode n = x.root.protocol("null", "Null/Loopback").at(s, off, NullLink.HEADER_LENGTH);
        long family = x.d.family;
        if (x.decoder.frame().linkType() == LinkType.NULL && NullLink.isEtherType(family)) {
            int type = (int) (family & 0xffff);
            n.field("null.type", "Type: " + etherTypeName(type), Labels.hex(type, 4)).at(s, off, NullLink.HEADER_LENGTH);
        } else {
            String name = family == NullLink.AF_INET ? "IP" : NullLink.isInet6(family) ? "IPv6" : "Unknown";
            n.field("null.family", "Family: " + name + " (" + family + ")", family).at(s, off, NullLink.HEADER_LENGTH);
        }
        x.consumed(i, NullLink.HEADER_LENGTH);
        return true;
    }

    /** Raw IP whose first byte is not an IP version: tshark shows the bytes as "Raw packet data". */
    boolean raw(int i) {
        x.protocol("raw");
        x.root.protocol("raw", "Raw packet data").at(x.d.segment(i), x.d.offset(i), -1);
        x.stop("Raw", x.d.captured(i) >= x.d.reported(i));
        return false;
    }

    /** Whether {@code linkType} puts a "raw" protocol in front of the IP header. */
    static boolean hasRawLayer(int linkType) {
        return linkType == LinkType.RAW || linkType == LinkType.RAW_DLT12 || linkType == LinkType.RAW_DLT14;
    }

    /**
     * Adds the bytes that follow the EtherType payload ({@link EtherTrailer}) to the tree of the
     * header that carried the EtherType, as Wireshark's {@code add_ethernet_trailer} does:
     * padding, trailer and frame check sequence, as far as they were read.
     *
     * @return how reading them ended (an exception there ends the frame with a marker)
     */
    EtherTrailer.Outcome trailer() {
        return trailer(x.decoder.etherTrailer(), x.decoder.frame().segment());
    }

    /** The padding, trailer and FCS {@code t} found after an EtherType payload in {@code s}. */
    EtherTrailer.Outcome trailer(EtherTrailer t, MemorySegment s) {
        if (etherTree == null || t.layer() < 0 || etherTrees[t.layer()] == null) {
            return EtherTrailer.Outcome.NONE;
        }
        DetailNode etherTree = etherTrees[t.layer()];
        String etherPrefix = etherPrefixes[t.layer()];
        long start = t.start();
        if (t.padding() > 0) {
            etherTree.field("eth.padding", "Padding: " + Labels.hexShort(s, start, t.padding()),
                    Labels.hexColons(s, start, t.padding())).at(s, start, t.padding());
        }
        if (t.trailer() > 0) {
            long at = start + t.padding();
            DetailNode n = etherTree.field(etherPrefix + ".trailer", "Trailer: " + Labels.hexShort(s, at, t.trailer()),
                    Labels.hexColons(s, at, t.trailer())).at(s, at, t.trailer());
            if (t.maybePadded() && t.padding() == 0) {
                Expert.add(n, "eth.padding_bad", Expert.Severity.NOTE, Expert.Group.PROTOCOL,
                        "Didn't find padding of zeros, and an undecoded trailer exists. There may be padding of non-zeros.");
            }
        }
        if (t.hasFcs()) {
            long value = Bytes.u32(s, t.fcsOffset());
            etherTree.field("eth.fcs", "Frame check sequence: " + Labels.hex(value, 8) + " [unverified]",
                    Labels.hex(value, 8)).at(s, t.fcsOffset(), 4);
            etherTree.field("eth.fcs.status", "FCS Status: Unverified", "2").generated().at(s, t.fcsOffset(), 0);
        }
        return t.outcome();
    }

    /** The trees of the frame's own EtherType headers, kept while an embedded frame's are built ({@link #restore}). */
    Object[] save() {
        return new Object[] {etherTree, etherPrefix, etherLayer, etherTrees.clone(), etherPrefixes.clone()};
    }

    void restore(Object[] saved) {
        etherTree = (DetailNode) saved[0];
        etherPrefix = (String) saved[1];
        etherLayer = (Integer) saved[2];
        System.arraycopy((DetailNode[]) saved[3], 0, etherTrees, 0, etherTrees.length);
        System.arraycopy((String[]) saved[4], 0, etherPrefixes, 0, etherPrefixes.length);
    }

    private void remember(int i) {
        if (i < etherTrees.length) {
            etherTrees[i] = etherTree;
            etherPrefixes[i] = etherPrefix;
        }
    }

    /** Whether layer {@code i} is one whose EtherType payload can be followed by a trailer. */
    static boolean carriesEtherType(Proto p) {
        return p == Proto.ETH || p == Proto.VLAN;
    }

    /** packet-sll.c's protocol item: a Linux protocol type ("sll.ltype") up to 1536, else an EtherType. */
    private static DetailNode sllProtocol(DetailNode sll, int protocol, boolean ltype) {
        if (ltype) {
            String name = Sll.linuxTypeName(protocol);
            return sll.field("sll.ltype", "Protocol: " + (name != null ? name : "Unknown") + " (" + Labels.hex(protocol, 4) + ")",
                    Labels.hex(protocol, 4));
        }
        return sll.field("sll.etype", "Protocol: " + etherTypeName(protocol), Labels.hex(protocol, 4));
    }
}
