package dev.tcpscope.present;

/**
 * The IPv4 route options (RFC 791 §3.1) as packet-ip.c decodes them: a pointer, then the
 * addresses, each named by where it stands against the pointer. In a loose or strict source
 * route the last address is the datagram's final destination ({@code ip.dst}) while the
 * pointer still points into the list; see {@link dev.tcpscope.wire.Ipv4OptionWalk}.
 */
final class Ipv4RouteOptions {
    private Ipv4RouteOptions() { }

    /** The pointer, or null after an expert item when it cannot point at an address. */
    private static DetailNode pointer(Ipv4Options w, DetailNode t, int ptr) {
        DetailNode p = w.at(t.field("ip.opt.ptr", "Pointer: " + ptr, ptr), 2, 1);
        if (ptr < 4) {
            Expert.add(p, "ip.opt.ptr.before_address", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                    "Pointer points before first address");
            return null;
        }
        if ((ptr & 3) != 0) {
            Expert.add(p, "ip.opt.ptr.middle_address", Expert.Severity.WARNING, Expert.Group.PROTOCOL,
                    "Pointer points to middle of address");
            return null;
        }
        return p;
    }

    /** Loose (131) and Strict (137) Source Route. */
    static void sourceRoute(Ipv4Options w, DetailNode t) {
        routeOption(w, t, true);
    }

    /** Record Route (7). */
    static void recordRoute(Ipv4Options w, DetailNode t) {
        routeOption(w, t, false);
    }

    /**
     * The addresses of a route option: those before the pointer (or all, once it points past
     * the end) were recorded; of a source route the last is the destination and the others are
     * still to visit, of a record route the others are empty slots.
     */
    private static void routeOption(Ipv4Options w, DetailNode t, boolean source) {
        int ptr = w.u8(2);
        DetailNode p = pointer(w, t, ptr);
        if (p == null) {
            return;
        }
        int len = w.optlen();
        for (int at = 3, left = len - 3; left > 0; left -= 4, at += 4) {
            if (left < 4) {
                Ipv4Options.subOptionTooLong(p);
                break;
            }
            String a = w.ipv4(at);
            if (ptr > len) {
                route(w, t, at, "ip.rec_rt", "Recorded Route", a, false);
            } else if (source && at == len - 4) {
                w.at(t.field("ip.dst", "Destination Address: " + a, a), at, 4);
                w.at(t.hidden("ip.addr", a), at, 4);
                w.at(t.hidden("ip.dst_host", a).generated(), at, 4);
                w.at(t.hidden("ip.host", a).generated(), at, 4);
            } else if (at + 1 < ptr) {
                route(w, t, at, "ip.rec_rt", "Recorded Route", a, false);
            } else if (source) {
                route(w, t, at, "ip.src_rt", "Source Route", a, at + 1 == ptr);
            } else {
                route(w, t, at, "ip.empty_rt", "Empty Route", a, at + 1 == ptr);
            }
        }
    }

    /** One address of a route with its hidden host name; "next" marks where the pointer points. */
    private static void route(Ipv4Options w, DetailNode t, int at, String key, String name, String a, boolean next) {
        w.at(t.field(key, name + ": " + a + (next ? " <- (next)" : ""), a), at, 4);
        // hidden, but with its label (proto_tree_add_string): PDML's showname
        w.at(t.hiddenField(key + "_host", name + " Host: " + a, a).generated(), at, 4);
    }
}
