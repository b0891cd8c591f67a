package dev.tcpscope.cli;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldTable;
import dev.tcpscope.field.FieldTypes;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code tcpscope fields}: every field tcpscope can print with {@code -T fields} and filter on,
 * one per line in the columns of {@code tshark -G fields}: {@code P}, title, name for a
 * protocol; {@code F}, title, name, type, parent protocol, base, bitmask (values are shown
 * already masked and shifted, so 0x0) and an empty description for a field.
 */
@Command(name = "fields", mixinStandardHelpOptions = true,
        description = "List the fields tcpscope knows, in the columns of tshark -G fields.")
final class FieldsCommand implements Callable<Integer> {
    @ParentCommand
    TcpscopeCommand parent;

    @picocli.CommandLine.Option(names = "--protocols",
            description = "List the protocols instead, in the columns of tshark -G protocols (name, short name, filter name).")
    boolean protocols;

    /** What {@code -G} named when it was neither fields nor protocols (Main maps {@code -G X} here). */
    @picocli.CommandLine.Option(names = "--glossary", hidden = true)
    String glossary;

    /** The short names tshark gives the protocols tcpscope dissects ({@code tshark -G protocols}, column 2). */
    private static final java.util.Map<String, String> SHORT = java.util.Map.ofEntries(
            java.util.Map.entry("arp", "ARP/RARP"), java.util.Map.entry("data", "Data"), java.util.Map.entry("dns", "DNS"),
            java.util.Map.entry("eth", "Ethernet"), java.util.Map.entry("frame", "Frame"), java.util.Map.entry("ftp", "FTP"),
            java.util.Map.entry("ftp-data", "FTP-DATA"), java.util.Map.entry("http", "HTTP"), java.util.Map.entry("icmp", "ICMP"),
            java.util.Map.entry("icmpv6", "ICMPv6"), java.util.Map.entry("ieee8021ad", "IEEE 802.1AD"),
            java.util.Map.entry("imf", "IMF"), java.util.Map.entry("ip", "IPv4"), java.util.Map.entry("ipv6", "IPv6"),
            java.util.Map.entry("llmnr", "LLMNR"), java.util.Map.entry("mdns", "mDNS"), java.util.Map.entry("mptcp", "MPTCP"),
            java.util.Map.entry("pkt_comment", "Pkt_Comment"), java.util.Map.entry("rlogin", "Rlogin"),
            java.util.Map.entry("sll", "SLL"), java.util.Map.entry("smtp", "SMTP"), java.util.Map.entry("ssh", "SSH"),
            java.util.Map.entry("tcp", "TCP"), java.util.Map.entry("tls", "TLS"), java.util.Map.entry("udp", "UDP"),
            java.util.Map.entry("vlan", "VLAN"));

    @Override
    public Integer call() {
        if (glossary != null) {
            parent.err.println("tcpscope: Invalid \"" + glossary + "\" option for -G; tcpscope knows -G fields and -G protocols.");
            return 1;
        }
        StringBuilder sb = new StringBuilder(64 * 1024);
        for (Field f : dev.tcpscope.proto.Protocols.fields().all()) {
            if (protocols) {
                if (f.type() == dev.tcpscope.field.FieldType.PROTOCOL) {
                    sb.append(f.title()).append('\t').append(SHORT.getOrDefault(f.name(), f.title())).append('\t')
                            .append(f.name()).append('\n');
                }
                continue;
            }
            line(sb, f);
            sb.append('\n');
        }
        parent.out.print(sb);
        parent.out.flush();
        return 0;
    }

    /** The line for one field, without the newline. */
    static void line(StringBuilder sb, Field f) {
        if (f.type() == dev.tcpscope.field.FieldType.PROTOCOL) {
            sb.append("P\t").append(f.title()).append('\t').append(f.name());
            return;
        }
        sb.append("F\t").append(f.title()).append('\t').append(f.name()).append('\t').append(FieldTypes.ftName(f))
                .append('\t').append(FieldTypes.parent(f)).append('\t').append(base(f)).append("\t0x0\t");
    }

    private static String base(Field f) {
        return switch (f.type()) {
            case UINT, INT, FRAMENUM -> f.type() == dev.tcpscope.field.FieldType.FRAMENUM ? "BASE_NONE" : switch (f.base()) {
                case DEC -> "BASE_DEC";
                case HEX -> "BASE_HEX";
                case DEC_HEX -> "BASE_DEC_HEX";
                case HEX_DEC -> "BASE_HEX_DEC";
                case OCT -> "BASE_OCT";
                case NONE, LOCAL_TIME -> "BASE_NONE";
            };
            case BOOLEAN -> "BASE_NONE";
            case ABSOLUTE_TIME -> f.base() == dev.tcpscope.field.Base.LOCAL_TIME ? "ABSOLUTE_TIME_LOCAL" : "ABSOLUTE_TIME_UTC";
            default -> "";
        };
    }
}
