package dev.tcpscope.proto.dns;

import dev.tcpscope.proto.Tvb;

/**
 * packet-dns.c's {@code get_dns_name} for the protocols that carry DNS-encoded names outside DNS
 * (packet-nbt.c's NBNS): the same bounded walk over labels and compression pointers as
 * {@link DnsName}, over another protocol's bytes. A read past the bytes, or a name shorter than
 * get_dns_name allows, stops the walk with {@link Tvb.Stop}.
 */
public final class DnsNames {
    private DnsNames() { }

    /**
     * A name as get_dns_name returns it: its bytes one char per byte (not escaped; "&lt;Root&gt;"
     * and the loop and length texts as packet-dns.c writes them) and the bytes it takes where it
     * was read (up to its first pointer).
     */
    public record Name(String raw, int used) { }

    /** get_dns_name at {@code offset} of {@code t}; pointers count from {@code dataOffset}. */
    public static Name read(Tvb t, int offset, int dataOffset) {
        DnsName n = DnsName.read(t, offset, dataOffset); // t's own checks (NBNS's tvbuff order)
        return new Name(n.name, n.used);
    }

    /** format_text: how an item's label shows a string's bytes. */
    public static String formatText(CharSequence text) {
        return DnsBytes.formatText(text);
    }
}
