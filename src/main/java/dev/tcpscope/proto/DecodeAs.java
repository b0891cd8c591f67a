package dev.tcpscope.proto;

import dev.tcpscope.tcp.PduDissector;

/**
 * tshark's {@code -d layer_type==selector,protocol} (epan/decode_as.c, ui/decode_as_utils.c) for
 * the tables tcpscope has: {@code tcp.port}, with a port or a range {@code a-b}. The messages are
 * tshark's first line, so a wrong rule reads the same in both tools.
 */
final class DecodeAs {
    private DecodeAs() { }

    static String apply(DissectorTable t, String rule) {
        String r = rule;
        int eq = r.indexOf("==");
        if (eq < 0) {
            int single = r.indexOf('=');
            if (single < 0) {
                return "Parameter \"" + rule + "\" doesn't follow the template \"<layer_type>==<selector>,<decode_as_protocol>\"";
            }
            r = r.substring(0, single) + "=" + r.substring(single); // tshark warns and carries on
            eq = single;
        }
        String layer = r.substring(0, eq).strip();
        String rest = r.substring(eq + 2);
        if (!layer.equals("tcp.port")) {
            return "Unknown layer type -- " + layer + " (tcpscope decodes as on tcp.port only)";
        }
        int comma = rest.indexOf(',');
        if (comma < 0) {
            return "Parameter \"" + rule + "\" doesn't follow the template \"<layer_type>==<selector>,<decode_as_protocol>\"";
        }
        String selector = rest.substring(0, comma).strip();
        String proto = rest.substring(comma + 1).strip();
        PduDissector d = t.byName(proto);
        if (d == null && !proto.equals("data") && !proto.equals("(none)")) {
            return "Unknown protocol -- \"" + proto + "\" (tcpscope decodes tcp.port as: http, tls, data)";
        }
        int lo;
        int hi;
        try {
            int dash = selector.indexOf('-');
            int colon = selector.indexOf(':');
            if (dash > 0) {
                lo = Integer.parseInt(selector.substring(0, dash));
                hi = Integer.parseInt(selector.substring(dash + 1));
            } else if (colon > 0) {
                lo = Integer.parseInt(selector.substring(0, colon));
                hi = lo + Integer.parseInt(selector.substring(colon + 1)) - 1;
            } else {
                lo = Integer.parseInt(selector);
                hi = lo;
            }
        } catch (NumberFormatException e) {
            return "Invalid selector number \"" + selector + "\"";
        }
        if (lo < 0 || hi > 65535 || lo > hi) {
            return "Invalid selector number \"" + selector + "\"";
        }
        for (int p = lo; p <= hi; p++) {
            t.decodeAs(p, d);
        }
        return null;
    }
}
