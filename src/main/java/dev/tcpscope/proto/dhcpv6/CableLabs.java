package dev.tcpscope.proto.dhcpv6;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * CableLabs' vendor-specific sub-options (enterprise 4491) in a DHCPv6 Vendor-specific
 * Information option, as packet-dhcpv6.c 4.0.17's {@code dissect_cablelabs_specific_opts} shows
 * them: each sub-option one "Suboption:" item whose label carries its value (strings quoted, lists
 * of option codes, the time offset, the device identifier in hex), address lists, the DOCSIS
 * capabilities (TLV5) and PacketCable's client configuration (2170, 2171) as items under it.
 *
 * <p>As 4.0.17, the walk reads the datagram from the option's value on and runs to the option's
 * end; a sub-option's length may carry its reads past the option. Bounded: each sub-option moves
 * on by at least four bytes, the loops inside one by at least one.
 */
final class CableLabs {
    private static final Registry R = Dhcpv6Walk.REGISTRY;

    private final Tvb whole;
    private final boolean strict;
    private Tvb t;
    /** Whether items are added (without a tree only the dissector's own reads happen). */
    private boolean tree;

    CableLabs(Tvb whole, boolean strict) {
        this.whole = whole;
        this.strict = strict;
    }

    private void need(int off, int len) {
        if (strict) {
            t.need(off, len);
        }
    }

    /** The option's value: {@code optlen} bytes at {@code v} of the datagram. */
    void options(Tree o, int v, int optlen) {
        // 4.0.17 walks the datagram's tvb from the option's value on (later versions a tvb of the
        // option's own): offsets here count from the value, reads may run past the option
        t = new Tvb(whole.s, whole.base + v, Math.max(0, whole.cap - v), Math.max(0, whole.rep - v), whole.fragment);
        tree = o != Tree.NOTHING;
        need(0, 4);
        long pen = t.u32(0);
        Tree vItem = t.at(o.field("dhcpv6.vendoropts.enterprise", "Enterprise ID: " + Enterprises.name(pen) + " (" + pen + ")",
                Long.toString(pen)), 0, 4);
        int len = optlen - 4;
        if (len <= 4) {
            vItem.expert("dhcpv6.bogus_length", Tree.Severity.ERROR, Tree.Group.MALFORMED, "Bogus length: " + len);
            return;
        }
        String deviceType = null;
        int off = 4;
        while (off - 4 < len) {
            int type = t.u16(off);
            need(off, 2);
            String vs = R.value("dhcpv6.cablelabs.opt", type);
            String head = "Suboption: " + (vs != null ? vs : "Unknown") + " (" + type + ")";
            Tree ti = t.at(o.field("dhcpv6.cablelabs.opt", head, Integer.toString(type)), off, 2);
            int tlvLen = t.u16(off + 2);
            int sub = off + 4;
            switch (type) {
                case 2 -> {
                    deviceType = cString(sub, tlvLen);
                    ti.relabel(head + (deviceType.isEmpty() ? "Packet does not contain Device Type." : "\"" + deviceType + "\""));
                }
                case 3, 4, 5, 6, 7, 9, 10, 33 -> ti.relabel(head + "\"" + stringzpad(sub, tlvLen) + "\"");
                case 8 -> {
                    if (tlvLen == 3) {
                        t.need(sub, 3);
                        ti.relabel(head + Text.hexColons(t.s, t.base + sub, 3));
                    } else if (tlvLen == 6) {
                        ti.relabel(head + "\"" + stringzpad(sub, 6) + "\"");
                    } else {
                        bogus(ti, "Suboption " + type + ": suboption length isn't 3 or 6");
                    }
                }
                case 1 -> {
                    StringBuilder l = new StringBuilder(head);
                    for (int i = 0; i < tlvLen; i += 2) {
                        l.append(' ').append(t.u16(sub));
                        sub += 2;
                    }
                    ti.relabel(l.toString());
                }
                case 32, 34, 37, 61 -> {
                    if (tree && tlvLen % 16 == 0) {
                        for (int i = 0; i < tlvLen / 16; i++) {
                            need(sub, 16);
                            String a = Text.ipv6(t.copy(sub, 16));
                            t.at(ti.field("dhcpv6.cablelabs.ipv6_server", " " + (i + 1) + " IPv6 address: " + a, a), sub, 16);
                            sub += 16;
                        }
                    }
                }
                case 36 -> {
                    if (tlvLen != 6) {
                        bogus(ti, "Bogus length: " + tlvLen);
                    } else {
                        ti.relabel(head + hex(sub, 6));
                    }
                }
                case 35 -> tlv5(ti, sub, tlvLen, deviceType);
                case 38 -> ti.relabel(head + (int) t.u32(sub));
                case 39 -> {
                    int p = t.u8(sub);
                    ti.relabel(head + switch (p) {
                        case 1 -> "IPv4";
                        case 2 -> "IPv6";
                        case 6 -> "Dual Stack";
                        default -> "Invalid IP Preference value " + p;
                    });
                }
                case 1025 -> cmtsCapabilities(ti, head, sub, tlvLen);
                case 1026 -> {
                    if (tlvLen != 6) {
                        bogus(ti, "Bogus length: " + tlvLen);
                    } else {
                        t.need(sub, 6);
                        ti.relabel(head + Text.hexColons(t.s, t.base + sub, 6));
                    }
                }
                case 1027 -> ti.relabel(head + " " + hex(sub, tlvLen) + " (len=" + tlvLen + ")");
                case 2170, 2171 -> {
                    ti.relabel(head + " (" + tlvLen + " bytes)");
                    int done = 0;
                    while (done < tlvLen) {
                        int used = type == 2170 ? ccc(ti, sub, tlvLen - done) : cccV6(ti, sub, tlvLen - done);
                        sub += used;
                        done += used;
                    }
                }
                case 2172 -> ti.relabel(head + (tlvLen != 4 ? "Bogus value length=" + tlvLen : Long.toString(t.u32(sub))));
                default -> { }
            }
            off += tlvLen + 4;
        }
    }

    private void bogus(Tree item, String message) {
        item.expert("dhcpv6.bogus_length", Tree.Severity.ERROR, Tree.Group.MALFORMED, message);
    }

    /** TLV5: the modem's (or an eDVA's) capabilities, type, length and value each. */
    private void tlv5(Tree ti, int sub, int tlvLen, String deviceType) {
        int counter = 0;
        int idx = sub;
        while (counter < tlvLen) {
            String key;
            if (deviceType == null || startsWithIgnoreCase(deviceType, "ecm")) {
                key = "dhcpv6.docsis.cccV6.tlv5.suboption";
            } else if (startsWithIgnoreCase(deviceType, "edv")) {
                key = "dhcpv6.packetcable.cccV6.tlv5.suboption";
            } else {
                break;
            }
            Tree type = uint(ti, key, idx, 1);
            idx++;
            counter++;
            uint(type, "dhcpv6.cccV6.tlv5.suboption.length", idx, 1);
            int capLen = t.u8(idx);
            idx++;
            counter += capLen;
            if (capLen > 2) {
                bytes(type, "dhcpv6.cccV6.tlv5.suboption.value", idx, capLen);
            } else {
                uint(type, "dhcpv6.cccV6.tlv5.suboption.value_number", idx, capLen);
            }
            idx += capLen;
            counter++;
        }
    }

    /** 1025: the CMTS capabilities' version numbers. */
    private void cmtsCapabilities(Tree ti, String head, int sub, int tlvLen) {
        if (tlvLen <= 0) {
            ti.relabel(head + " (empty)");
            return;
        }
        int done = 0;
        while (done < tlvLen) {
            int tag = t.u8(sub);
            int tagLen = t.u8(sub + 1);
            sub += 2;
            if ((tag == 1 || tag == 2) && tagLen == 2 && tree) {
                String key = tag == 1 ? "dhcpv6.cablelabs.docsis_version_number" : "dhcpv6.cablelabs.dpoe_server_version_number";
                need(sub, 2);
                int rev = t.u16(sub);
                String s = (rev >> 8) + "." + String.format("%02d", rev & 0xff);
                t.at(ti.field(key, R.row(key).title() + ": " + s, Integer.toString(rev)), sub, 2);
                sub += 2;
            } else if ((tag == 1 || tag == 2) && tagLen == 2) {
                sub += 2;
            } else {
                sub += tagLen;
            }
            done += tagLen + 2;
        }
    }

    /** dissect_packetcable_ccc_option: one sub element of 2170; returns the bytes it took. */
    private int ccc(Tree v, int off, int optend) {
        int sub = t.u16(off);
        int subLen = t.u16(off + 2);
        Tree vti = uint(v, "dhcpv6.packetcable.ccc.suboption", off, 2);
        switch (sub) {
            case 1, 2 -> {
                if (subLen == 4) {
                    if (!tree) {
                        break;
                    }
                    String key = sub == 1 ? "dhcpv6.packetcable.ccc.pri_dhcp" : "dhcpv6.packetcable.ccc.sec_dhcp";
                    need(off + 4, 4);
                    String a = t.u8(off + 4) + "." + t.u8(off + 5) + "." + t.u8(off + 6) + "." + t.u8(off + 7);
                    t.at(vti.field(key, R.row(key).title() + ": " + a, a), off + 4, 4);
                } else {
                    bogus(vti, "Bogus length: " + subLen);
                }
            }
            default -> { }
        }
        return 4 + subLen;
    }

    /** dissect_packetcable_cccV6_option: one sub element of 2171; returns the bytes it took. */
    private int cccV6(Tree v, int off, int optend) {
        int sub = t.u16(off);
        int subLen = t.u16(off + 2);
        int so = off + 4;
        Tree vti = uint(v, "dhcpv6.packetcable.cccV6.suboption", off, 2);
        switch (sub) {
            case 1, 2 -> {
                if (subLen < 35) {
                    string(vti, sub == 1 ? "dhcpv6.packetcable.cccV6.pri_dss" : "dhcpv6.packetcable.cccV6.sec_dss", so, subLen);
                } else {
                    bogus(vti, "Bogus length: " + subLen);
                }
            }
            case 4, 5 -> {
                if (subLen == 12) {
                    String p = sub == 4 ? "dhcpv6.packetcable.cccV6.as_krb." : "dhcpv6.packetcable.cccV6.ap_krb.";
                    uint(vti, p + "nominal_timeout", so, 4);
                    uint(vti, p + "max_timeout", so + 4, 4);
                    uint(vti, p + "max_retry_count", so + 8, 4);
                } else {
                    vti.relabel(vtiLabel(sub) + "Bogus length: " + subLen);
                }
            }
            case 7 -> {
                if (subLen == 1) {
                    uint(vti, "dhcpv6.packetcable.cccV6.tgt_flag", so, 1);
                    uint(vti, "dhcpv6.packetcable.cccV6.tgt_flag.fetch", so, 1);
                } else {
                    bogus(vti, "Bogus length: " + subLen);
                }
            }
            case 8 -> {
                if (subLen == 1) {
                    Tree ti = uint(vti, "dhcpv6.packetcable.cccV6.prov_timer", so, 1);
                    if (t.u8(so) > 30) {
                        ti.expert("dhcpv6.invalid_time_value", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "Invalid time value");
                    }
                } else {
                    bogus(vti, "Bogus length: " + subLen);
                }
            }
            case 9 -> {
                uint(vti, "dhcpv6.packetcable.cccV6.sec_tcm", so, 2);
                if (subLen == 2) {
                    uint(vti, "dhcpv6.packetcable.cccV6.sec_tcm.provisioning_server", so, 2);
                    uint(vti, "dhcpv6.packetcable.cccV6.tgt_flag.call_manager_server", so, 2);
                } else {
                    bogus(vti, "Bogus length: " + subLen);
                }
            }
            default -> { }
        }
        return 4 + subLen;
    }

    private static String vtiLabel(int sub) {
        String n = R.value("dhcpv6.packetcable.cccV6.suboption", sub);
        return "Sub element: " + (n != null ? n : "Unknown") + " (" + sub + ")";
    }

    private Tree uint(Tree parent, String key, int off, int len) {
        if (!tree) {
            return Tree.NOTHING;
        }
        return R.integerItem(t, parent, R.row(key), off, len, (value, number) -> {
            String n = R.name(key, value);
            return n == null ? number : n + " (" + number + ")";
        });
    }

    private void bytes(Tree parent, String key, int off, int len) {
        if (!tree) {
            return;
        }
        need(off, len);
        t.at(parent.bytes(key, R.row(key).title(), t.s, t.base + off, len), off, len);
    }

    private void string(Tree parent, String key, int off, int len) {
        if (!tree) {
            return;
        }
        t.string(parent, key, R.row(key).title(), off, len);
    }

    /** tvb_get_string_enc as C reads it: the bytes up to a NUL. */
    private String cString(int off, int len) {
        t.need(off, len);
        String s = Text.ascii(t.s, t.base + off, len);
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }

    /** tvb_format_stringzpad: the bytes up to a NUL, escaped as format_text escapes them. */
    private String stringzpad(int off, int len) {
        t.need(off, len); // the whole field must be there, the text ends at its first NUL
        int n = 0;
        while (n < len && t.u8(off + n) != 0) {
            n++;
        }
        return Text.format(t.s, t.base + off, n);
    }

    private String hex(int off, int len) {
        int n = Math.min(len, 36);
        t.need(off, len);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(Registry.hex(t.u8(off + i), 2));
        }
        if (len > 36) {
            sb.append('\u2026');
        }
        return sb.toString();
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
