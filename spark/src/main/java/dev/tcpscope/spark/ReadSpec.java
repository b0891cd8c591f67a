package dev.tcpscope.spark;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every task of a scan needs to know, sent to the executors: the columns to fill, each a
 * field name or {@link #FILE} or {@link #ERROR}; whether each whole file is read twice as
 * {@code tshark -2}; whether all files are one capture merged in time order ({@code analysis=merged});
 * whether a damaged file fails the query ({@code onError=fail}) rather than being logged; the tcpscope display filter pushed down from the query's filters (null for
 * none) and the time range outside which a piece is not read.
 */
record ReadSpec(List<String> columns, boolean allOccurrences, boolean twoPass, boolean merged,
                boolean failOnError, String displayFilter, TimeRange time) implements Serializable {
    static final String FILE = "\0file";
    static final String ERROR = "\0error";

    /** Parts opened in this JVM, for tests of the time-range skipping (local mode). */
    static final AtomicLong OPENED = new AtomicLong();

    boolean selectsError() {
        return columns.contains(ERROR);
    }
}
