package dev.tcpscope.report;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * One column of the report: its name (the CSV header and the JSON key), whether it describes the
 * connection or one direction, and how its value is read. Values are longs; a negative value of
 * a column that cannot be negative means "unknown" (empty in text and CSV, null in JSON).
 * docs/STATS.md defines each column; {@link #ALL} is their order.
 */
record Column(String name, Scope scope, Kind kind, Getter getter) {
    /** Whether a column is the connection's (the same on both of its rows) or a direction's. */
    enum Scope { CONNECTION, DIRECTION }

    /** How a value is written. */
    enum Kind {
        /** A count or a byte total. */
        COUNT,
        /** Nanoseconds written as milliseconds with three decimals (microseconds). */
        MILLIS,
        /** Epoch nanoseconds written as seconds with six decimals. */
        EPOCH,
        /** Text (addresses, the side, Zeek's strings). */
        TEXT
    }

    /** Reads a value from a connection and one of its directions. */
    interface Getter {
        Object get(ConnectionStats c, DirectionStats d, boolean orig);
    }

    private static Column count(String name, ToLongFunction<DirectionStats> f) {
        return new Column(name, Scope.DIRECTION, Kind.COUNT, (c, d, o) -> f.applyAsLong(d));
    }

    private static Column millis(String name, ToLongFunction<DirectionStats> f) {
        return new Column(name, Scope.DIRECTION, Kind.MILLIS, (c, d, o) -> f.applyAsLong(d));
    }

    private static Column conn(String name, Kind kind, Getter g) {
        return new Column(name, Scope.CONNECTION, kind, g);
    }

    private static String side(char c) {
        return c == 'O' ? "orig" : c == 'R' ? "resp" : "";
    }

    /** Bytes per second over the connection's duration (−1 when it lasted no time). */
    private static long rate(long bytes, ConnectionStats c) {
        long ns = c.duration();
        return ns <= 0 ? -1 : Math.round(bytes * 1e9 / ns);
    }

    static final List<Column> ALL = List.of(
            conn("stream", Kind.COUNT, (c, d, o) -> (long) c.stream),
            new Column("side", Scope.DIRECTION, Kind.TEXT, (c, d, o) -> o ? "orig" : "resp"),
            new Column("src", Scope.DIRECTION, Kind.TEXT, (c, d, o) -> o ? c.origAddress : c.respAddress),
            new Column("sport", Scope.DIRECTION, Kind.COUNT, (c, d, o) -> (long) (o ? c.origPort : c.respPort)),
            new Column("dst", Scope.DIRECTION, Kind.TEXT, (c, d, o) -> o ? c.respAddress : c.origAddress),
            new Column("dport", Scope.DIRECTION, Kind.COUNT, (c, d, o) -> (long) (o ? c.respPort : c.origPort)),
            count("packets", d -> d.packets),
            count("bytes", d -> d.frameBytes),
            count("data_packets", d -> d.dataPackets),
            count("payload_bytes", d -> d.payloadBytes),
            count("unique_bytes", DirectionStats::uniqueBytes),
            count("retrans_packets", d -> d.retransPackets),
            count("retrans_bytes", d -> d.retransBytes),
            count("fast_retrans_bytes", d -> d.fastRetransBytes),
            count("rto_retrans_bytes", d -> d.rtoRetransBytes),
            count("spurious_retrans_bytes", d -> d.spuriousRetransBytes),
            count("dup_acks", d -> d.dupAcks),
            count("out_of_order", d -> d.outOfOrder),
            count("lost_segments", d -> d.lostSegments),
            count("acked_unseen", d -> d.ackedUnseen),
            count("zero_windows", d -> d.zeroWindows),
            millis("zero_window_ms", d -> d.zeroWindowNs),
            count("wscale", d -> d.windowScale),
            count("mss", d -> d.mss),
            count("max_win", d -> d.maxWindow),
            count("min_win", d -> d.minWindow),
            count("rtt_samples", d -> d.rtt.count()),
            millis("rtt_min_ms", d -> d.rtt.min()),
            millis("rtt_median_ms", d -> d.rtt.quantile(0.5)),
            millis("rtt_p95_ms", d -> d.rtt.quantile(0.95)),
            millis("rtt_max_ms", d -> d.rtt.max()),
            millis("rtt_avg_ms", d -> d.rtt.mean()),
            new Column("throughput_Bps", Scope.DIRECTION, Kind.COUNT, (c, d, o) -> rate(d.payloadBytes, c)),
            new Column("goodput_Bps", Scope.DIRECTION, Kind.COUNT, (c, d, o) -> rate(d.uniqueBytes(), c)),
            millis("idle_max_ms", d -> d.packets > 0 ? d.idleMaxNs : -1),
            count("syn", d -> d.syns),
            count("fin", d -> d.fins),
            count("rst", d -> d.rsts),
            conn("start", Kind.EPOCH, (c, d, o) -> c.firstTime),
            conn("duration_ms", Kind.MILLIS, (c, d, o) -> c.duration()),
            conn("hs_rtt_ms", Kind.MILLIS, (c, d, o) -> c.handshakeRtt()),
            conn("hs_server_ms", Kind.MILLIS, (c, d, o) -> c.serverSideRtt()),
            conn("hs_client_ms", Kind.MILLIS, (c, d, o) -> c.clientSideRtt()),
            conn("closed_by", Kind.TEXT, (c, d, o) -> side(c.closedBy)),
            conn("reset_by", Kind.TEXT, (c, d, o) -> side(c.resetBy)),
            conn("conn_state", Kind.TEXT, (c, d, o) -> c.zeek.connState()),
            conn("history", Kind.TEXT, (c, d, o) -> c.zeek.history()));

    /** The value as text ("" when unknown). */
    String text(ConnectionStats c, boolean orig) {
        Object v = getter.get(c, orig ? c.orig : c.resp, orig);
        if (v instanceof String s) {
            return s;
        }
        long n = (Long) v;
        if (n < 0 && kind != Kind.EPOCH) {
            return "";
        }
        return switch (kind) {
            case COUNT, TEXT -> Long.toString(n);
            case MILLIS -> decimal((n + 500) / 1000, 1000, 3); // rounded to the microsecond
            case EPOCH -> decimal(Math.floorDiv(n, 1000), 1_000_000, 6);
        };
    }

    /** {@code units / perWhole} written with {@code digits} decimals ({@code units} ≥ 0 or an epoch before 1970). */
    private static String decimal(long units, long perWhole, int digits) {
        long whole = Math.floorDiv(units, perWhole);
        String fraction = Long.toString(Math.floorMod(units, perWhole));
        return whole + "." + "0".repeat(digits - fraction.length()) + fraction;
    }
}
