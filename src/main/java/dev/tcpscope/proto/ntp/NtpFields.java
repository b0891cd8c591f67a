package dev.tcpscope.proto.ntp;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-ntp.c's fields with Wireshark 4.0.17's names, titles and types (its {@code tshark -G
 * fields} rows, {@link NtpWalk#REGISTRY}), so that filters, {@code -e} and {@code tcpscope
 * fields} know every one; their values are the detail tree's items of the frame.
 */
public final class NtpFields {
    private NtpFields() { }

    public static List<Field> all() {
        return NtpWalk.REGISTRY.fields("Network Time Protocol", NtpFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Ntp x = Collected.dissector(d, "ntp", Ntp.class);
        return x == null ? null : x.fields(d.frame().number());
    }
}
