package dev.tcpscope.spark;

import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;

import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The time range [lo, hi] (epoch nanoseconds, inclusive) that a query's filters on
 * {@code frame_time} or {@code frame_time_epoch} allow; a piece of a capture whose recorded
 * times all fall outside it is not read. Bounds are widened to whole microseconds where the
 * column has microsecond precision, so the range never excludes a frame the filter keeps.
 */
record TimeRange(long lo, long hi) implements Serializable {
    static final TimeRange ALL = new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);

    boolean overlaps(long min, long max) {
        return max >= lo && min <= hi;
    }

    boolean isAll() {
        return lo == Long.MIN_VALUE && hi == Long.MAX_VALUE;
    }

    /** This range narrowed by {@code f} when it is a time bound we understand; else unchanged. */
    TimeRange and(Filter f) {
        return switch (f) {
            case And a -> and(a.left()).and(a.right());
            case GreaterThan g when isTime(g.attribute()) -> narrow(nanos(g.value(), false), Long.MAX_VALUE);
            case GreaterThanOrEqual g when isTime(g.attribute()) -> narrow(nanos(g.value(), false), Long.MAX_VALUE);
            case LessThan l when isTime(l.attribute()) -> narrow(Long.MIN_VALUE, nanos(l.value(), true));
            case LessThanOrEqual l when isTime(l.attribute()) -> narrow(Long.MIN_VALUE, nanos(l.value(), true));
            case EqualTo e when isTime(e.attribute()) -> narrow(nanos(e.value(), false), nanos(e.value(), true));
            default -> this;
        };
    }

    /** Whether {@code f} is a filter {@link #and} uses. */
    static boolean understood(Filter f) {
        return switch (f) {
            case And a -> understood(a.left()) || understood(a.right());
            case GreaterThan g -> isTime(g.attribute());
            case GreaterThanOrEqual g -> isTime(g.attribute());
            case LessThan l -> isTime(l.attribute());
            case LessThanOrEqual l -> isTime(l.attribute());
            case EqualTo e -> isTime(e.attribute());
            default -> false;
        };
    }

    private TimeRange narrow(long lo, long hi) {
        return new TimeRange(Math.max(this.lo, lo), Math.min(this.hi, hi));
    }

    private static boolean isTime(String attribute) {
        return attribute.equals("frame_time") || attribute.equals("frame_time_epoch");
    }

    /**
     * Epoch nanoseconds of a literal; for an upper bound the end of its microsecond (a timestamp
     * column has microseconds, so a frame at .0000015 still equals .000001 there).
     */
    private static long nanos(Object v, boolean upper) {
        long n = switch (v) {
            case Timestamp t -> t.getTime() / 1000 * 1_000_000_000L + t.getNanos();
            case Instant i -> i.getEpochSecond() * 1_000_000_000L + i.getNano();
            case LocalDateTime l -> l.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + l.getNano();
            case BigDecimal d -> d.movePointRight(9).setScale(0, upper
                    ? java.math.RoundingMode.CEILING : java.math.RoundingMode.FLOOR).longValueExact();
            case Number x -> x.longValue() * 1_000_000_000L;
            default -> upper ? Long.MAX_VALUE : Long.MIN_VALUE;
        };
        if (v instanceof Timestamp || v instanceof Instant || v instanceof LocalDateTime) {
            n = upper ? Math.floorDiv(n, 1000) * 1000 + 999 : Math.floorDiv(n, 1000) * 1000;
        }
        return n;
    }
}
