package dev.tcpscope.stats;

import dev.tcpscope.field.FieldTable;
import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.filter.FilterSyntaxException;
import dev.tcpscope.present.MacNames;
import dev.tcpscope.present.TimeFormat;
import dev.tcpscope.tcp.Decoder;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code -z} statistics of one run, all fed from the same decoding pass. An argument is
 * matched as tshark matches it (epan/stat_tap_ui.c {@code process_stat_cmd_arg}): against the
 * sorted list of commands walked backwards, the first command that is a prefix of it wins, so
 * {@code conv,ipv6} is taken before {@code conv,ip}. Reports are printed in the reverse order of
 * the arguments, as tshark draws its tap listeners (epan/tap.c keeps them newest first).
 */
public final class Taps {
    /** The commands tcpscope knows, sorted as tshark lists them. */
    public static final List<String> COMMANDS = List.of(
            "conv,eth", "conv,ip", "conv,ipv6", "conv,tcp", "conv,udp",
            "dns,tree", "endpoints,eth", "endpoints,ip", "endpoints,ipv6", "endpoints,tcp", "endpoints,udp",
            "expert", "follow,tcp", "follow,udp", "http,tree", "http2,tree", "http_req,tree", "http_srv,tree", "io,phs", "io,stat",
            "ip_hosts,tree", "plen,tree", "ptype,tree");

    private final List<Tap> taps = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private Taps() { }

    /**
     * What the taps need besides their arguments: {@code filters} are the run's other filter texts
     * and -e fields (-Y, -R, -e), {@code treeVisible} whether a details tree is printed (-V, -O,
     * -T json); both decide which fields io,stat sees, as Wireshark builds only the items some
     * filter names when no tree is printed.
     */
    public record Context(Supplier<FieldTable> fields, TimeFormat.Kind time, ZoneId zone, Supplier<MacNames> macs,
                          List<String> filters, boolean treeVisible) {
        /** A run with no other filter and no details tree. */
        public Context(FieldTable table, TimeFormat.Kind time, ZoneId zone, Supplier<MacNames> macs) {
            this(() -> table, time, zone, macs, List.of(), false);
        }

        /** The field table, made only when a statistic names a field (a run without -z needs none). */
        public FieldTable table() {
            return fields.get();
        }
    }

    /**
     * Sets up one tap per argument, in order. Throws {@link TapArgumentException} with tshark's
     * message and exit status for the first argument that names no statistic or is malformed.
     */
    public static Taps of(List<String> args, Context context) {
        for (String a : args) {
            if (command(a) == null) {
                StringBuilder sb = new StringBuilder("tcpscope: Invalid -z argument \"").append(a).append("\"; it must be one of:");
                for (String c : COMMANDS) {
                    sb.append("\n     ").append(c);
                }
                throw new TapArgumentException(sb.toString(), 1);
            }
        }
        Taps t = new Taps();
        for (String a : args) {
            try {
                t.taps.add(create(command(a), a, context));
            } catch (TapArgumentException e) {
                if (e.exitCode() != 0) {
                    throw e;
                }
                t.warnings.add(e.getMessage()); // report_failure: said, and the run goes on without it
            }
        }
        int level = 0;
        for (Tap tap : t.taps) {
            if (tap instanceof ExpertTap e && e.named() >= 0) {
                level = e.named();
            }
        }
        for (Tap tap : t.taps) {
            if (tap instanceof ExpertTap e) {
                e.lowest(level);
            }
        }
        if (!context.treeVisible()) {
            java.util.Set<String> primed = new java.util.HashSet<>();
            List<String> texts = new ArrayList<>(context.filters());
            for (Tap tap : t.taps) {
                texts.addAll(tap.filters());
            }
            for (String text : texts) {
                java.util.regex.Matcher m = NAME.matcher(text);
                while (m.find()) {
                    if (context.table().get(m.group()) != null) {
                        primed.add(m.group());
                    }
                }
            }
            for (Tap tap : t.taps) {
                if (tap instanceof IoStat io) {
                    io.primed(primed);
                }
            }
        }
        return t;
    }

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private static String command(String arg) {
        for (int i = COMMANDS.size() - 1; i >= 0; i--) {
            if (arg.startsWith(COMMANDS.get(i))) {
                return COMMANDS.get(i);
            }
        }
        return null;
    }

    private static Tap create(String command, String arg, Context c) {
        return switch (command) {
            case "follow,tcp" -> FollowTap.parse(arg, true, c.table());
            case "follow,udp" -> FollowTap.parse(arg, false, c.table());
            case "conv,eth", "conv,ip", "conv,ipv6", "conv,tcp", "conv,udp",
                 "endpoints,eth", "endpoints,ip", "endpoints,ipv6", "endpoints,tcp", "endpoints,udp" -> {
                boolean endpoints = command.startsWith("endpoints");
                String f = arg.length() > command.length() && arg.charAt(command.length()) == ','
                        ? arg.substring(command.length() + 1) : null;
                DisplayFilter filter = filter(f, c.table(), endpoints ? "tcpscope: Couldn't register endpoint tap: "
                        : "tcpscope: Couldn't register conversations tap: ", "", 1);
                var type = ConversationTap.Type.valueOf(command.substring(command.indexOf(',') + 1).toUpperCase(java.util.Locale.ROOT));
                yield new ConversationTap(type, endpoints, f, filter, c.time(), c.zone(), c.macs());
            }
            case "io,stat" -> IoStat.parse(arg, c.table(), c.time(), c.zone());
            case "expert" -> ExpertTap.parse(arg, c.table(), c.zone(), c.macs());
            case "plen,tree", "ptype,tree", "ip_hosts,tree" -> TreeTaps.parse(command, arg, c.table());
            case "http,tree", "http_req,tree", "http_srv,tree" -> HttpTrees.parse(command, arg, c.table());
            case "io,phs" -> PhsTap.parse(arg, c.table(), c.zone(), c.macs());
            case "dns,tree" -> DnsTree.parse(arg, c.table());
            case "http2,tree" -> Http2Stats.parse(arg, c.table());
            default -> throw new TapArgumentException("tcpscope: -z " + command + " is not supported yet", 1);
        };
    }

    /**
     * Compiles a tap's filter; a bad one fails with {@code prefix + 'Filter "F" is invalid - ' + why}
     * and the exit status tshark gives that tap.
     */
    static DisplayFilter filter(String text, FieldTable table, String prefix, String suffix, int exit) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return DisplayFilter.compile(text, table);
        } catch (FilterSyntaxException e) {
            throw new TapArgumentException(prefix + "Filter \"" + text + "\" is invalid - " + e.problem() + suffix, exit);
        }
    }

    /** What tshark reports about a -z argument without stopping (the statistic is left out), one message each. */
    public List<String> warnings() { return warnings; }

    /** Whether no -z was given. */
    public boolean isEmpty() { return taps.isEmpty(); }

    /** Feeds the frame just decoded to every tap. */
    public void packet(Decoder d) {
        for (Tap t : taps) {
            t.packet(d);
        }
    }

    /**
     * Prints every report, the last argument's first, and returns the one-line errors of the
     * reports that could not be made (each left out, the others printed).
     */
    public List<String> draw(Appendable out) throws IOException {
        List<String> failed = new ArrayList<>();
        for (int i = taps.size() - 1; i >= 0; i--) {
            try {
                taps.get(i).draw(out);
            } catch (TapArgumentException e) {
                failed.add(e.getMessage());
            }
        }
        return failed;
    }
}
