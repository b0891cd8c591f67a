package dev.tcpscope.stats;

import dev.tcpscope.field.FieldTable;
import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.proto.http.HttpTap;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Dissection;

import java.util.List;

/**
 * packet-http.c's statistics trees: {@code -z http,tree} ("HTTP/Packet Counter": messages by
 * response class and code, requests by method, other data), {@code -z http_req,tree}
 * ("HTTP/Requests": requests by Host and URI) and {@code -z http_srv,tree} ("HTTP/Load
 * Distribution": requests by server address and Host, responses by server address, OK or KO),
 * each with an optional filter after {@code tree,}. They listen on the HTTP tap, which packet-http.c
 * queues once per message it dissects, continuation data included.
 */
final class HttpTrees {
    private HttpTrees() { }

    static Tap parse(String command, String arg, FieldTable table) {
        String f = arg.length() > command.length() && arg.charAt(command.length()) == ',' ? arg.substring(command.length() + 1) : null;
        String title = switch (command) {
            case "http,tree" -> "HTTP/Packet Counter";
            case "http_req,tree" -> "HTTP/Requests";
            default -> "HTTP/Load Distribution";
        };
        DisplayFilter filter = Taps.filter(f, table, "tcpscope: stats_tree for: " + title + " failed to attach to the tap: ", "", 0);
        return switch (command) {
            case "http,tree" -> new Counter(title, f, filter);
            case "http_req,tree" -> new Requests(title, f, filter);
            default -> new Load(title, f, filter);
        };
    }

    private abstract static class HttpTree extends StatsTreeTap {
        HttpTree(String title, String filterText, DisplayFilter filter) {
            super(title, filterText, filter);
        }

        @Override
        public final void packet(Decoder d) {
            List<HttpTap> messages = HttpTap.of(d);
            if (messages.isEmpty() || !passes(d)) {
                return;
            }
            for (HttpTap m : messages) {
                tree.clock(d.relativeMillis());
                message(d, m);
            }
        }

        abstract void message(Decoder d, HttpTap m);
    }

    /** http_stats_tree_init and _packet. */
    private static final class Counter extends HttpTree {
        private static final String PACKETS = "Total HTTP Packets";
        private final StatsTree.Node packets;
        private final StatsTree.Node requests;
        private final StatsTree.Node responses;
        private final StatsTree.Node[] classes = new StatsTree.Node[6];
        private final StatsTree.Node other;

        Counter(String title, String filterText, DisplayFilter filter) {
            super(title, filterText, filter);
            packets = tree.node(PACKETS, null, true);
            requests = tree.node("HTTP Request Packets", packets, true);
            responses = tree.node("HTTP Response Packets", packets, true);
            String[] names = {"???: broken", "1xx: Informational", "2xx: Success", "3xx: Redirection",
                "4xx: Client Error", "5xx: Server Error"};
            for (int i = 0; i < names.length; i++) {
                classes[i] = tree.node(names[i], responses, true);
            }
            other = tree.node("Other HTTP Packets", packets, false);
        }

        @Override
        void message(Decoder d, HttpTap m) {
            tree.tick(PACKETS, null);
            int code = m.statusCode();
            if (code != 0) {
                tree.tick(responses.name, packets);
                int group = code < 100 || code >= 600 ? 0 : code / 100;
                tree.tick(classes[group].name, responses);
                String text = HttpTap.describe(code);
                tree.tick(code + " " + (text != null ? text : "Unknown (" + code + ")"), classes[group]);
            } else if (m.method() != null) {
                tree.tickPivot(requests, m.method());
            } else {
                tree.tick(other.name, packets);
            }
        }
    }

    /** http_req_stats_tree_init and _packet. */
    private static final class Requests extends HttpTree {
        private static final String BY_HOST = "HTTP Requests by HTTP Host";
        private final StatsTree.Node byHost;

        Requests(String title, String filterText, DisplayFilter filter) {
            super(title, filterText, filter);
            byHost = tree.node(BY_HOST, null, true);
        }

        @Override
        void message(Decoder d, HttpTap m) {
            if (m.method() == null) {
                return;
            }
            tree.tick(BY_HOST, null);
            if (m.host() != null) {
                StatsTree.Node host = tree.tick(m.host(), byHost, true);
                if (m.uri() != null) {
                    tree.tick(m.uri(), host, true);
                }
            }
        }
    }

    /** http_reqs_stats_tree_init and _packet. */
    private static final class Load extends HttpTree {
        private static final String REQUESTS = "HTTP Requests by Server";
        private static final String BY_ADDRESS = "HTTP Requests by Server Address";
        private static final String BY_HOST = "HTTP Requests by HTTP Host";
        private static final String RESPONSES = "HTTP Responses by Server Address";
        private final StatsTree.Node requests;
        private final StatsTree.Node byAddress;
        private final StatsTree.Node byHost;
        private final StatsTree.Node responses;

        Load(String title, String filterText, DisplayFilter filter) {
            super(title, filterText, filter);
            requests = tree.node(REQUESTS, null, true);
            byAddress = tree.node(BY_ADDRESS, requests, true);
            byHost = tree.node(BY_HOST, requests, true);
            responses = tree.node(RESPONSES, null, true);
        }

        @Override
        void message(Decoder d, HttpTap m) {
            int code = m.statusCode();
            if (m.method() != null) {
                String address = address(d, false);
                tree.tick(REQUESTS, null);
                tree.tick(BY_ADDRESS, requests, true);
                tree.tick(BY_HOST, requests, true);
                StatsTree.Node byThisAddress = tree.tick(address, byAddress, true);
                if (m.host() != null) {
                    StatsTree.Node byThisHost = tree.tick(m.host(), byHost, true);
                    tree.tick(address, byThisHost);
                    tree.tick(m.host(), byThisAddress);
                }
            } else if (code != 0) {
                StatsTree.Node byThisAddress;
                tree.tick(RESPONSES, null);
                byThisAddress = tree.tick(address(d, true), responses, true);
                tree.tick(code > 100 && code < 400 ? "OK" : "KO", byThisAddress);
            }
        }
    }

    /** pinfo->src (true) or pinfo->dst of the frame: its innermost IP header's. */
    private static String address(Decoder d, boolean source) {
        Dissection x = d.dissection();
        int ip = Net.innermostIp(x);
        if (ip < 0) {
            return "";
        }
        return Net.text(source ? Net.source(x, ip) : Net.destination(x, ip));
    }
}
