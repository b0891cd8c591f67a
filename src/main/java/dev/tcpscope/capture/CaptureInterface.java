package dev.tcpscope.capture;

/**
 * An interface that records were captured on: a pcapng Interface Description Block, or the
 * single implied interface of a pcap file.
 *
 * @param linkType        LINKTYPE_ value
 * @param snapLength      maximum captured bytes per record, 0 when unlimited
 * @param name            {@code if_name}, or null
 * @param description     {@code if_description}, or null
 * @param timestampDigits decimal digits of the timestamp resolution (6 for microseconds)
 */
public record CaptureInterface(int linkType, int snapLength, String name, String description,
                               int timestampDigits) {}
