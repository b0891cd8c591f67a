package dev.tcpscope.filter;

import com.google.re2j.Pattern;

/**
 * What an unparsed word looks like. Wireshark 4.0 lexes {@code 1.2.3.4}, {@code aa:bb} or
 * {@code tcp.port} alike as words whose meaning the checker decides from the field they are
 * compared with (a word may also name a field or a protocol). The shape is a hint derived from
 * the text alone, first match in declaration order wins; the text itself stays authoritative.
 */
public enum Shape {
    /** Six hex pairs split by {@code :}, {@code -} or {@code .}, or three dot-separated quads. */
    MAC,
    /** Dotted quad, optionally with a CIDR prefix length {@code /n}. */
    IPV4,
    /** Decimal, {@code 0x} hex, {@code 0b} binary or {@code 0}-led octal. */
    INTEGER,
    /** {@code 1.5}, {@code 1e3}, {@code 2.5e-3}. */
    FLOAT,
    /** RFC 4291 §2.2 text form, optionally with a prefix length {@code /n}. */
    IPV6,
    /** Hex pairs split by {@code :}, {@code -} or {@code .}, or a {@code :}-led hex run. */
    BYTES,
    /** Looks like a protocol or field name ({@code tcp.flags.syn}, {@code mac-lte}, {@code 9p}). */
    NAME,
    /** Anything else; only the checker can say. */
    OTHER;

    private static final String H2 = "[0-9A-Fa-f]{2}";
    private static final Pattern MAC_RE = Pattern.compile(
            H2 + "(?:(:)" + H2 + "){5}|" + H2 + "(?:-" + H2 + "){5}|" + H2 + "(?:\\." + H2 + "){5}"
                    + "|[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}");
    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4_RE = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}(?:/[0-9]{1,2})?");
    private static final Pattern INTEGER_RE = Pattern.compile("[0-9]+|0[xX][0-9A-Fa-f]+|0[bB][01]+");
    private static final Pattern FLOAT_RE = Pattern.compile("[0-9]+(?:\\.[0-9]+)?(?:[eE][-]?[0-9]+)?");
    private static final Pattern BYTES_RE = Pattern.compile(
            H2 + "(?::" + H2 + ")+|" + H2 + "(?:-" + H2 + ")+|" + H2 + "(?:\\." + H2 + ")+|:[0-9A-Fa-f]+|" + H2 + ":");
    private static final Pattern NAME_RE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*");

    /** The shape of a word's text. */
    public static Shape of(String text) {
        if (MAC_RE.matcher(text).matches()) {
            return MAC;
        }
        if (IPV4_RE.matcher(text).matches()) {
            return IPV4;
        }
        if (INTEGER_RE.matcher(text).matches()) {
            return INTEGER;
        }
        if (FLOAT_RE.matcher(text).matches()) {
            return FLOAT;
        }
        if (isIpv6(text)) {
            return IPV6;
        }
        if (BYTES_RE.matcher(text).matches()) {
            return BYTES;
        }
        if (NAME_RE.matcher(text).matches() && text.chars().anyMatch(Character::isLetter)) {
            return NAME;
        }
        return OTHER;
    }

    /** RFC 4291 §2.2: eight groups of 1–4 hex digits, one {@code ::}, an IPv4 tail allowed. */
    static boolean isIpv6(String text) {
        String addr = text;
        int slash = text.indexOf('/');
        if (slash >= 0) {
            String bits = text.substring(slash + 1);
            if (!bits.matches("[0-9]{1,3}")) {
                return false;
            }
            addr = text.substring(0, slash);
        }
        int gap = addr.indexOf("::");
        if (gap >= 0 && addr.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        String[] halves = gap >= 0
                ? new String[] {addr.substring(0, gap), addr.substring(gap + 2)}
                : new String[] {addr};
        int groups = 0;
        for (int h = 0; h < halves.length; h++) {
            if (halves[h].isEmpty()) {
                continue;
            }
            String[] parts = halves[h].split(":", -1);
            for (int i = 0; i < parts.length; i++) {
                boolean last = h == halves.length - 1 && i == parts.length - 1;
                if (last && IPV4_RE.matcher(parts[i]).matches() && !parts[i].contains("/")) {
                    groups += 2;
                } else if (parts[i].matches("[0-9A-Fa-f]{1,4}")) {
                    groups++;
                } else {
                    return false;
                }
            }
        }
        return gap >= 0 ? groups <= 7 : groups == 8;
    }
}
