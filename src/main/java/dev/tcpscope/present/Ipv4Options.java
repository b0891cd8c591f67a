package dev.tcpscope.present;

import dev.tcpscope.wire.Bytes;

import java.lang.foreign.MemorySegment;

/**
 * The IPv4 options subtree (packet-ip.c's {@code dissect_ip_options}, RFC 791 §3.1): each
 * option with its type byte split into copy flag, class and number. Options tcpscope does not
 * decode further show their type and length only.
 */
final class Ipv4Options {
    private Ipv4Options() { }

    private static String className(int c) {
        return switch (c) {
            case 0 -> "Control";
            case 2 -> "Debugging and measurement";
            default -> "Reserved for future use";
        };
    }

    private static String numberName(int type) {
        return switch (type) {
            case 0 -> "End of Option List (EOL)";
            case 1 -> "No-Operation (NOP)";
            case 7 -> "Record route";
            case 68 -> "Time stamp";
            case 130 -> "Security";
            case 131 -> "Loose source route";
            case 134 -> "Commercial IP security option";
            case 136 -> "Stream identifier";
            case 137 -> "Strict source route";
            case 148 -> "Router Alert";
            default -> null;
        };
    }

    private static String optionName(int type) {
        return switch (type) {
            case 0 -> "End of Options List (EOL)";
            case 1 -> "No-Operation (NOP)";
            case 7 -> "Record Route";
            case 68 -> "Time Stamp";
            case 130 -> "Security";
            case 131 -> "Loose Source Route";
            case 134 -> "Commercial Security";
            case 136 -> "Stream ID";
            case 137 -> "Strict Source Route";
            case 148 -> "Router Alert";
            default -> null;
        };
    }

    /** Adds the options in {@code s[off, off+len)} under a new "Options" item of {@code ip}. */
    static void add(DetailNode ip, MemorySegment s, long off, int len) {
        DetailNode opts = ip.text("Options: (" + len + " bytes)");
        StringBuilder title = new StringBuilder(opts.label());
        int pos = 0;
        while (pos < len) {
            int type = Bytes.u8(s, off + pos);
            String name = optionName(type);
            if (type == 0 || type == 1) {
                DetailNode o = opts.field(type == 0 ? "ip.opt.eol" : "ip.opt.nop", "IP Option - " + name, null);
                typeTree(o, type);
                if (type == 1) {
                    title.append(", ").append(name); // packet-ip.c names EOL in the tree only
                }
                pos++;
                if (type == 0) {
                    break;
                }
                continue;
            }
            if (pos + 1 >= len) {
                break;
            }
            int olen = Bytes.u8(s, off + pos + 1);
            if (olen < 2 || pos + olen > len) {
                break;
            }
            String shown = name != null ? name : "Unknown (" + type + ")";
            DetailNode o = opts.field("ip.opt." + (name == null ? "unknown" : "option"), "IP Option - " + shown + " ("
                    + olen + " bytes)", Labels.hexColons(s, off + pos, olen));
            typeTree(o, type);
            o.field("ip.opt.len", "Length: " + olen, Integer.toString(olen));
            title.append(", ").append(shown);
            pos += olen;
        }
        opts.relabel(title.toString());
    }

    private static void typeTree(DetailNode o, int type) {
        DetailNode t = o.field("ip.opt.type", "Type: " + type, Integer.toString(type));
        t.field("ip.opt.type.copy", Bits.pattern(type, 0x80, 8) + "Copy on fragmentation: " + ((type & 0x80) != 0 ? "Yes" : "No"),
                (type & 0x80) != 0 ? "1" : "0");
        int cls = (type >>> 5) & 3;
        t.field("ip.opt.type.class", Bits.pattern(type, 0x60, 8) + "Class: " + className(cls) + " (" + cls + ")",
                Integer.toString(cls));
        String n = numberName(type);
        t.field("ip.opt.type.number", Bits.pattern(type, 0x1f, 8) + "Number: " + (n != null ? n : "Unknown")
                + " (" + (type & 0x1f) + ")", Integer.toString(type & 0x1f));
    }
}
