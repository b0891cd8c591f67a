package dev.tcpscope.proto;

import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * Ethernet address names for the protocols above UDP that show one (packet-dhcp.c's
 * {@code tvb_get_ether_name} in its Info column and FT_ETHER items): the name tshark's MAC
 * resolution gives ({@code Dell_99:49:29}), or the plain address. The resolver lives in a later
 * stage ({@code present.MacNames}); the command that reads a capture hands its source here once,
 * and it is loaded on the first address asked for. Without one, every address shows plain.
 */
public final class EtherNames {
    private EtherNames() { }

    private static volatile Supplier<LongFunction<String>> source;
    private static LongFunction<String> resolver;

    /** Sets where names come from (loaded lazily, once); null: plain addresses. */
    public static synchronized void source(Supplier<LongFunction<String>> s) {
        source = s;
        resolver = null;
    }

    /** The name of the 48-bit address {@code mac}, or its plain colon form. */
    public static synchronized String name(long mac) {
        if (resolver == null) {
            Supplier<LongFunction<String>> s = source;
            resolver = s == null ? EtherNames::plain : s.get();
        }
        String n = resolver.apply(mac);
        return n == null ? plain(mac) : n;
    }

    private static volatile Supplier<java.util.function.IntFunction<String>> ouiSource;
    private static java.util.function.IntFunction<String> ouis;

    /** Sets where the organisation names of OUIs come from (loaded lazily, once); null: none known. */
    public static synchronized void ouiSource(Supplier<java.util.function.IntFunction<String>> s) {
        ouiSource = s;
        ouis = null;
    }

    /** The organisation name of the 24-bit OUI {@code oui} (BASE_OUI's, manuf's long name), or null. */
    public static synchronized String oui(int oui) {
        if (ouis == null) {
            Supplier<java.util.function.IntFunction<String>> s = ouiSource;
            ouis = s == null ? o -> null : s.get();
        }
        return ouis.apply(oui);
    }

    /** {@code 00:11:22:33:44:55}. */
    public static String plain(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            int b = (int) (mac >>> (8 * i)) & 0xff;
            sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
            if (i > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
