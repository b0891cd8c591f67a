package dev.tcpscope.field;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Loads a value-name table written by {@code scripts/gen-value-names.sh} from tshark's own value
 * strings ({@code tshark -G values}): lines {@code value<TAB>name}, the value decimal or
 * {@code 0x} hex, {@code #} comments. The first name of a value wins.
 */
public final class NameTables {
    private NameTables() { }

    /** The names of {@code /dev/tcpscope/names/<resource>}, indexed by value (values at or past {@code size} are left out). */
    public static String[] load(String resource, int size) {
        String[] names = new String[size];
        read(resource, (v, name) -> {
            if (v >= 0 && v < size && names[v] == null) {
                names[v] = name;
            }
        });
        return names;
    }

    /**
     * The names of {@code /dev/tcpscope/names/<resource>} by value, for a table whose values are
     * few and far apart (an array indexed by a 24-bit value would cost 64 MB).
     */
    public static java.util.Map<Integer, String> loadSparse(String resource) {
        java.util.Map<Integer, String> names = new java.util.HashMap<>();
        read(resource, names::putIfAbsent);
        return names;
    }

    private interface Entry {
        void accept(int value, String name);
    }

    private static void read(String resource, Entry entry) {
        try (InputStream in = NameTables.class.getResourceAsStream("/dev/tcpscope/names/" + resource)) {
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
                int v = num.startsWith("0x") ? Integer.parseUnsignedInt(num.substring(2), 16) : Integer.parseInt(num);
                entry.accept(v, line.substring(tab + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
