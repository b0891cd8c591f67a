package dev.tcpscope.capture.ffi;

/**
 * {@code struct pcap_stat} (pcap_stats(3PCAP)): counters since the capture was activated, as
 * unsigned 32-bit values widened to long.
 *
 * @param received        {@code ps_recv}: packets that passed the filter and reached the buffer
 *                        (on Linux, including those then dropped)
 * @param dropped         {@code ps_drop}: packets dropped because the buffer was full
 * @param interfaceDropped {@code ps_ifdrop}: packets dropped by the interface or its driver
 */
public record PcapStats(long received, long dropped, long interfaceDropped) {}
