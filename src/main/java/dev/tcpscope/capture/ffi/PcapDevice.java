package dev.tcpscope.capture.ffi;

/**
 * One entry of {@code pcap_findalldevs}: a device a capture can be opened on.
 *
 * @param name        the name to pass to {@code pcap_create}, e.g. {@code lo}
 * @param description libpcap's description, or null (Linux gives one only for pseudo-devices)
 * @param flags       {@code PCAP_IF_*} bits
 */
public record PcapDevice(String name, String description, int flags) {
    /** PCAP_IF_LOOPBACK. */
    public static final int LOOPBACK = 0x1;
    /** PCAP_IF_UP. */
    public static final int UP = 0x2;
    /** PCAP_IF_RUNNING. */
    public static final int RUNNING = 0x4;
    /** PCAP_IF_WIRELESS. */
    public static final int WIRELESS = 0x8;

    public boolean loopback() { return (flags & LOOPBACK) != 0; }

    public boolean up() { return (flags & UP) != 0; }

    public boolean running() { return (flags & RUNNING) != 0; }

    public boolean wireless() { return (flags & WIRELESS) != 0; }

    /**
     * The name tshark shows for this device in "Capturing on '...'" and in drop reports: a
     * friendly name and the device name ({@code Loopback: lo}) or the device name alone. On
     * Linux the only friendly name Wireshark gives a plain pcap device is "Loopback".
     */
    public String displayName() {
        return loopback() ? "Loopback: " + name : name;
    }
}
