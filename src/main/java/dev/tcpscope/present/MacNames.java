package dev.tcpscope.present;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
    private static final MacNames NONE = new MacNames(Map.of(), Map.of(), Map.of(), false);

    private final Map<Long, String> exact;
    private final Map<Long, String> ranges;
    private final Map<Integer, String> ouis;
    private final boolean loaded;
    private final Map<Long, String> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private MacNames(Map<Long, String> exact, Map<Long, String> ranges, Map<Integer, String> ouis,
                     boolean loaded) {
        this.exact = exact;
        this.ranges = ranges;
        this.ouis = ouis;
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
     */
    public static MacNames load(Path dataDir, Path ethers) {
        Map<Long, String> exact = new HashMap<>();
        Map<Long, String> ranges = new HashMap<>();
        Map<Integer, String> ouis = new HashMap<>();
        boolean any = false;
        // Later lines replace earlier ones, and wka is read after manuf, as tshark does.
        for (String file : new String[] {"manuf", "wka"}) {
            Path p = dataDir.resolve(file);
            if (Files.isReadable(p)) {
                any |= read(p, exact, ranges, ouis, true);
            }
        }
        if (ethers != null && Files.isReadable(ethers)) {
            // /etc/ethers wins over every other source; in it the first line for an address counts.
            Map<Long, String> fromEthers = new HashMap<>();
            read(ethers, fromEthers, new HashMap<>(), new HashMap<>(), false);
            exact.putAll(fromEthers);
            any |= !fromEthers.isEmpty();
        }
        if (!any) return NONE;
        return new MacNames(Map.copyOf(exact), Map.copyOf(ranges), Map.copyOf(ouis), true);
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
        String name = exact.get(mac);
        if (name != null) return clip(name);
        for (int m = 47; m >= 24; m--) {
            name = ranges.get(mac & prefixMask(m));
            if (name != null) return withSuffix(name, mac, m);
        }
        int oui = (int) (mac >>> 24);
        name = ouis.get(oui);
        if (name == null && (oui & 0x010000) != 0) name = ouis.get(oui & 0xfeffff);
        if (name != null) return withSuffix(name, mac, 24);
        for (int m = 23; m >= 1; m--) {
            name = ranges.get(mac & prefixMask(m));
            if (name != null) return withSuffix(name, mac, m);
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

    /**
     * Reads one ethers-format file: "address name [comment]", where the address has 3 to 6 hex
     * bytes separated by ':', '-' or '.', optionally followed by "/bits". Three bytes without a
     * mask are an OUI; six without a mask (or a mask of 48) an exact address; anything else a range.
     */
    private static boolean read(Path p, Map<Long, String> exact, Map<Long, String> ranges,
                                Map<Integer, String> ouis, boolean lastWins) {
        byte[] b;
        try {
            b = Files.readAllBytes(p);
        } catch (IOException | RuntimeException ex) {
            return false; // an unreadable file resolves nothing; tshark also carries on silently
        }
        // Hand-rolled scan (no regex, no per-line Strings but the name): manuf has ~50,000 lines
        // and this runs in a cold JVM, where it used to cost seconds.
        boolean any = false;
        int n = b.length;
        int i = 0;
        while (i < n) {
            int lineEnd = i;
            while (lineEnd < n && b[lineEnd] != '\n') {
                lineEnd++;
            }
            Entry e = parseLine(b, i, lineEnd);
            if (e != null) {
                if (e.bits == 48) {
                    if (lastWins) exact.put(e.mac, e.name); else exact.putIfAbsent(e.mac, e.name);
                } else if (e.bits == 0) {
                    ouis.put((int) (e.mac >>> 24), e.name);
                } else {
                    ranges.put(e.mac, e.name);
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

    /** One "address[/bits] name [comment]" line of b[from, to), or null. */
    private static Entry parseLine(byte[] b, int from, int to) {
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
        if (addrEnd == addrStart || i == nameStart) {
            return null;
        }
        Entry a = parseAddress(new String(b, addrStart, addrEnd - addrStart, StandardCharsets.ISO_8859_1));
        if (a == null) {
            return null;
        }
        return new Entry(a.mac, a.bits, new String(b, nameStart, i - nameStart, StandardCharsets.ISO_8859_1));
    }

    private record Entry(long mac, int bits, String name) {}

    /** Parses "00:1B:C5:00:00:00/36", "01-00-5E/25", "00:00:0C"; bits 0 means a bare OUI. */
    private static Entry parseAddress(String text) {
        String addr = text;
        int bits = -1;
        int slash = text.indexOf('/');
        if (slash >= 0) {
            addr = text.substring(0, slash);
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (bits < 1 || bits > 48) return null;
        }
        // Up to six hex bytes of one or two digits, separated by ':', '.' or '-'.
        long mac = 0;
        int parts = 0;
        int p = 0;
        int len = addr.length();
        while (p < len) {
            if (parts == 6) return null;
            int d1 = Character.digit(addr.charAt(p), 16);
            if (d1 < 0) return null;
            int v = d1;
            p++;
            if (p < len && addr.charAt(p) != ':' && addr.charAt(p) != '.' && addr.charAt(p) != '-') {
                int d2 = Character.digit(addr.charAt(p), 16);
                if (d2 < 0) return null;
                v = v * 16 + d2;
                p++;
            }
            mac = (mac << 8) | v;
            parts++;
            if (p < len) {
                char sep = addr.charAt(p);
                if (sep != ':' && sep != '.' && sep != '-') return null;
                p++;
                if (p == len) return null;
            }
        }
        if (parts < 3) return null;
        mac <<= 8 * (6 - parts);
        if (bits < 0) {
            if (parts == 3) bits = 0;
            else if (parts == 6) bits = 48;
            else return null;
        }
        return new Entry(mac, bits, null);
    }
}
