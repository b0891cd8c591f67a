package dev.tcpscope.present;

import dev.tcpscope.wire.Ipv6;

/**
 * IPv6 extension headers inside the IPv6 item (packet-ipv6.c). Only their presence in
 * {@code frame.protocols} is written so far; their own items are a known gap (see the detail
 * goldens' known-gaps list).
 */
final class Ipv6Extensions {
    private Ipv6Extensions() { }

    /** Handles the headers after the fixed IPv6 header of layer {@code i}; false stops dissection. */
    static boolean add(Details x, DetailNode ip, int i, int next) {
        x.consumed(i, Ipv6.HEADER_LENGTH);
        return true;
    }
}
