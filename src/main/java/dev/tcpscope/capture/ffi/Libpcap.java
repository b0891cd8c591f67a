package dev.tcpscope.capture.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Our binding to libpcap (https://www.tcpdump.org/manpages/pcap.3pcap.html) with the FFM API:
 * one downcall handle per function, looked up once. This package is the only place in tcpscope
 * that calls native code.
 *
 * <p>Debian ships the library as {@code libpcap.so.0.8} (package libpcap0.8); other systems as
 * {@code libpcap.so.1}; {@code libpcap.so} comes with the development package. They are tried in
 * that order. Struct layouts are those of LP64 Linux (pointers and {@code long} 8 bytes).
 */
public final class Libpcap {
    /** Library names tried in turn. */
    static final List<String> NAMES = List.of("libpcap.so.1", "libpcap.so.0.8", "libpcap.so");
    /** PCAP_ERRBUF_SIZE. */
    static final int ERRBUF_SIZE = 256;

    // pcap_activate and friends (pcap/pcap.h)
    static final int PCAP_ERROR = -1;
    static final int PCAP_ERROR_BREAK = -2;
    static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    static final int PCAP_ERROR_PERM_DENIED = -8;
    static final int PCAP_ERROR_PROMISC_PERM_DENIED = -11;
    static final int PCAP_TSTAMP_PRECISION_NANO = 1;
    static final int PCAP_NETMASK_UNKNOWN = 0xffffffff;

    // struct pcap_if: next, name, description, addresses, flags
    private static final long IF_NEXT = 0;
    private static final long IF_NAME = 8;
    private static final long IF_DESCRIPTION = 16;
    private static final long IF_FLAGS = 32;
    private static final long IF_SIZE = 40;

    private static final Libpcap INSTANCE = new Libpcap();

    private Libpcap() {}

    /**
     * The loaded library.
     *
     * @throws PcapException ({@link PcapException.Kind#NO_LIBRARY}) when none of {@link #NAMES} loads
     */
    public static Libpcap load() throws PcapException {
        if (Native.LIBRARY == null) {
            throw new PcapException(PcapException.Kind.NO_LIBRARY, "libpcap could not be loaded (tried "
                    + String.join(", ", NAMES) + "); install libpcap0.8 (apt-get install libpcap0.8)");
        }
        return INSTANCE;
    }

    /** The library's version string, e.g. {@code libpcap version 1.10.3 (with TPACKET_V3)}. */
    public String version() {
        try {
            return cString((MemorySegment) Native.LIB_VERSION.invokeExact());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code pcap_findalldevs}: the devices a capture can be opened on, in libpcap's order. */
    public List<PcapDevice> devices() throws PcapException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errbuf = arena.allocate(ERRBUF_SIZE);
            MemorySegment head = arena.allocate(ADDRESS);
            int rc = (int) Native.FINDALLDEVS.invokeExact(head, errbuf);
            if (rc != 0) {
                throw new PcapException(PcapException.Kind.OTHER,
                        "cannot list the interfaces: " + cString(errbuf));
            }
            MemorySegment first = head.get(ADDRESS, 0);
            List<PcapDevice> out = new ArrayList<>();
            try {
                for (MemorySegment p = first; !p.equals(MemorySegment.NULL) && out.size() < 100_000;
                     p = p.get(ADDRESS, IF_NEXT)) {
                    p = p.reinterpret(IF_SIZE);
                    out.add(new PcapDevice(cString(p.get(ADDRESS, IF_NAME)),
                            cStringOrNull(p.get(ADDRESS, IF_DESCRIPTION)), p.get(JAVA_INT, IF_FLAGS)));
                }
            } finally {
                Native.FREEALLDEVS.invokeExact(first);
            }
            return out;
        } catch (PcapException e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * How to open a device.
     *
     * @param snaplen       bytes kept of each packet (262144 is tshark's default)
     * @param promiscuous   put the interface in promiscuous mode
     * @param immediate     deliver each packet as soon as it arrives rather than per buffer block
     * @param timeoutMillis the packet buffer timeout, also how often {@code pcap_next_ex}
     *                      returns without a packet when not in immediate mode
     * @param bufferSize    the kernel ring size in bytes, 0 for libpcap's default (2 MB)
     * @param nanoseconds   ask for nanosecond time stamps
     */
    public record Options(int snaplen, boolean promiscuous, boolean immediate, int timeoutMillis,
                          int bufferSize, boolean nanoseconds) {
        /** tshark's defaults, with immediate mode and nanosecond time stamps. */
        public static Options defaults() {
            return new Options(262_144, true, true, 100, 0, true);
        }
    }

    /**
     * Opens and activates a capture on {@code device}: {@code pcap_create}, the {@code pcap_set_*}
     * calls of {@code options}, {@code pcap_activate}.
     *
     * @throws PcapException with kind NO_DEVICE, PERMISSION or OTHER and a one-line message
     */
    public PcapHandle open(String device, Options options) throws PcapException {
        Arena arena = Arena.ofShared();
        MemorySegment pcap = MemorySegment.NULL;
        try {
            MemorySegment errbuf = arena.allocate(ERRBUF_SIZE);
            pcap = (MemorySegment) Native.CREATE.invokeExact(arena.allocateFrom(device), errbuf);
            if (pcap.equals(MemorySegment.NULL)) {
                throw new PcapException(PcapException.Kind.OTHER, "cannot capture on " + device + ": " + cString(errbuf));
            }
            check(pcap, device, "snaplen", (int) Native.SET_SNAPLEN.invokeExact(pcap, options.snaplen()));
            check(pcap, device, "promiscuous mode", (int) Native.SET_PROMISC.invokeExact(pcap, options.promiscuous() ? 1 : 0));
            check(pcap, device, "immediate mode", (int) Native.SET_IMMEDIATE_MODE.invokeExact(pcap, options.immediate() ? 1 : 0));
            check(pcap, device, "timeout", (int) Native.SET_TIMEOUT.invokeExact(pcap, options.timeoutMillis()));
            if (options.bufferSize() > 0) {
                check(pcap, device, "buffer size", (int) Native.SET_BUFFER_SIZE.invokeExact(pcap, options.bufferSize()));
            }
            if (options.nanoseconds()) {
                // not supported everywhere; the precision actually granted is read back below
                int ignored = (int) Native.SET_TSTAMP_PRECISION.invokeExact(pcap, PCAP_TSTAMP_PRECISION_NANO);
            }
            int status = (int) Native.ACTIVATE.invokeExact(pcap);
            if (status < 0) {
                throw activateError(pcap, device, status);
            }
            boolean nanos = (int) Native.GET_TSTAMP_PRECISION.invokeExact(pcap) == PCAP_TSTAMP_PRECISION_NANO;
            int linkType = (int) Native.DATALINK.invokeExact(pcap);
            int snaplen = (int) Native.SNAPSHOT.invokeExact(pcap);
            PcapHandle handle = new PcapHandle(arena, pcap, device, linkType, snaplen, nanos);
            pcap = MemorySegment.NULL; // owned by the handle now
            return handle;
        } catch (PcapException e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            if (!pcap.equals(MemorySegment.NULL)) {
                closeQuietly(pcap);
                arena.close();
            }
        }
    }

    private static void check(MemorySegment pcap, String device, String what, int status) throws PcapException {
        if (status != 0) {
            throw new PcapException(PcapException.Kind.OTHER,
                    "cannot set the " + what + " of " + device + ": " + statusText(pcap, status));
        }
    }

    /** The one-line message for a failed {@code pcap_activate}, with what to do next. */
    private static PcapException activateError(MemorySegment pcap, String device, int status) {
        String detail = specificText(pcap, status);
        return switch (status) {
            case PCAP_ERROR_NO_SUCH_DEVICE -> new PcapException(PcapException.Kind.NO_DEVICE,
                    "There is no capture device \"" + device + "\" (" + detail
                            + "); list the devices with tcpscope capture -D");
            case PCAP_ERROR_PERM_DENIED, PCAP_ERROR_PROMISC_PERM_DENIED -> new PcapException(
                    PcapException.Kind.PERMISSION, "You don't have permission to capture on " + device
                            + " (" + detail + "); run as root or give capture rights to the java binary"
                            + " (setcap cap_net_raw,cap_net_admin=eip " + javaBinary() + ")");
            default -> new PcapException(PcapException.Kind.OTHER, "cannot capture on " + device + ": " + detail);
        };
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("$JAVA_HOME/bin/java");
    }

    /**
     * {@code pcap_geterr} for PCAP_ERROR and the errors that set it, otherwise
     * {@code pcap_statustostr}; the device prefix libpcap adds is kept, as tshark keeps it.
     */
    static String statusText(MemorySegment pcap, int status) {
        try {
            String err = cString((MemorySegment) Native.GETERR.invokeExact(pcap));
            String text = cString((MemorySegment) Native.STATUSTOSTR.invokeExact(status));
            if (err.isEmpty()) {
                return text;
            }
            return status == PCAP_ERROR ? err : err.contains(text) ? err : text + ": " + err;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** What {@code pcap_geterr} says (e.g. "socket: Operation not permitted"), else {@code pcap_statustostr}. */
    private static String specificText(MemorySegment pcap, int status) {
        try {
            String err = cString((MemorySegment) Native.GETERR.invokeExact(pcap));
            return err.isEmpty() ? cString((MemorySegment) Native.STATUSTOSTR.invokeExact(status)) : err;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void closeQuietly(MemorySegment pcap) {
        try {
            Native.CLOSE.invokeExact(pcap);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** A NUL-terminated C string as a Java string (UTF-8). */
    static String cString(MemorySegment p) {
        return p.equals(MemorySegment.NULL) ? "" : p.reinterpret(Long.MAX_VALUE).getString(0);
    }

    private static String cStringOrNull(MemorySegment p) {
        return p.equals(MemorySegment.NULL) ? null : cString(p);
    }

    /** Downcalls declare no checked exceptions; anything thrown is a bug or an Error. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    /**
     * The downcall handles, as constants so that {@code invokeExact} is inlined. All null when
     * the library cannot be loaded; {@link #load()} checks that before anything uses them.
     */
    static final class Native {
        static final SymbolLookup LIBRARY = findLibrary();
        private static final Linker LINKER = Linker.nativeLinker();

        static final MethodHandle LIB_VERSION = down("pcap_lib_version", FunctionDescriptor.of(ADDRESS));
        static final MethodHandle FINDALLDEVS = down("pcap_findalldevs", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle FREEALLDEVS = down("pcap_freealldevs", FunctionDescriptor.ofVoid(ADDRESS));
        static final MethodHandle CREATE = down("pcap_create", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle SET_SNAPLEN = down("pcap_set_snaplen", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle SET_PROMISC = down("pcap_set_promisc", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle SET_IMMEDIATE_MODE = down("pcap_set_immediate_mode", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle SET_TIMEOUT = down("pcap_set_timeout", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle SET_BUFFER_SIZE = down("pcap_set_buffer_size", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle SET_TSTAMP_PRECISION = down("pcap_set_tstamp_precision", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle GET_TSTAMP_PRECISION = down("pcap_get_tstamp_precision", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle ACTIVATE = down("pcap_activate", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle STATUSTOSTR = down("pcap_statustostr", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        static final MethodHandle GETERR = down("pcap_geterr", FunctionDescriptor.of(ADDRESS, ADDRESS));
        static final MethodHandle DATALINK = down("pcap_datalink", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle SNAPSHOT = down("pcap_snapshot", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle COMPILE = down("pcap_compile", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
        static final MethodHandle SETFILTER = down("pcap_setfilter", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle FREECODE = down("pcap_freecode", FunctionDescriptor.ofVoid(ADDRESS));
        static final MethodHandle NEXT_EX = down("pcap_next_ex", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle BREAKLOOP = down("pcap_breakloop", FunctionDescriptor.ofVoid(ADDRESS));
        static final MethodHandle STATS = down("pcap_stats", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle CLOSE = down("pcap_close", FunctionDescriptor.ofVoid(ADDRESS));

        private Native() {}

        private static SymbolLookup findLibrary() {
            for (String name : NAMES) {
                try {
                    return SymbolLookup.libraryLookup(name, Arena.global());
                } catch (IllegalArgumentException notFound) {
                    // try the next name
                }
            }
            return null;
        }

        private static MethodHandle down(String symbol, FunctionDescriptor descriptor) {
            if (LIBRARY == null) {
                return null;
            }
            return LIBRARY.find(symbol)
                    .map(address -> LINKER.downcallHandle(address, descriptor))
                    .orElseThrow(() -> new UnsatisfiedLinkError("libpcap has no " + symbol
                            + "; tcpscope needs libpcap 1.5 or later"));
        }
    }
}
