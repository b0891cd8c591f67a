package dev.tcpscope.stats;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Wireshark's generic statistics tree (epan/stats_tree.c) as tshark prints it with
 * {@code -z NAME,tree} (ui/cli/tap-stats_tree.c): named nodes counted per tap call, pivots whose
 * children are created by value, and range nodes that sort a value into fixed bins, each with
 * count, average/min/max where values are kept, rate per millisecond of the tree's elapsed time,
 * share of its parent, and the burst rate over a sliding 100 ms window in 5 ms buckets
 * (Wireshark's default preferences). Children print by count, highest first, ties by name
 * (byte order, reversed with the order); ranges by their floor.
 *
 * <p>Memory is one node per distinct name (an address, a protocol) and up to 21 burst buckets
 * per node, never per frame.
 */
final class StatsTree {
    private static final int BURST_RESOLUTION_MS = 5;
    private static final int BURST_WINDOW_MS = 100;
    private static final int INDENT_MAX = 32;
    private static final int COLUMN = 12;
    private static final String[] HEADERS = {"Topic / Item", "Count", "Average", "Min Val", "Max Val",
            "Rate (ms)", "Percent", "Burst Rate", "Burst Start"};

    /** One node of the tree. */
    static final class Node {
        final String name;
        final Node parent;
        final boolean rootChild;
        final List<Node> children = new ArrayList<>();
        /** Children by name, for pivots and hashed parents (stats_tree's {@code with_hash}). */
        final Map<String, Node> byName;
        int counter;
        long total;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        boolean average;
        /** A STAT_DT_FLOAT node: its total, min and max are single-precision floats. */
        boolean floating;
        float floatTotal;
        float floatMin = Float.MAX_VALUE;
        float floatMax = Float.MIN_VALUE;
        /** A range node's bounds, inclusive; {@code null} otherwise. */
        int[] range;
        private final Burst burst = new Burst();

        Node(String name, Node parent, boolean hashed) {
            this.name = name;
            this.parent = parent;
            this.rootChild = parent != null && parent.parent == null;
            this.byName = hashed ? new HashMap<>() : null;
        }
    }

    /** The burst buckets of one node (update_burst_calc): counts per 5 ms bucket within the window. */
    private static final class Burst {
        private final java.util.ArrayDeque<double[]> buckets = new java.util.ArrayDeque<>(); // {bucket number, count, start ms}
        private int count;
        int max;
        double start = -1;

        Burst() {
            buckets.add(new double[] {0, 0, 0}); // stats_tree starts each list with an empty bucket 0
        }

        void add(double now, int value) {
            double bucket = Math.floor(now / BURST_RESOLUTION_MS);
            double window = (double) BURST_WINDOW_MS / BURST_RESOLUTION_MS;
            double[] head = buckets.peekFirst();
            double[] tail = buckets.peekLast();
            if (bucket == tail[0]) {
                // the common case, the frame's bucket is the newest one
                tail[1] += value;
                if (tail[2] > now) {
                    tail[2] = now;
                }
                count += value;
            } else if (bucket > tail[0]) {
                buckets.addLast(new double[] {bucket, value, now});
                count += value;
                while (bucket >= buckets.peekFirst()[0] + window) {
                    count -= (int) buckets.removeFirst()[1];
                }
            } else if (bucket < head[0]) {
                if (bucket + window > tail[0]) {
                    buckets.addFirst(new double[] {bucket, value, now});
                    count += value;
                }
            } else {
                List<double[]> list = new ArrayList<>(buckets);
                int i = list.size() - 1;
                while (bucket < list.get(i)[0]) {
                    i--;
                }
                if (bucket == list.get(i)[0]) {
                    list.get(i)[1] += value;
                    if (list.get(i)[2] > now) {
                        list.get(i)[2] = now;
                    }
                } else {
                    list.add(i + 1, new double[] {bucket, value, now});
                    buckets.clear();
                    buckets.addAll(list);
                }
                count += value;
            }
            if (count > max) {
                max = count;
                start = buckets.peekFirst()[2];
            }
        }
    }

    private final String title;
    private final Node root;
    private final Map<String, Node> named = new HashMap<>();
    private double start = -1;
    private double now;
    private double elapsed;

    /** A tree whose title is {@code title} (its last {@code /} part names the root's children row). */
    StatsTree(String title) {
        this.title = title;
        this.root = new Node(title, null, false);
    }

    /**
     * stats_tree_packet: every tap call moves the tree's clock to the frame's relative time, in
     * milliseconds ({@link dev.tcpscope.tcp.Decoder#relativeMillis}: nstime_to_msec of rel_ts).
     */
    void clock(double relativeMillis) {
        now = relativeMillis;
        if (start < 0) {
            start = now;
        }
        elapsed = now - start;
    }

    /** A named node under {@code parent} ({@code null}: the root), found later by name. */
    Node node(String name, Node parent, boolean hashed) {
        Node n = create(name, parent == null ? root : parent, hashed);
        named.put(name, n);
        return n;
    }

    /** A range node with one child per bin; the last bin's text ends at the floor ("N and greater"). */
    Node ranges(String name, List<String> bins) {
        Node r = node(name, null, false);
        for (int i = 0; i < bins.size(); i++) {
            Node b = create(bins.get(i), r, false);
            b.range = bounds(bins.get(i));
            if (i == bins.size() - 1 && b.range[0] == b.range[1]) {
                b.range[1] = Integer.MAX_VALUE;
            }
        }
        return r;
    }

    private Node create(String name, Node parent, boolean hashed) {
        Node n = new Node(name, parent, hashed);
        parent.children.add(n);
        if (parent.byName != null) {
            parent.byName.put(name, n);
        }
        return n;
    }

    /** tick_stat_node: adds one to the node {@code name} under {@code parent}, creating it if new. */
    Node tick(String name, Node parent) {
        return tick(name, parent, false);
    }

    /**
     * tick_stat_node with its {@code with_hash}: a node created here with {@code hashed} keeps its
     * children by name and is found by name from the root, as a parent node of stats_tree is.
     */
    Node tick(String name, Node parent, boolean hashed) {
        Node n = parent != null && parent.byName != null ? parent.byName.get(name) : named.get(name);
        if (n == null) {
            n = create(name, parent == null ? root : parent, hashed);
            if (hashed) {
                named.put(name, n);
            }
        }
        n.counter++;
        n.burst.add(now, 1);
        return n;
    }

    /** stats_tree_tick_pivot: counts the pivot and its child for {@code value}. */
    void tickPivot(Node pivot, String value) {
        pivot.counter++;
        pivot.burst.add(now, 1);
        tick(value, pivot);
    }

    /** stats_tree_tick_range: the range node keeps the value's average; the bin holding it counts it. */
    void tickRange(Node ranges, int value) {
        keep(ranges, value);
        for (Node b : ranges.children) {
            if (value >= b.range[0] && value <= b.range[1]) {
                b.counter++;
                keep(b, value);
                b.burst.add(now, 1);
                return;
            }
        }
    }

    /**
     * avg_stat_node_add_value_int: counts the node {@code name} (found by name, as a node of the
     * root is) and keeps {@code value} for its average, min and max.
     */
    void average(String name, int value) {
        Node n = named.get(name);
        if (n == null) {
            n = node(name, null, false);
        }
        n.counter++;
        n.burst.add(now, 1);
        keep(n, value);
    }

    /** avg_stat_node_add_value_float on a node made floating by {@link #floating}. */
    void average(String name, float value) {
        Node n = named.get(name);
        n.counter++;
        n.burst.add(now, 1);
        n.floatTotal += value;
        n.floatMin = Math.min(n.floatMin, value);
        n.floatMax = Math.max(n.floatMax, value);
        n.average = true;
    }

    /** Makes {@code n} a STAT_DT_FLOAT node. */
    static Node floating(Node n) {
        n.floating = true;
        return n;
    }

    private static void keep(Node n, int value) {
        n.total += value;
        n.min = Math.min(n.min, value);
        n.max = Math.max(n.max, value);
        n.average = true;
    }

    /** The bounds of a bin text as stats_tree's get_range reads it: "a-b", or "a" alone. */
    private static int[] bounds(String text) {
        int dash = text.indexOf('-');
        int floor = leadingInt(dash < 0 ? text : text.substring(0, dash));
        int ceil = dash < 0 ? floor : leadingInt(text.substring(dash + 1));
        return new int[] {floor, ceil};
    }

    private static int leadingInt(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, Long.parseLong(s.substring(0, i)));
    }

    /** stats_tree_format_as_str in its plain format, sorted by count, highest first. */
    void draw(Appendable out) throws IOException {
        int width = maxNameLength(root, 0);
        int lineLength = width + (HEADERS.length - 1) * (COLUMN + 2);
        String equals = "=".repeat(lineLength);
        String dashes = "-".repeat(lineLength);
        StringBuilder sb = new StringBuilder();
        sb.append('\n').append(equals).append('\n').append(title).append(":\n");
        pad(sb, HEADERS[0], width);
        for (int c = 1; c < HEADERS.length; c++) {
            sb.append(' ');
            pad(sb, HEADERS[c], COLUMN + 1);
        }
        sb.append('\n').append(dashes).append('\n');
        for (Node n : root.children) {
            row(sb, n, 0, width);
        }
        sb.append('\n').append(dashes).append('\n');
        out.append(sb);
    }

    private void row(StringBuilder sb, Node n, int indent, int width) {
        sb.append(" ".repeat(indent));
        pad(sb, displayName(n), width - indent);
        for (String v : values(n)) {
            sb.append(' ');
            pad(sb, v, COLUMN + 1);
        }
        sb.append('\n');
        int next = Math.min(indent + 1, INDENT_MAX);
        List<Node> sorted = new ArrayList<>(n.children);
        sorted.sort(StatsTree::compare);
        for (Node c : sorted) {
            row(sb, c, next, width);
        }
    }

    /** stats_tree_sort_compare for the count column, descending, with fixed-order ranges. */
    private static int compare(Node a, Node b) {
        if (a.range != null && b.range != null) {
            return Integer.compare(a.range[0], b.range[0]);
        }
        int r = Integer.compare(a.counter, b.counter);
        if (r == 0) {
            r = compareBytes(a.name, b.name);
        }
        return -r;
    }

    private static int compareBytes(String a, String b) {
        byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }

    /** The column values of stats_tree_get_values_from_node, after the name. */
    private String[] values(Node n) {
        String[] v = new String[HEADERS.length - 1];
        v[0] = Integer.toUnsignedString(n.counter);
        boolean kept = n.average || n.range != null;
        if (kept) {
            if (n.counter != 0 && n.floating) {
                v[1] = Cfmt.fixed(n.floatTotal / n.counter, 2);
                v[2] = Cfmt.fixed(n.floatMin, 6);
                v[3] = Cfmt.fixed(n.floatMax, 6);
            } else if (n.counter != 0) {
                v[1] = Cfmt.fixed((float) n.total / n.counter, 2);
                v[2] = Integer.toString(n.min);
                v[3] = Integer.toString(n.max);
            } else {
                v[1] = v[2] = v[3] = "-";
            }
        } else {
            v[1] = v[2] = v[3] = "";
        }
        v[4] = elapsed != 0 ? Cfmt.fixed((float) n.counter / elapsed, 4) : "";
        if (n.parent != null && n.parent.counter != 0) {
            v[5] = Cfmt.fixed(n.counter * 100.0 / n.parent.counter, 2) + "%";
        } else {
            v[5] = n.parent == root ? "100%" : "";
        }
        if (n.burst.max != 0) {
            v[6] = Cfmt.fixed((double) n.burst.max / BURST_WINDOW_MS, 4);
            v[7] = Cfmt.fixed(n.burst.start / 1000.0, 3);
        } else {
            v[6] = v[7] = "-";
        }
        return v;
    }

    private String displayName(Node n) {
        return n.rootChild ? lastPart(n.name) : n.name;
    }

    /** stats_tree_get_displayname: the part after the last {@code /} ({@code //} is a slash). */
    static String lastPart(String full) {
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < full.length(); i++) {
            char c = full.charAt(i);
            if (c == '/') {
                if (i + 1 < full.length() && full.charAt(i + 1) == '/') {
                    part.append('/');
                    i++;
                } else {
                    part.setLength(0);
                }
            } else {
                part.append(c);
            }
        }
        return part.toString();
    }

    private int maxNameLength(Node n, int indent) {
        indent = Math.min(indent, INDENT_MAX);
        int max = 0;
        for (Node c : n.children) {
            max = Math.max(max, maxNameLength(c, indent + 1));
        }
        int own = (n == root ? lastPart(n.name) : displayName(n)).length() + indent;
        return Math.max(max, own);
    }

    private static void pad(StringBuilder sb, String s, int width) {
        sb.append(s);
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
    }
}
