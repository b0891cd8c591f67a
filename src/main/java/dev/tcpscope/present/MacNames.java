package dev.tcpscope.present;

import java.io.BufferedReader;
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
        boolean any = false;
        try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.ISO_8859_1)) {
            for (String line; (line = r.readLine()) != null; ) {
                int hash = line.indexOf('#');
                if (hash >= 0) line = line.substring(0, hash);
                String[] f = line.trim().split("[ \t]+");
                if (f.length < 2 || f[0].isEmpty()) continue;
                Entry e = parseAddress(f[0]);
                if (e == null) continue;
                String name = f[1];
                if (e.bits == 48) {
                    if (lastWins) exact.put(e.mac, name); else exact.putIfAbsent(e.mac, name);
                } else if (e.bits == 0) {
                    ouis.put((int) (e.mac >>> 24), name);
                } else {
                    ranges.put(e.mac, name);
                }
                any = true;
            }
        } catch (IOException | RuntimeException ex) {
            // An unreadable or odd file resolves what it could; tshark also carries on silently.
        }
        return any;
    }

    private record Entry(long mac, int bits) {}

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
        String[] parts = addr.split("[:.\\-]");
        if (parts.length < 3 || parts.length > 6) return null;
        long mac = 0;
        for (int i = 0; i < 6; i++) {
            int b = 0;
            if (i < parts.length) {
                String h = parts[i];
                if (h.isEmpty() || h.length() > 2) return null;
                b = Character.digit(h.charAt(0), 16);
                if (h.length() == 2) b = b < 0 ? -1 : b * 16 + Character.digit(h.charAt(1), 16);
                if (b < 0 || Character.digit(h.charAt(h.length() - 1), 16) < 0) return null;
            }
            mac = (mac << 8) | b;
        }
        if (bits < 0) {
            if (parts.length == 3) bits = 0;
            else if (parts.length == 6) bits = 48;
            else return null;
        }
        return new Entry(mac, bits);
    }
}
