package dev.tcpscope.capture.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * An activated capture ({@code pcap_t *}). One thread reads with {@link #next()} and finally
 * {@link #close()}s; any thread may call {@link #breakLoop()} to make a blocked {@code next}
 * return {@link Next#BREAK}.
 *
 * <p>After {@link Next#PACKET} the packet's header fields and {@link #data()} describe it; they
 * stay valid until the next call to {@code next} or {@code close}, because libpcap hands out its
 * ring buffer in place.
 */
public final class PcapHandle implements AutoCloseable {
    /** What {@link #next()} saw. */
    public enum Next {
        /** A packet; read it through the accessors. */
        PACKET,
        /** The buffer timeout expired without a packet (never in immediate mode on Linux). */
        TIMEOUT,
        /** {@link #breakLoop()} was called. */
        BREAK
    }

    // struct pcap_pkthdr on LP64: struct timeval ts (8 + 8), bpf_u_int32 caplen, len
    private static final long HDR_SEC = 0;
    private static final long HDR_FRACTION = 8;
    private static final long HDR_CAPLEN = 16;
    private static final long HDR_LEN = 20;
    private static final long HDR_SIZE = 24;
    // struct bpf_program: u_int bf_len; struct bpf_insn *bf_insns
    private static final long BPF_PROGRAM_SIZE = 16;

    private final Arena arena;
    private final MemorySegment pcap;
    private final String device;
    private final int linkType;
    private final int snaplen;
    private final boolean nanos;
    private final MemorySegment headerOut;
    private final MemorySegment dataOut;
    private final MemorySegment stat;
    private final Object lock = new Object();
    private boolean closed;

    private long seconds;
    private int fraction;
    private int capturedLength;
    private int originalLength;
    private MemorySegment data = MemorySegment.NULL;

    PcapHandle(Arena arena, MemorySegment pcap, String device, int linkType, int snaplen, boolean nanos) {
        this.arena = arena;
        this.pcap = pcap;
        this.device = device;
        this.linkType = linkType;
        this.snaplen = snaplen;
        this.nanos = nanos;
        this.headerOut = arena.allocate(ADDRESS);
        this.dataOut = arena.allocate(ADDRESS);
        this.stat = arena.allocate(16, 8); // struct pcap_stat: ps_recv, ps_drop, ps_ifdrop (+ room)
    }

    /** The device name given to {@code pcap_create}. */
    public String device() { return device; }

    /** {@code pcap_datalink}: the DLT_ value of the device. */
    public int datalink() { return linkType; }

    /** {@code pcap_snapshot}: the snap length in force. */
    public int snaplen() { return snaplen; }

    /** Whether time stamps carry nanoseconds (otherwise microseconds). */
    public boolean nanoseconds() { return nanos; }

    /**
     * Installs a BPF capture filter ({@code pcap_compile}, {@code pcap_setfilter},
     * {@code pcap_freecode}), optimised, with an unknown netmask as tshark does by default.
     *
     * @throws PcapException kind FILTER when the expression does not compile
     */
    public void setFilter(String expression) throws PcapException {
        try (Arena local = Arena.ofConfined()) {
            MemorySegment program = local.allocate(BPF_PROGRAM_SIZE, 8);
            int rc = (int) Libpcap.Native.COMPILE.invokeExact(pcap, program, local.allocateFrom(expression),
                    1, Libpcap.PCAP_NETMASK_UNKNOWN);
            if (rc != 0) {
                throw new PcapException(PcapException.Kind.FILTER, "Invalid capture filter \"" + expression
                        + "\" for interface '" + device + "': " + Libpcap.statusText(pcap, Libpcap.PCAP_ERROR));
            }
            try {
                rc = (int) Libpcap.Native.SETFILTER.invokeExact(pcap, program);
                if (rc != 0) {
                    throw new PcapException(PcapException.Kind.OTHER, "cannot set the capture filter on "
                            + device + ": " + Libpcap.statusText(pcap, Libpcap.PCAP_ERROR));
                }
            } finally {
                Libpcap.Native.FREECODE.invokeExact(program);
            }
        } catch (PcapException e) {
            throw e;
        } catch (Throwable t) {
            throw Libpcap.rethrow(t);
        }
    }

    /**
     * {@code pcap_next_ex}: waits for the next packet. Blocks in native code, so call it from a
     * platform thread.
     *
     * @throws PcapException kind OTHER when libpcap reports an error (the interface went away)
     */
    public Next next() throws PcapException {
        if (closed) { // a read after pcap_close would use freed memory
            throw new IllegalStateException("capture on " + device + " is closed");
        }
        int rc;
        try {
            rc = (int) Libpcap.Native.NEXT_EX.invokeExact(pcap, headerOut, dataOut);
        } catch (Throwable t) {
            throw Libpcap.rethrow(t);
        }
        if (rc == 1) {
            MemorySegment header = headerOut.get(ADDRESS, 0).reinterpret(HDR_SIZE);
            seconds = header.get(JAVA_LONG, HDR_SEC);
            fraction = (int) header.get(JAVA_LONG, HDR_FRACTION);
            capturedLength = header.get(JAVA_INT, HDR_CAPLEN);
            originalLength = header.get(JAVA_INT, HDR_LEN);
            data = dataOut.get(ADDRESS, 0).reinterpret(Integer.toUnsignedLong(capturedLength));
            return Next.PACKET;
        }
        if (rc == 0) {
            return Next.TIMEOUT;
        }
        if (rc == Libpcap.PCAP_ERROR_BREAK) {
            return Next.BREAK;
        }
        throw new PcapException(PcapException.Kind.OTHER, "error while capturing on " + device + ": "
                + Libpcap.statusText(pcap, rc));
    }

    /** Seconds of the last packet's time stamp (since the Unix epoch). */
    public long seconds() { return seconds; }

    /** Fraction of the last packet's time stamp: nanoseconds or microseconds, see {@link #nanoseconds()}. */
    public int fraction() { return fraction; }

    /** {@code caplen} of the last packet. */
    public int capturedLength() { return capturedLength; }

    /** {@code len} of the last packet: its length on the wire. */
    public int originalLength() { return originalLength; }

    /**
     * The last packet's bytes, {@link #capturedLength()} long, in libpcap's buffer: valid until
     * the next call to {@link #next()} or {@link #close()}.
     */
    public MemorySegment data() { return data; }

    /**
     * {@code pcap_breakloop}: makes the current or next {@link #next()} return
     * {@link Next#BREAK}. Safe from any thread (on Linux libpcap wakes the poll through an
     * eventfd); does nothing once closed.
     */
    public void breakLoop() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                Libpcap.Native.BREAKLOOP.invokeExact(pcap);
            } catch (Throwable t) {
                throw Libpcap.rethrow(t);
            }
        }
    }

    /** {@code pcap_stats}: counters since activation. */
    public PcapStats stats() throws PcapException {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("capture on " + device + " is closed");
            }
            int rc;
            try {
                rc = (int) Libpcap.Native.STATS.invokeExact(pcap, stat);
            } catch (Throwable t) {
                throw Libpcap.rethrow(t);
            }
            if (rc != 0) {
                throw new PcapException(PcapException.Kind.OTHER, "cannot read the statistics of "
                        + device + ": " + Libpcap.statusText(pcap, rc));
            }
            return new PcapStats(Integer.toUnsignedLong(stat.get(JAVA_INT, 0)),
                    Integer.toUnsignedLong(stat.get(JAVA_INT, 4)), Integer.toUnsignedLong(stat.get(JAVA_INT, 8)));
        }
    }

    /** {@code pcap_close}; call it from the thread that reads, after {@link #next()} returned. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            data = MemorySegment.NULL;
            Libpcap.closeQuietly(pcap);
            arena.close();
        }
    }
}
