package dev.tcpscope.present;

/**
 * The IPv4 security options as packet-ip.c decodes them: Security in its RFC 791 form (when
 * the option is 11 bytes and starts with a known level) or its RFC 1108 form, Extended
 * Security (RFC 1108), and the Commercial IP Security Option (CIPSO, draft-ietf-cipso-
 * ipsecurity-01 / FIPS 188) with its tags. Reads go through {@link Ipv4Options}, which stops
 * the frame when one passes the option's end.
 */
final class Ipv4SecurityOptions {
    /** CIPSO tags fit in the 40 bytes of options less the option's own 6 (the tag length limit). */
    private static final int CIPSO_TAG_LEN_MAX = 34;

    private Ipv4SecurityOptions() { }

    /** RFC 791's security levels (secl_rfc791_vals), or null. */
    private static String rfc791Level(int v) {
        return switch (v) {
            case 0x0000 -> "Unclassified";
            case 0xf135 -> "Confidential";
            case 0x789a -> "EFTO";
            case 0xbc4d -> "MMMM";
            case 0x5e26 -> "PROG";
            case 0xaf13 -> "Restricted";
            case 0xd788 -> "Secret";
            case 0x6bc5 -> "Top secret";
            case 0x35e2, 0x9af1, 0x4d78, 0x24bd, 0x135e, 0x89af, 0xc4d6, 0xe26b -> "Reserved";
            default -> null;
        };
    }

    /** RFC 1108's classification levels (sec_cl_vals). */
    private static String classification(int v) {
        return switch (v) {
            case 0x01 -> "Reserved 4";
            case 0x3d -> "Top secret";
            case 0x5a -> "Secret";
            case 0x96 -> "Confidential";
            case 0x66 -> "Reserved 3";
            case 0xcc -> "Reserved 2";
            case 0xab -> "Unclassified";
            case 0xf1 -> "Reserved 1";
            default -> "Unknown";
        };
    }

    static void security(Ipv4Options w, DetailNode t) {
        int optlen = w.optlen();
        if (optlen == 11) {
            int level = w.u16(2);
            String name = rfc791Level(level);
            if (name != null) {
                w.at(t.field("ip.opt.sec_rfc791_sec", "Security: " + name + " (" + Labels.hex(level, 4) + ")",
                        Labels.hex(level, 4)), 2, 2);
                int comp = w.u16(4);
                w.at(t.field("ip.opt.sec_rfc791_comp", "Compartments: " + comp, comp), 4, 2);
                string(w, t, "ip.opt.sec_rfc791_hr", "Handling Restrictions", 6, 2);
                string(w, t, "ip.opt.sec_rfc791_tcc", "Transmission Control Code", 8, 3);
                return;
            }
        }
        int cl = w.u8(2);
        w.at(t.field("ip.opt.sec_cl", "Classification Level: " + classification(cl) + " (" + Labels.hex(cl, 2) + ")",
                Labels.hex(cl, 2)), 2, 1);
        int at = 3;
        if (at >= optlen) {
            return;
        }
        int v = w.u8(at);
        firstAuthorityByte(w, t, at, v);
        at++;
        while ((v & 1) != 0) {
            if (at == optlen) {
                Expert.add(t, Ipv4Options.LEN_INVALID, Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                        "Field Termination Indicator set to 1 for last byte of option");
                break;
            }
            v = w.u8(at);
            DetailNode f = w.at(t.field("ip.opt.sec_prot_auth_flags", "Protection Authority Flags: " + Labels.hex(v, 2)
                    + ((v & 1) != 0 ? ", Field Termination Indicator" : ""), Labels.hex(v, 2)), at, 1);
            w.at(f.field("ip.opt.sec_prot_auth_unassigned", Bits.pattern(v, 0xfe, 8) + "Unassigned: " + Labels.hex(v >>> 1, 2),
                    Labels.hex(v >>> 1, 2)), at, 1);
            w.at(terminator(f, v), at, 1);
            at++;
        }
        if (at < optlen) {
            Expert.add(t, Ipv4Options.LEN_INVALID, Expert.Severity.WARNING, Expert.Group.PROTOCOL, "Extraneous data in option");
        }
    }

    private static final String[] AUTHORITIES = {"GENSER", "SIOP-ESI", "SCI", "NSA", "DOE"};

    /** The first protection authority byte: five authorities, two unassigned bits, the terminator. */
    private static void firstAuthorityByte(Ipv4Options w, DetailNode t, int at, int v) {
        StringBuilder label = new StringBuilder("Protection Authority Flags: ").append(Labels.hex(v, 2));
        for (int k = 0; k < AUTHORITIES.length; k++) {
            if ((v & (0x80 >>> k)) != 0) {
                label.append(", ").append(AUTHORITIES[k]);
            }
        }
        if ((v & 1) != 0) {
            label.append(", Field Termination Indicator");
        }
        DetailNode f = w.at(t.field("ip.opt.sec_prot_auth_flags", label.toString(), Labels.hex(v, 2)), at, 1);
        String[] keys = {"genser", "siop_esi", "sci", "nsa", "doe"};
        for (int k = 0; k < AUTHORITIES.length; k++) {
            int m = 0x80 >>> k;
            w.at(f.field("ip.opt.sec_prot_auth_" + keys[k], Bits.pattern(v, m, 8) + AUTHORITIES[k] + ": " + ((v & m) != 0
                    ? "Datagram protected in accordance with its rules" : "Datagram not protected in accordance with its rules"),
                    (v & m) != 0 ? "1" : "0"), at, 1);
        }
        int un = (v & 0x06) >>> 1;
        w.at(f.field("ip.opt.sec_prot_auth_unassigned", Bits.pattern(v, 0x06, 8) + "Unassigned: " + Labels.hex(un, 1),
                Labels.hex(un, 2)), at, 1);
        w.at(terminator(f, v), at, 1);
    }

    private static DetailNode terminator(DetailNode f, int v) {
        return f.field("ip.opt.sec_prot_auth_fti", Bits.pattern(v, 0x01, 8) + "Field Termination Indicator: "
                + ((v & 1) != 0 ? "Additional octet present" : "Final octet"), (v & 1) != 0 ? "1" : "0");
    }

    /** An FT_STRING read with ENC_ASCII, with proto.c's check for bytes after its NUL. */
    private static void string(Ipv4Options w, DetailNode t, String key, String name, int at, int n) {
        String v = w.ascii(at, n);
        DetailNode f = w.at(t.field(key, Labels.truncated(name, Labels.formatText(v)), v), at, n);
        if (w.trailingStray(at, n)) {
            Expert.add(f, "_ws.string.trailing_stray_characters", Expert.Severity.WARNING, Expert.Group.UNDECODED,
                    "Trailing stray characters");
        }
    }

    /** Extended Security (RFC 1108): a format code and the additional security information. */
    static void extended(Ipv4Options w, DetailNode t) {
        int code = w.u8(2);
        w.at(t.field("ip.opt.ext_sec_add_sec_info_format_code", "Additional Security Info Format Code: " + Labels.hex(code, 2),
                Labels.hex(code, 2)), 2, 1);
        int left = w.optlen() - 3;
        if (left > 0) {
            w.at(t.field("ip.opt.ext_sec_add_sec_info", "Additional Security Info: " + w.hexLabel(3, left), w.hex(3, left)),
                    3, left);
        }
    }

    private static String tagName(int type) {
        return switch (type) {
            case 0 -> "Padding";
            case 1 -> "Restrictive Category Bitmap";
            case 2 -> "Enumerated Categories";
            case 5 -> "Ranged Categories";
            case 6 -> "Permissive Categories";
            case 7 -> "Free Form";
            default -> "Unknown";
        };
    }

    /** CIPSO: a domain of interpretation, then tags until the option ends or a tag is malformed. */
    static void cipso(Ipv4Options w, DetailNode t) {
        int max = w.optlen();
        long doi = w.u32(2);
        w.at(t.field("ip.cipso.doi", "DOI: " + doi, doi), 2, 4);
        int at = 6;
        while (at < max) {
            int type = w.u8(at);
            DetailNode tag = w.at(t.field("ip.cipso.tag_type", "Tag Type: " + tagName(type) + " (" + type + ")",
                    Integer.toString(type)), at, 1);
            int taglen = at + 1 < max ? w.u8(at + 1) : 1;
            switch (type) {
                case 0 -> at += 1;
                case 1, 2, 5 -> {
                    if (taglen < 4 || taglen > CIPSO_TAG_LEN_MAX || at + taglen - 1 > max) {
                        malformed(tag);
                        return;
                    }
                    at += 3;
                    int level = w.u8(at);
                    w.at(t.field("ip.cipso.sensitivity_level", "Sensitivity Level: " + level, level), at, 1);
                    at += 1;
                    if (taglen > 4) {
                        String cats = switch (type) {
                            case 1 -> bitmap(w, at, taglen - 4);
                            case 2 -> enumerated(w, at, taglen - 4);
                            default -> ranged(w, at, taglen - 4);
                        };
                        w.at(t.field("ip.cipso.categories", Labels.truncated("Categories", cats), cats), at, taglen - 4);
                        // tags 2 and 5 read whole 16-bit categories only
                        at += type == 1 ? taglen - 4 : (taglen - 4) / 2 * 2;
                    }
                }
                case 6, 7 -> {
                    if (taglen < (type == 6 ? 4 : 2) || taglen > CIPSO_TAG_LEN_MAX || at + taglen - 1 > max) {
                        malformed(tag);
                        return;
                    }
                    int n = taglen - 2;
                    w.at(t.field("ip.cipso.tag_data", "Tag data: " + (n == 0 ? "<MISSING>" : w.hexLabel(at + 2, n)),
                            w.hex(at + 2, n)), at + 2, n);
                    at += taglen;
                }
                default -> {
                    if (at + 1 <= max) {
                        tag.relabel(tag.label() + " (" + w.u8(at + 1) + " bytes)");
                    }
                    return;
                }
            }
        }
    }

    private static void malformed(DetailNode tag) {
        Expert.add(tag, "ip.cipso.malformed", Expert.Severity.ERROR, Expert.Group.SEQUENCE, "Malformed CIPSO tag");
    }

    /** Tag 1: each bit set in the bitmap is a category, numbered from the first byte's top bit. */
    private static String bitmap(Ipv4Options w, int at, int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            int b = w.u8(at + k);
            for (int bit = 0; bit < 8; bit++) {
                if ((b & (0x80 >>> bit)) != 0) {
                    if (!sb.isEmpty()) {
                        sb.append(',');
                    }
                    sb.append(k * 8 + bit);
                }
            }
        }
        return sb.toString();
    }

    /** Tag 2: 16-bit categories. */
    private static String enumerated(Ipv4Options w, int at, int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = at; k + 2 <= at + n; k += 2) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(w.u16(k));
        }
        return sb.toString();
    }

    /** Tag 5: ranges of 16-bit categories, high then low (a missing low end is 0). */
    private static String ranged(Ipv4Options w, int at, int n) {
        StringBuilder sb = new StringBuilder();
        int end = at + n;
        int k = at;
        while (k + 2 <= end) {
            int high = w.u16(k);
            int low = 0;
            if (k + 4 <= end) {
                low = w.u16(k + 2);
                k += 4;
            } else {
                k += 2;
            }
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(high);
            if (low != high) {
                sb.append('-').append(low);
            }
        }
        return sb.toString();
    }
}
