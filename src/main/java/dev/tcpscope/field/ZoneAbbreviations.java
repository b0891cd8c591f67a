package dev.tcpscope.field;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The time-zone abbreviation tshark prints after an absolute time ({@code CST} for
 * Asia/Shanghai, {@code EST}/{@code EDT}, {@code CET}, {@code +08} where the zone has no letters):
 * the C library's {@code tm_zone}, which comes from the zone's TZif file (RFC 8536) under
 * {@code /usr/share/zoneinfo}. That file is read here too, once per zone; Java's own names
 * ({@code GMT+08:00} with the root locale) differ. Without the file, Java's US-English short name.
 */
public final class ZoneAbbreviations {
    private static final Path ZONEINFO = Path.of("/usr/share/zoneinfo");
    private static final ConcurrentHashMap<ZoneId, Table> TABLES = new ConcurrentHashMap<>();

    private ZoneAbbreviations() {}

    /** RFC 8536 §3.2 data of the 64-bit block: transitions, their types, the types' offsets, DST flags and names. */
    private record Table(long[] times, byte[] types, int[] offsets, boolean[] dst, String[] names) {}

    /** The abbreviation in force in {@code zone} at {@code epochSecond}. */
    public static String at(ZoneId zone, long epochSecond) {
        Instant instant = Instant.ofEpochSecond(epochSecond);
        int offset = zone.getRules().getOffset(instant).getTotalSeconds();
        boolean dst = zone.getRules().isDaylightSavings(instant);
        Table t = TABLES.computeIfAbsent(zone, ZoneAbbreviations::load);
        if (t != null && t.names.length > 0) {
            int type = -1;
            for (int i = 0; i < t.times.length && t.times[i] <= epochSecond; i++) {
                type = t.types[i] & 0xff;
            }
            if (type >= 0 && type < t.offsets.length && t.offsets[type] == offset) {
                return t.names[type];
            }
            for (int i = t.offsets.length - 1; i >= 0; i--) { // past the last transition: the footer rule's types
                if (t.offsets[i] == offset && t.dst[i] == dst) {
                    return t.names[i];
                }
            }
        }
        return zone.getDisplayName(TextStyle.SHORT, Locale.US);
    }

    private static Table load(ZoneId zone) {
        try {
            Path file = ZONEINFO.resolve(zone.getId()).normalize();
            if (!file.startsWith(ZONEINFO) || !Files.isRegularFile(file)) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
            if (b.remaining() < 44 || b.getInt(0) != 0x545a6966) { // "TZif"
                return null;
            }
            int version = b.get(4);
            int timeSize = 4;
            if (version >= '2') { // skip the 32-bit block to the 64-bit one (§3.1)
                b.position(44 + block(b, 20, 4));
                if (b.getInt(b.position()) != 0x545a6966) {
                    return null;
                }
                timeSize = 8;
                b.position(b.position() + 20);
            } else {
                b.position(20);
            }
            b.getInt(); // isutcnt
            b.getInt(); // isstdcnt
            b.getInt(); // leapcnt
            int timecnt = b.getInt();
            int typecnt = b.getInt();
            int charcnt = b.getInt();
            long[] times = new long[timecnt];
            for (int i = 0; i < timecnt; i++) {
                times[i] = timeSize == 8 ? b.getLong() : b.getInt();
            }
            byte[] types = new byte[timecnt];
            b.get(types);
            int[] offsets = new int[typecnt];
            boolean[] dst = new boolean[typecnt];
            int[] nameAt = new int[typecnt];
            for (int i = 0; i < typecnt; i++) {
                offsets[i] = b.getInt();
                dst[i] = b.get() != 0;
                nameAt[i] = b.get() & 0xff;
            }
            byte[] chars = new byte[charcnt];
            b.get(chars);
            String[] names = new String[typecnt];
            for (int i = 0; i < typecnt; i++) {
                int end = nameAt[i];
                while (end < charcnt && chars[end] != 0) {
                    end++;
                }
                names[i] = new String(chars, nameAt[i], end - nameAt[i], java.nio.charset.StandardCharsets.US_ASCII);
            }
            return new Table(times, types, offsets, dst, names);
        } catch (IOException | RuntimeException e) {
            return null; // no readable zone file: Java's name
        }
    }

    /** Bytes of a data block whose header counts start at {@code at}, with times of {@code timeSize} bytes. */
    private static int block(ByteBuffer b, int at, int timeSize) {
        int isut = b.getInt(at), isstd = b.getInt(at + 4), leap = b.getInt(at + 8);
        int time = b.getInt(at + 12), type = b.getInt(at + 16), chars = b.getInt(at + 20);
        return time * timeSize + time + type * 6 + chars + leap * (timeSize + 4) + isstd + isut;
    }
}
