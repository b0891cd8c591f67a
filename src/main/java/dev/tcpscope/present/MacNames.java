package dev.tcpscope.present;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ethernet address names as tshark shows them with its default MAC name resolution.
 *
 * <p>Not thread-safe (it keeps a small LRU cache): use one instance per reading thread.
 *
 * <p>The data is Wireshark's: {@code manuf} (IEEE OUI short names, plus MA-M {@code /28} and
 * MA-S {@code /36} blocks), {@code wka} (well-known addresses and ranges) and {@code /etc/ethers}.
 * The resolution order matches tshark 4.0.17, checked against it:
 * <ol>
 *   <li>an exact 48-bit name ({@code /etc/ethers}, then full addresses in wka/manuf);</li>
 *   <li>a range entry, trying prefix lengths 47 down to 24; the first prefix length at which the
 *       address, masked, equals an entry's address (as written in the file) wins. Because entries
 *       are stored with zero host bits, {@code 01:00:5e:00:00:fb} already matches
 *       {@code 01-00-5E/25} at length 40, which is why tshark prints {@code IPv4mcast_fb};</li>
 *   <li>the 24-bit OUI, then the OUI with the group bit cleared ({@code VMware_aa:bb:cc});</li>
 *   <li>range entries at prefix lengths 23 down to 1;</li>
 *   <li>otherwise the plain address.</li>
 * </ol>
 * For a range matched at prefix length {@code m} the suffix is the bytes from {@code m/8} on, the
 * first of them masked to its low {@code 8 - m%8} bits, as two-digit hex joined by colons.
 */
public final class MacNames {
    /** tshark keeps names in 64-byte buffers: at most 63 characters survive. */
    private static final int MAX_NAME = 63;
    private static final int CACHE_SIZE = 4096;
    private static final MacNames NONE = new MacNames(new byte[0], new MacTable(1), new MacTable(1), new MacTable(1),
            new MacTable(1), new MacTable(1), false);

    /** Every file read, one after the other; the tables hold offsets of names into it. */
    private final byte[] text;
    private final MacTable ethers;
    private final MacTable exact;
    private final MacTable ranges;
    private final MacTable ouis;
    /** manuf's whole-OUI lines (not wka's), for {@link #ouiNames()}: offsets of their line starts. */
    private final MacTable ouiLines;
    private final boolean loaded;
    private final Map<Long, String> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
            return size() > CACHE_SIZE;
        }
    };
    private OuiNames ouiNames;

    private MacNames(byte[] text, MacTable ethers, MacTable exact, MacTable ranges, MacTable ouis,
                     MacTable ouiLines, boolean loaded) {
        this.text = text;
        this.ethers = ethers;
        this.exact = exact;
        this.ranges = ranges;
        this.ouis = ouis;
        this.ouiLines = ouiLines;
        this.loaded = loaded;
    }

    /**
     * Loads Wireshark's manuf and wka files from /usr/share/wireshark (or the directory in env
     * TCPSCOPE_WIRESHARK_DATA) when present; otherwise resolves nothing. Also /etc/ethers like
     * tshark if present.
     */
    public static MacNames system() {
        String dir = System.getenv("TCPSCOPE_WIRESHARK_DATA");
        return load(Path.of(dir != null && !dir.isEmpty() ? dir : "/usr/share/wireshark"),
                Path.of("/etc/ethers"));
    }

    /** A resolver that never resolves (for -n style output and tests). */
    public static MacNames none() {
        return NONE;
    }

    /**
     * Loads {@code manuf} and {@code wka} from {@code dataDir} and, when it exists, an ethers file.
     * Missing files are skipped; with no manuf and no wka the result resolves nothing.
     *
     * <p>One scan of each file, keeping only where each name starts: the names are made when an
     * address asks for them. Every -V of an Ethernet capture loads manuf's 50,000 lines in a cold
     * JVM, where maps of boxed keys and a String per line cost half a second.
     */
    public static MacNames load(Path dataDir, Path ethersFile) {
        byte[] manuf = readable(dataDir.resolve("manuf"));
        byte[] wka = readable(dataDir.resolve("wka"));
        byte[] eth = ethersFile == null ? null : readable(ethersFile);
        int size = length(manuf) + length(wka) + length(eth);
        byte[] text = new byte[size];
        MacTable ethers = new MacTable(64);
        MacTable exact = new MacTable(1024);
        MacTable ranges = new MacTable(1 << 15);
        MacTable ouis = new MacTable(1 << 16);
        MacTable ouiLines = new MacTable(1 << 16);
        boolean any = false;
        int at = 0;
        // Later lines replace earlier ones, and wka is read after manuf, as tshark does.
        if (manuf != null) {
            System.arraycopy(manuf, 0, text, at, manuf.length);
            any |= read(text, at, at + manuf.length, exact, ranges, ouis, ouiLines, true);
            at += manuf.length;
        }
        if (wka != null) {
            System.arraycopy(wka, 0, text, at, wka.length);
            any |= read(text, at, at + wka.length, exact, ranges, ouis, null, true);
            at += wka.length;
        }
        if (eth != null) {
            // /etc/ethers wins over every other source; in it the first line for an address counts.
            System.arraycopy(eth, 0, text, at, eth.length);
            read(text, at, at + eth.length, ethers, new MacTable(16), new MacTable(16), null, false);
            any |= ethers.size() > 0;
        }
        if (!any) return NONE;
        return new MacNames(text, ethers, exact, ranges, ouis, ouiLines, true);
    }

    private static byte[] readable(Path p) {
        if (!Files.isReadable(p)) return null;
        try {
            return Files.readAllBytes(p);
        } catch (IOException | RuntimeException ex) {
            return null; // an unreadable file resolves nothing; tshark also carries on silently
        }
    }

    private static int length(byte[] b) {
        return b == null ? 0 : b.length;
    }

    /** The organisation names of whole OUIs in manuf ({@code eth.*.oui_resolved}). */
    OuiNames ouiNames() {
        if (ouiNames == null) {
            ouiNames = loaded ? new OuiNames(text, ouiLines) : OuiNames.none();
        }
        return ouiNames;
    }

    /** The organisation name of a whole OUI in manuf (get_manuf_name_if_known, BASE_OUI's name), or null. */
    public String ouiName(int oui) {
        return ouiNames().name(oui);
    }

    /** Whether names were loaded. */
    public boolean loaded() {
        return loaded;
    }

    /**
     * The column text for the 6-byte address at seg[off..off+6): "Broadcast", "Cisco_12:34:56",
     * "IPv4mcast_01", or "00:1b:..." exactly as tshark 4.0.17 prints it. Results are cached.
     */
    public String name(MemorySegment seg, long off) {
        long mac = 0;
        for (int i = 0; i < 6; i++) {
            mac = (mac << 8) | Byte.toUnsignedLong(seg.get(ValueLayout.JAVA_BYTE, off + i));
        }
        return name(mac);
    }

    /** The same for an address given as its 48-bit value (first byte most significant). */
    public String name(long mac) {
        String cached = cache.get(mac);
        if (cached == null) {
            cached = loaded ? resolve(mac) : plain(mac);
            cache.put(mac, cached);
        }
        return cached;
    }

    private String resolve(long mac) {
        int at = ethers.get(mac);
        if (at < 0) at = exact.get(mac);
        if (at >= 0) return clip(nameAt(at));
        for (int m = 47; m >= 24; m--) {
            at = ranges.get(mac & prefixMask(m));
            if (at >= 0) return withSuffix(nameAt(at), mac, m);
        }
        long oui = mac >>> 24;
        at = ouis.get(oui);
        if (at < 0 && (oui & 0x010000) != 0) at = ouis.get(oui & 0xfeffff);
        if (at >= 0) return withSuffix(nameAt(at), mac, 24);
        for (int m = 23; m >= 1; m--) {
            at = ranges.get(mac & prefixMask(m));
            if (at >= 0) return withSuffix(nameAt(at), mac, m);
        }
        return plain(mac);
    }

    private static long prefixMask(int bits) {
        return (0xFFFF_FFFF_FFFFL << (48 - bits)) & 0xFFFF_FFFF_FFFFL;
    }

    private static String withSuffix(String name, long mac, int prefixBits) {
        StringBuilder sb = new StringBuilder(name.length() + 18).append(name).append('_');
        int first = prefixBits / 8;
        for (int i = first; i < 6; i++) {
            int b = (int) (mac >>> (8 * (5 - i))) & 0xff;
            if (i == first) {
                b &= 0xff >>> (prefixBits % 8);
            } else {
                sb.append(':');
            }
            AddressText.appendHex8(sb, b);
        }
        return clip(sb.toString());
    }

    private static String clip(String s) {
        return s.length() > MAX_NAME ? s.substring(0, MAX_NAME) : s;
    }

    private static String plain(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) sb.append(':');
            AddressText.appendHex8(sb, (int) (mac >>> (8 * (5 - i))) & 0xff);
        }
        return sb.toString();
    }

    /** The name that starts at {@code at} of the text: up to a blank, a '#' or the line's end. */
    private String nameAt(int at) {
        int end = at;
        while (end < text.length && !blank(text[end]) && text[end] != '#' && text[end] != '\n') {
            end++;
        }
        return new String(text, at, end - at, StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads one ethers-format file, b[from, to): "address name [comment]", where the address has
     * 3 to 6 hex bytes separated by ':', '-' or '.', optionally followed by "/bits". Three bytes
     * without a mask are an OUI; six without a mask (or a mask of 48) an exact address; anything
     * else a range. The tables get where each name starts; {@code ouiLines}, when given, where
     * each OUI's line starts.
     */
    private static boolean read(byte[] b, int from, int to, MacTable exact, MacTable ranges,
                                MacTable ouis, MacTable ouiLines, boolean lastWins) {
        // Hand-rolled scan (no regex, no per-line Strings): manuf has ~50,000 lines and this runs
        // in a cold JVM.
        boolean any = false;
        Line line = new Line();
        int i = from;
        while (i < to) {
            int lineEnd = i;
            while (lineEnd < to && b[lineEnd] != '\n') {
                lineEnd++;
            }
            if (line.parse(b, i, lineEnd)) {
                if (line.bits == 48) {
                    if (lastWins) exact.put(line.mac, line.name); else exact.putIfAbsent(line.mac, line.name);
                } else if (line.bits == 0) {
                    ouis.put(line.mac >>> 24, line.name);
                    if (ouiLines != null) ouiLines.put(line.mac >>> 24, i);
                } else {
                    ranges.put(line.mac, line.name);
                }
                any = true;
            }
            i = lineEnd + 1;
        }
        return any;
    }

    private static boolean blank(byte c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    /** One line as {@link Line#parse} found it. */
    private static final class Line {
        long mac;
        /** The mask's length: 0 for a bare OUI, 48 for a whole address. */
        int bits;
        /** Where the name starts. */
        int name;

        /** Parses one "address[/bits] name [comment]" line of b[from, to); false if it is none. */
        boolean parse(byte[] b, int from, int to) {
            int i = from;
            while (i < to && blank(b[i])) {
                i++;
            }
            int addrStart = i;
            while (i < to && !blank(b[i]) && b[i] != '#') {
                i++;
            }
            int addrEnd = i;
            while (i < to && blank(b[i])) {
                i++;
            }
            int nameStart = i;
            while (i < to && !blank(b[i]) && b[i] != '#') {
                i++;
            }
            if (addrEnd == addrStart || i == nameStart || !parseAddress(b, addrStart, addrEnd)) {
                return false;
            }
            name = nameStart;
            return true;
        }

        /** Parses "00:1B:C5:00:00:00/36", "01-00-5E/25", "00:00:0C" into mac and bits. */
        private boolean parseAddress(byte[] b, int from, int to) {
            int addrEnd = to;
            int bits = -1;
            for (int k = from; k < to; k++) {
                if (b[k] == '/') {
                    addrEnd = k;
                    bits = decimal(b, k + 1, to);
                    if (bits < 1 || bits > 48) return false;
                    break;
                }
            }
            // Up to six hex bytes of one or two digits, separated by ':', '.' or '-'.
            long mac = 0;
            int parts = 0;
            int p = from;
            while (p < addrEnd) {
                if (parts == 6) return false;
                int v = Character.digit(b[p], 16);
                if (v < 0) return false;
                p++;
                if (p < addrEnd && !separator(b[p])) {
                    int d2 = Character.digit(b[p], 16);
                    if (d2 < 0) return false;
                    v = v * 16 + d2;
                    p++;
                }
                mac = (mac << 8) | v;
                parts++;
                if (p < addrEnd) {
                    if (!separator(b[p])) return false;
                    p++;
                    if (p == addrEnd) return false;
                }
            }
            if (parts < 3) return false;
            mac <<= 8 * (6 - parts);
            if (bits < 0) {
                if (parts == 3) bits = 0;
                else if (parts == 6) bits = 48;
                else return false;
            }
            this.mac = mac;
            this.bits = bits;
            return true;
        }
    }

    private static boolean separator(byte c) {
        return c == ':' || c == '.' || c == '-';
    }

    /** The decimal number in b[from, to) as Integer.parseInt reads it, or -1. */
    private static int decimal(byte[] b, int from, int to) {
        if (from == to) return -1;
        int k = from;
        boolean negative = false;
        if (b[k] == '+' || b[k] == '-') {
            negative = b[k] == '-';
            if (++k == to) return -1;
        }
        long v = 0;
        for (; k < to; k++) {
            int d = Character.digit(b[k], 10);
            if (d < 0) return -1;
            v = v * 10 + d;
            if (v > 100) v = 100; // beyond 48 either way
        }
        return negative ? -1 : (int) v;
    }
}
