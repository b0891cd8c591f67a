package dev.tcpscope.present;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Names for numbers (EtherTypes, IP protocols) as tshark prints them. The tables are resources
 * generated from tshark's own value strings by {@code scripts/gen-value-names.sh}.
 */
public final class ValueNames {
    public static final ValueNames ETHERTYPE = load("ethertype.tsv", 0x10000);
    public static final ValueNames IP_PROTO = load("ipproto.tsv", 256);

    private final String[] names;

    private ValueNames(String[] names) {
        this.names = names;
    }

    /** The name of {@code value}, or null when tshark has none. */
    public String name(int value) {
        return value >= 0 && value < names.length ? names[value] : null;
    }

    private static ValueNames load(String resource, int size) {
        String[] names = new String[size];
        try (InputStream in = ValueNames.class.getResourceAsStream("/dev/tcpscope/names/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                int tab = line.indexOf('\t');
                String num = line.substring(0, tab);
                int v = num.startsWith("0x") ? Integer.parseInt(num.substring(2), 16) : Integer.parseInt(num);
                if (v >= 0 && v < size && names[v] == null) {
                    names[v] = line.substring(tab + 1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ValueNames(names);
    }
}
