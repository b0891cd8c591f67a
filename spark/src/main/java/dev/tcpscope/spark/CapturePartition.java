package dev.tcpscope.spark;

import org.apache.spark.sql.connector.read.InputPartition;

import java.io.Serializable;
import java.util.List;

/**
 * What one Spark task reads: whole files one after the other (small files are grouped), one
 * piece of a large pcap file, or ({@code merged}) all files as one capture in time order.
 */
record CapturePartition(List<Part> parts, boolean merged) implements InputPartition {

    /**
     * Bytes [start, end) of {@code path}; {@code whole} when that is the entire file, read with
     * the ordinary reader (any format, compressed or not). A piece of a pcap or pcapng file
     * starts at a record boundary, is read after the file's bytes named by {@code prefix}
     * (offset, length pairs: the headers it needs) and numbers its frames from
     * {@code firstNumber}.
     */
    record Part(String path, boolean whole, long[] prefix, long start, long end, long firstNumber,
                long minTime, long maxTime) implements Serializable {
        static Part whole(String path, long size) {
            return new Part(path, true, new long[0], 0, size, 1, Long.MIN_VALUE, Long.MAX_VALUE);
        }

        static Part whole(String path, long size, long minTime, long maxTime) {
            return new Part(path, true, new long[0], 0, size, 1, minTime, maxTime);
        }

        static Part piece(String path, PcapIndex.Piece p) {
            return new Part(path, false, p.prefix(), p.start(), p.end(), p.firstNumber(), p.minTime(), p.maxTime());
        }
    }
}
