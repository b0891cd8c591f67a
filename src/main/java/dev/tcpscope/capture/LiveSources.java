package dev.tcpscope.capture;

import dev.tcpscope.capture.ffi.Libpcap;
import dev.tcpscope.capture.ffi.PcapException;

import java.nio.file.Path;

/** Opens a live capture with the backend asked for, or the first one that can capture. */
public final class LiveSources {
    /** Which program captures. */
    public enum Backend {
        /** libpcap in this process; when it cannot open the device (no rights, no libpcap), dumpcap. */
        AUTO,
        /** Our libpcap binding in this process ({@link LiveCapture}). */
        LIBPCAP,
        /** Wireshark's dumpcap in a child process ({@link DumpcapCapture}). */
        DUMPCAP;

        /** {@code auto}, {@code libpcap} or {@code dumpcap}; null for anything else. */
        public static Backend of(String name) {
            return switch (name) {
                case "auto" -> AUTO;
                case "libpcap" -> LIBPCAP;
                case "dumpcap" -> DUMPCAP;
                default -> null;
            };
        }
    }

    private LiveSources() { }

    /**
     * Opens {@code device} with the BPF {@code filter} (null: none). With {@link Backend#AUTO},
     * libpcap is tried first; when it has no permission or is not installed, dumpcap is tried,
     * because dumpcap may hold capture rights that this process lacks (Wireshark's privilege
     * separation). A device that does not exist or a bad filter fails at once either way.
     *
     * @throws PcapException one line saying what failed and what to do
     */
    public static LiveSource open(Backend backend, String device, String filter, Libpcap.Options options)
            throws PcapException {
        return switch (backend) {
            case LIBPCAP -> LiveCapture.open(device, filter, options);
            case DUMPCAP -> dumpcap(device, filter, options);
            case AUTO -> {
                try {
                    yield LiveCapture.open(device, filter, options);
                } catch (PcapException e) {
                    yield switch (e.kind()) {
                        case PERMISSION, NO_LIBRARY -> fallBack(e, device, filter, options);
                        case NO_DEVICE, FILTER, OTHER -> throw e;
                    };
                }
            }
        };
    }

    private static LiveSource dumpcap(String device, String filter, Libpcap.Options options) throws PcapException {
        return DumpcapCapture.open(device, filter, options.snaplen(), options.promiscuous(), options.bufferSize() >> 20);
    }

    /** dumpcap after libpcap failed with {@code first}; when dumpcap fails too, one line on what to do. */
    private static LiveSource fallBack(PcapException first, String device, String filter, Libpcap.Options options)
            throws PcapException {
        Path dumpcap = DumpcapCapture.find();
        if (dumpcap == null) {
            throw first;
        }
        try {
            return dumpcap(device, filter, options);
        } catch (PcapException second) {
            if (first.kind() == PcapException.Kind.NO_LIBRARY && second.kind() != PcapException.Kind.PERMISSION) {
                throw second; // dumpcap said something more specific than "no libpcap"
            }
            if (first.kind() == PcapException.Kind.NO_LIBRARY) {
                throw new PcapException(PcapException.Kind.PERMISSION, "You don't have permission to capture on "
                        + device + " and libpcap could not be loaded; run as root with libpcap0.8 installed"
                        + " or give capture rights to dumpcap (setcap cap_net_raw,cap_net_admin=eip " + dumpcap + ")");
            }
            String message = first.getMessage();
            int cut = message.indexOf("; run as root");
            String head = cut > 0 ? message.substring(0, cut) : "You don't have permission to capture on " + device;
            throw new PcapException(PcapException.Kind.PERMISSION, head
                    + "; run as root or give capture rights to dumpcap, which tcpscope then uses"
                    + " (setcap cap_net_raw,cap_net_admin=eip " + dumpcap + ")");
        }
    }
}
