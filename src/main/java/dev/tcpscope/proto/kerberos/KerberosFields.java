package dev.tcpscope.proto.kerberos;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-kerberos.c's fields (protocol {@code kerberos}) with Wireshark 4.0.17's names, titles
 * and types (its {@code tshark -G fields} rows, {@link KrbBer#REG}), so that filters, {@code -e}
 * and {@code tcpscope fields} know every one; their values are the detail tree's items of the frame.
 */
public final class KerberosFields {
    private KerberosFields() { }

    public static List<Field> all() {
        return KrbBer.REG.fields("Kerberos", KerberosFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Kerberos k = Collected.dissector(d, "kerberos", Kerberos.class);
        return k == null ? null : k.treeFields(d.frame().number());
    }
}
