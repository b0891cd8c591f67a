package dev.tcpscope.field;

import dev.tcpscope.wire.Bytes;
import dev.tcpscope.wire.Ipv6;
import dev.tcpscope.wire.Proto;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/**
 * {@code ipv6.*}: the fixed IPv6 header (RFC 8200 §3), one set of occurrences per IPv6 layer.
 * Wireshark adds the header's items only once all 40 bytes are there, and only the version when
 * the version is not 6. The MAC address an address was formed from by SLAAC (RFC 4291
 * Appendix A: {@code ff:fe} in the middle of the interface identifier) is shown as
 * {@code ipv6.src_slaac_mac} / {@code ipv6.slaac_mac}, as Wireshark does.
 */
final class Ipv6Fields {
    private Ipv6Fields() { }

    /** Layers whose version is 6: the rest of the header is read as far as it was captured. */
    private static final Layers.Selector V6 = (d, i) ->
            d.captured(i) >= 1 && Bytes.u8(d.segment(i), d.offset(i)) >>> 4 == 6;

    static List<Field> all() {
        Proto p = Proto.IPV6;
        return List.of(
                Field.of("ipv6", "Internet Protocol Version 6", PROTOCOL, Layers.each(p, (s, off, cap, v) -> {
                    // Wireshark writes the summary once the header is read; a cut header keeps the bare name.
                    if (cap < Ipv6.HEADER_LENGTH || Bytes.u8(s, off) >>> 4 != 6) {
                        v.addString("ipv6");
                        return;
                    }
                    StringBuilder sb = new StringBuilder(96).append("Internet Protocol Version 6, Src: ");
                    FieldText.ipv6(sb, s, off + Ipv6.SRC);
                    sb.append(", Dst: ");
                    FieldText.ipv6(sb, s, off + Ipv6.DST);
                    v.addString(sb);
                })),
                Layers.uint("ipv6.version", "Version", 8, Base.DEC, p, Layers.ALL, 0, 1, 0xf0),
                Layers.uint("ipv6.tclass", "Traffic Class", 32, Base.HEX, p, V6, 0, 4, 0x0ff00000L),
                Layers.uint("ipv6.tclass.dscp", "Differentiated Services Codepoint", 32, Base.DEC, p, V6, 0, 4, 0x0fc00000L),
                Layers.uint("ipv6.tclass.ecn", "Explicit Congestion Notification", 32, Base.DEC, p, V6, 0, 4, 0x00300000L),
                Layers.uint("ipv6.flow", "Flow Label", 24, Base.HEX, p, V6, 1, 3, 0x000fffffL),
                Layers.uint("ipv6.plen", "Payload Length", 16, Base.DEC, p, V6, 4, 2, 0),
                Layers.uint("ipv6.nxt", "Next Header", 8, Base.DEC, p, V6, 6, 1, 0),
                Layers.uint("ipv6.hlim", "Hop Limit", 8, Base.DEC, p, V6, 7, 1, 0),
                Layers.bytes("ipv6.src", "Source Address", IPV6, p, V6, Ipv6.SRC, 16),
                Field.of("ipv6.addr", "Source or Destination Address", IPV6, Layers.each(p, V6, (s, off, cap, v) -> {
                    for (int a = Ipv6.SRC; a <= Ipv6.DST && cap >= a + 16; a += 16) {
                        v.addBytes(s, off + a, 16);
                    }
                })),
                host("ipv6.src_host", "Source Host", Ipv6.SRC, false),
                host("ipv6.host", "Source or Destination Host", Ipv6.SRC, true),
                slaac("ipv6.src_slaac_mac", "Source SLAAC MAC", Ipv6.SRC, false),
                slaac("ipv6.slaac_mac", "SLAAC MAC", Ipv6.SRC, true),
                Layers.bytes("ipv6.dst", "Destination Address", IPV6, p, V6, Ipv6.DST, 16),
                host("ipv6.dst_host", "Destination Host", Ipv6.DST, false),
                slaac("ipv6.dst_slaac_mac", "Destination SLAAC MAC", Ipv6.DST, false),
                embedded("ipv6.src_6to4_gw_ipv4", "Source 6to4 Gateway IPv4", IPV4, Ipv6.SRC, false, Embedded.SIX_TO_FOUR_GW),
                embedded("ipv6.src_6to4_sla_id", "Source 6to4 SLA ID", UINT, Ipv6.SRC, false, Embedded.SIX_TO_FOUR_SLA),
                embedded("ipv6.dst_6to4_gw_ipv4", "Destination 6to4 Gateway IPv4", IPV4, Ipv6.DST, false, Embedded.SIX_TO_FOUR_GW),
                embedded("ipv6.dst_6to4_sla_id", "Destination 6to4 SLA ID", UINT, Ipv6.DST, false, Embedded.SIX_TO_FOUR_SLA),
                embedded("ipv6.6to4_gw_ipv4", "6to4 Gateway IPv4", IPV4, Ipv6.SRC, true, Embedded.SIX_TO_FOUR_GW),
                embedded("ipv6.6to4_sla_id", "6to4 SLA ID", UINT, Ipv6.SRC, true, Embedded.SIX_TO_FOUR_SLA),
                embedded("ipv6.src_ts_ipv4", "Source Teredo Server IPv4", IPV4, Ipv6.SRC, false, Embedded.TEREDO_SERVER),
                embedded("ipv6.src_tc_port", "Source Teredo Port", UINT, Ipv6.SRC, false, Embedded.TEREDO_PORT),
                embedded("ipv6.src_tc_ipv4", "Source Teredo Client IPv4", IPV4, Ipv6.SRC, false, Embedded.TEREDO_CLIENT),
                embedded("ipv6.dst_ts_ipv4", "Destination Teredo Server IPv4", IPV4, Ipv6.DST, false, Embedded.TEREDO_SERVER),
                embedded("ipv6.dst_tc_port", "Destination Teredo Port", UINT, Ipv6.DST, false, Embedded.TEREDO_PORT),
                embedded("ipv6.dst_tc_ipv4", "Destination Teredo Client IPv4", IPV4, Ipv6.DST, false, Embedded.TEREDO_CLIENT),
                embedded("ipv6.ts_ipv4", "Teredo Server IPv4", IPV4, Ipv6.SRC, true, Embedded.TEREDO_SERVER),
                embedded("ipv6.tc_port", "Teredo Port", UINT, Ipv6.SRC, true, Embedded.TEREDO_PORT),
                embedded("ipv6.tc_ipv4", "Teredo Client IPv4", IPV4, Ipv6.SRC, true, Embedded.TEREDO_CLIENT),
                embedded("ipv6.src_isatap_ipv4", "Source ISATAP IPv4", IPV4, Ipv6.SRC, false, Embedded.ISATAP),
                embedded("ipv6.dst_isatap_ipv4", "Destination ISATAP IPv4", IPV4, Ipv6.DST, false, Embedded.ISATAP),
                embedded("ipv6.isatap_ipv4", "ISATAP IPv4", IPV4, Ipv6.SRC, true, Embedded.ISATAP));
    }

    /** What an address can embed, as packet-ipv6.c shows it: 6to4 (RFC 3056), Teredo (RFC 4380), ISATAP (RFC 5214). */
    private enum Embedded { SIX_TO_FOUR_GW, SIX_TO_FOUR_SLA, TEREDO_SERVER, TEREDO_PORT, TEREDO_CLIENT, ISATAP }

    /**
     * A value embedded in the source address, the destination address or ({@code both}) each,
     * once the whole header was read; Teredo's client port and address are stored inverted. IPv4
     * values go in as 32-bit numbers, as the field table's IPv4 fields do.
     */
    private static Field embedded(String name, String title, FieldType type, int at, boolean both, Embedded kind) {
        Extractor e = Layers.each(Proto.IPV6, V6, (s, off, cap, v) -> {
            for (int a = at; a <= (both ? Ipv6.DST : at) && cap >= Ipv6.HEADER_LENGTH; a += 16) {
                long addr = off + a;
                switch (kind) {
                    case SIX_TO_FOUR_GW, SIX_TO_FOUR_SLA -> {
                        if (Bytes.u16(s, addr) == 0x2002) {
                            if (kind == Embedded.SIX_TO_FOUR_GW) {
                                v.addLong(Bytes.u32(s, addr + 2));
                            } else {
                                v.addLong(Bytes.u16(s, addr + 6));
                            }
                        }
                    }
                    case TEREDO_SERVER, TEREDO_PORT, TEREDO_CLIENT -> {
                        if (Bytes.u32(s, addr) == 0x20010000L) {
                            if (kind == Embedded.TEREDO_SERVER) {
                                v.addLong(Bytes.u32(s, addr + 4));
                            } else if (kind == Embedded.TEREDO_PORT) {
                                v.addLong(Bytes.u16(s, addr + 10) ^ 0xffff);
                            } else {
                                v.addLong(~Bytes.u32(s, addr + 12) & 0xffffffffL);
                            }
                        }
                    }
                    case ISATAP -> {
                        if ((Bytes.u32(s, addr + 8) & 0xfdffffffL) == 0x00005efeL) {
                            v.addLong(Bytes.u32(s, addr + 12));
                        }
                    }
                }
            }
        });
        return type == UINT ? Field.integer(name, title, UINT, 16, Base.DEC, e) : Field.of(name, title, type, e);
    }

    private static Field host(String name, String title, int at, boolean both) {
        return Field.of(name, title, STRING, Layers.each(Proto.IPV6, V6, (s, off, cap, v) -> {
            for (int a = at; a <= (both ? Ipv6.DST : at) && cap >= a + 16; a += 16) {
                StringBuilder sb = new StringBuilder(39);
                FieldText.ipv6(sb, s, off + a);
                v.addString(sb);
            }
        }));
    }

    /**
     * The MAC address of a SLAAC address, as 6 bytes we cannot point into the frame for (the
     * universal/local bit is flipped), so they are copied; only frames with such addresses pay.
     */
    private static Field slaac(String name, String title, int at, boolean both) {
        return Field.of(name, title, ETHER, Layers.each(Proto.IPV6, V6, (s, off, cap, v) -> {
            // Wireshark adds them only once the whole header is read.
            for (int a = at; a <= (both ? Ipv6.DST : at) && cap >= Ipv6.HEADER_LENGTH; a += 16) {
                if (isSlaac(s, off + a)) {
                    byte[] mac = new byte[6];
                    mac[0] = (byte) (Bytes.u8(s, off + a + 8) & ~0x02);
                    mac[1] = (byte) Bytes.u8(s, off + a + 9);
                    mac[2] = (byte) Bytes.u8(s, off + a + 10);
                    mac[3] = (byte) Bytes.u8(s, off + a + 13);
                    mac[4] = (byte) Bytes.u8(s, off + a + 14);
                    mac[5] = (byte) Bytes.u8(s, off + a + 15);
                    v.addBytes(MemorySegment.ofArray(mac), 0, 6);
                }
            }
        }));
    }

    /**
     * A universal (bit 0x02 of byte 8 set) EUI-64 identifier with {@code ff:fe} in bytes 11 and
     * 12: one made from a MAC address.
     */
    private static boolean isSlaac(MemorySegment s, long addr) {
        return (Bytes.u8(s, addr + 8) & 0x02) != 0 && Bytes.u8(s, addr + 11) == 0xff && Bytes.u8(s, addr + 12) == 0xfe;
    }
}
