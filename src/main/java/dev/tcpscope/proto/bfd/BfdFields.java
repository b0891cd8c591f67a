package dev.tcpscope.proto.bfd;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;

import java.util.ArrayList;
import java.util.List;

/**
 * packet-bfd.c's fields ({@code bfd.*} of protocol {@code bfd}, {@code bfd_echo.packet} of
 * {@code bfd_echo}) with Wireshark 4.0.17's names, titles and types ({@link BfdWalk#REGISTRY}),
 * so that filters, {@code -e} and {@code tcpscope fields} know every one; their values are the
 * detail tree's items of the frame.
 */
public final class BfdFields {
    private BfdFields() { }

    public static List<Field> all() {
        List<Field> out = new ArrayList<>(BfdWalk.REGISTRY.fields("Bidirectional Forwarding Detection Control Message", d -> of(d, "bfd")));
        out.addAll(BfdWalk.ECHO.fields("Bidirectional Forwarding Detection Echo Packet", d -> of(d, "bfd_echo")));
        return out;
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d, String name) {
        Bfd x = Collected.dissector(d, name, Bfd.class);
        return x == null ? null : x.fields(d.frame().number());
    }
}
