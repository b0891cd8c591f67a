package dev.tcpscope.proto.dns;

/**
 * A domain name read from a message (RFC 1035 §4.1.4, with compression pointers; RFC 2673
 * bitstring labels), as packet-dns.c's {@code expand_dns_name} / {@code get_dns_name} read it:
 * at most 255 characters are kept ({@code <Name too long>} past that), a pointer to itself or
 * more than 255 pointers is {@code <Name contains a pointer that loops>}, the empty name is
 * {@code <Root>}, and a label type 0x80 or a read past the bytes stops the walk
 * ({@link DnsBytes.Stop}). The work is bounded: each pointer followed reads at most the
 * message once, and at most 256 pointers are followed.
 */
final class DnsName {
    /** packet-dns.h MAX_DNAME_LEN. */
    private static final int MAX = 255;
    /** packet-dns.c MIN_DNAME_LEN. */
    private static final int MIN_LEN = 2;

    /** The name as bytes (one char per byte); see {@link #text()} for how it is shown. */
    String name;
    /** Wireshark's name_len: the bytes of the name (0 for the root). */
    int length;
    /** The bytes the name takes where it was read (up to its first pointer). */
    int used;
    /** The characters of plain labels and dots in the name: expand_dns_name's name_len, which leaves bitstring labels out. */
    private int plain;
    /** The name is one of expand_dns_name's texts ("&lt;Name too long&gt;" ...), whose name_len is its length. */
    private boolean special;

    /** {@code format_text} of the name, as the Info column and the tree show it. */
    String text() {
        return DnsBytes.formatText(name);
    }

    /** get_dns_name at {@code offset}; {@code dataOffset} is where pointers count from. */
    static DnsName read(dev.tcpscope.proto.Tvb b, int offset, int dataOffset) {
        DnsName n = new DnsName();
        n.expand(b, offset, dataOffset);
        if (n.name.isEmpty() && n.used <= MIN_LEN) {
            n.name = "<Root>";
            n.length = 6;
            return n;
        }
        // 4.0.17 counts in name_len the labels' characters and dots, not a bitstring label's text
        if (n.used < MIN_LEN || n.used > MIN_LEN && (n.length == 0 || n.plain == 0 && !n.special)) {
            throw DnsBytes.Stop.MALFORMED;
        }
        return n;
    }

    private void expand(dev.tcpscope.proto.Tvb b, int start, int dataOffset) {
        StringBuilder np = new StringBuilder(64);
        int maxname = MAX;
        int offset = start;
        int len = -1;
        int pointers = 0;
        boolean first = true;
        for (;;) {
            int component = b.u8(offset);
            offset++;
            if (component == 0) {
                break;
            }
            switch (component & 0xc0) {
                case 0x00 -> {
                    if (!first) {
                        if (maxname > 0) {
                            np.append('.');
                            plain++;
                            maxname--;
                        }
                    } else {
                        maxname--;
                    }
                    first = false;
                    // read one by one (and only while kept), as the first missing byte decides the exception
                    for (int k = 0; k < component; k++) {
                        if (maxname > 0) {
                            np.append((char) b.u8(offset));
                            plain++;
                            maxname--;
                        }
                        offset++;
                    }
                }
                case 0x40 -> {
                    if ((component & 0x3f) == 0x01) {
                        int bits = b.u8(offset);
                        offset++;
                        int labelLen = (bits - 1) / 8 + 1;
                        StringBuilder piece = new StringBuilder("\\[x");
                        for (int k = 0; k < labelLen; k++) {
                            piece.append(String.format("%02x", b.u8(offset)));
                            offset++;
                        }
                        piece.append('/').append(bits).append(']');
                        // snprintf into the room left: all or nothing, then nothing more
                        if (maxname > 0) {
                            if (piece.length() <= maxname) {
                                np.append(piece);
                                maxname -= piece.length();
                            } else {
                                maxname = 0;
                            }
                        }
                        first = false;
                    } else {
                        name = "<Unknown extended label>";
                        length = name.length();
                        special = true;
                        used = offset - start;
                        if (used < 1) {
                            throw DnsBytes.Stop.MALFORMED;
                        }
                        return;
                    }
                }
                case 0x80 -> throw DnsBytes.Stop.MALFORMED;
                default -> {
                    int target = dataOffset + ((component & 0x3f) << 8 | b.u8(offset));
                    offset++;
                    pointers++;
                    if (len < 0) {
                        len = offset - start;
                    }
                    if (target == offset + 2 || pointers > MAX) {
                        name = "<Name contains a pointer that loops>";
                        length = name.length();
                        special = true;
                        used = len;
                        if (used < 1) {
                            throw DnsBytes.Stop.MALFORMED;
                        }
                        return;
                    }
                    offset = target;
                }
            }
        }
        if (maxname > 0) {
            name = np.toString();
            length = np.length();
        } else {
            name = "<Name too long>";
            length = name.length();
            special = true;
        }
        used = len < 0 ? offset - start : len;
    }

    /** qname_labels_count: the dots plus one, for a name longer than one byte. */
    int labels() {
        if (length <= 1) {
            return 0;
        }
        int n = 1;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.') {
                n++;
            }
        }
        return n;
    }
}
