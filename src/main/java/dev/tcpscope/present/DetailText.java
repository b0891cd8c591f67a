package dev.tcpscope.present;

import java.util.Set;

/**
 * Prints a detail tree as {@code tshark -V} does (Wireshark's {@code proto_tree_print}): one
 * line per visible item, four spaces of indentation per level (at most 160), generated items in brackets,
 * hidden items and their subtrees left out.
 *
 * <p>With {@code -O}, only the protocols named are expanded; the others print their one line.
 * Without {@code -x}, an expanded {@code data} protocol is followed by a blank line and the hex
 * dump of its bytes, as tshark shows undissected data.
 */
public final class DetailText {
    private final Set<String> only;
    private final boolean hexForData;

    /**
     * @param only       the protocols to expand ({@code -O}), or null for all
     * @param hexForData whether to dump the bytes of {@code data} items (true unless {@code -x})
     */
    public DetailText(Set<String> only, boolean hexForData) {
        this.only = only;
        this.hexForData = hexForData;
    }

    /** Appends the tree under {@code root}, every line ending in '\n'. */
    public void append(StringBuilder out, DetailNode root) {
        LineWriter.into(out, w -> write(w, root));
    }

    /** Writes the tree under {@code root}, every line ending in '\n'. */
    public void write(LineWriter out, DetailNode root) throws java.io.IOException {
        for (int i = 0; i < root.childCount(); i++) {
            DetailNode n = root.child(i);
            node(out, n, 0);
        }
    }

    /** print.c's MAX_INDENT: items deeper than 40 levels are printed at the 40th level's indentation. */
    private static final int MAX_INDENT = 160;

    private void node(LineWriter out, DetailNode n, int level) throws java.io.IOException {
        if (n.isHidden()) {
            return;
        }
        out.spaces(Math.min(4 * level, MAX_INDENT));
        if (n.isGenerated()) {
            out.ascii('[');
            out.text(n.label());
            out.ascii(']');
        } else {
            out.text(n.label());
        }
        out.newline();
        if (only != null && level == 0 && !only.contains(n.key())) {
            return;
        }
        if (hexForData && n.data() != null) {
            out.newline();
            HexDump.write(out, n.data(), n.dataOffset(), n.dataLength());
        }
        for (int i = 0; i < n.childCount(); i++) {
            DetailNode c = n.child(i);
            node(out, c, level + 1);
        }
    }
}
