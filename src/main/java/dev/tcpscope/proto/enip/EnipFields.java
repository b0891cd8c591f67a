package dev.tcpscope.proto.enip;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * The fields of packet-enip.c's and packet-cip.c's trees that tcpscope builds (protocols
 * {@code enip}, {@code cip}, {@code cipcls}, {@code cippccc}) with tshark 4.0.17's names, titles,
 * types and bases ({@code tshark -G fields}); their values are the detail tree's items of the
 * frame. Where Wireshark registers a name three times (cip.class as 8, 16 and 32 bits) it is
 * registered once, as the 8-bit one (a wider value prints all its digits all the same).
 */
public final class EnipFields {
    private EnipFields() { }

    public static List<Field> all() {
        return List.of(
                f("enip", "EtherNet/IP (Industrial Protocol)", FieldType.PROTOCOL, 0, Base.NONE),
                f("enip.command", "Command", FieldType.UINT, 16, Base.HEX),
                f("enip.length", "Length", FieldType.UINT, 16, Base.DEC),
                f("enip.session", "Session Handle", FieldType.UINT, 32, Base.HEX),
                f("enip.status", "Status", FieldType.UINT, 32, Base.HEX),
                f("enip.context", "Sender Context", FieldType.BYTES, 0, Base.NONE),
                f("enip.listid_delay", "Max Response Delay", FieldType.UINT, 16, Base.DEC),
                f("enip.options", "Options", FieldType.UINT, 32, Base.HEX),
                f("enip.encapver", "Encapsulation Protocol Version", FieldType.UINT, 16, Base.DEC),
                f("enip.sinfamily", "sin_family", FieldType.UINT, 16, Base.DEC),
                f("enip.sinport", "sin_port", FieldType.UINT, 16, Base.DEC),
                f("enip.sinaddr", "sin_addr", FieldType.IPV4, 0, Base.NONE),
                f("enip.sinzero", "sin_zero", FieldType.BYTES, 0, Base.NONE),
                f("enip.timeout", "Timeout", FieldType.UINT, 16, Base.DEC),
                f("enip.encap_data", "Encap Data", FieldType.BYTES, 0, Base.NONE),
                f("enip.lsr.capaflags", "Capability Flags", FieldType.UINT, 16, Base.HEX),
                f("enip.lsr.capaflags.tcp", "Supports CIP Encapsulation via TCP", FieldType.BOOLEAN, 0, Base.NONE),
                f("enip.lsr.capaflags.udp", "Supports CIP Class 0 or 1 via UDP", FieldType.BOOLEAN, 0, Base.NONE),
                f("enip.lsr.servicename", "Name of Service", FieldType.STRING, 0, Base.NONE),
                f("enip.rs.version", "Protocol Version", FieldType.UINT, 16, Base.DEC),
                f("enip.rs.flags", "Option Flags", FieldType.UINT, 16, Base.HEX),
                f("enip.srrd.iface", "Interface Handle", FieldType.UINT, 32, Base.HEX),
                f("enip.sud.iface", "Interface Handle", FieldType.UINT, 32, Base.HEX),
                f("enip.lir.vendor", "Vendor ID", FieldType.UINT, 16, Base.HEX),
                f("enip.lir.devtype", "Device Type", FieldType.UINT, 16, Base.DEC),
                f("enip.lir.prodcode", "Product Code", FieldType.UINT, 16, Base.DEC),
                f("enip.lir.revision", "Revision", FieldType.UINT, 16, Base.DEC),
                f("enip.lir.status", "Status", FieldType.UINT, 16, Base.HEX),
                f("enip.lir.serial", "Serial Number", FieldType.UINT, 32, Base.HEX),
                f("enip.lir.namelen", "Product Name Length", FieldType.UINT, 8, Base.DEC),
                f("enip.lir.name", "Product Name", FieldType.STRING, 0, Base.NONE),
                f("enip.lir.state", "State", FieldType.UINT, 8, Base.HEX),
                f("enip.cpf.itemcount", "Item Count", FieldType.UINT, 16, Base.DEC),
                f("enip.cpf.typeid", "Type ID", FieldType.UINT, 16, Base.HEX),
                f("enip.cpf.length", "Length", FieldType.UINT, 16, Base.DEC),
                f("cip.seq", "CIP Sequence Count", FieldType.UINT, 16, Base.DEC),
                f("enip.cpf.cai.connid", "Connection ID", FieldType.UINT, 32, Base.HEX),
                f("enip.cpf.sai.connid", "Connection ID", FieldType.UINT, 32, Base.HEX),
                f("enip.cpf.sai.seq", "Encapsulation Sequence Number", FieldType.UINT, 32, Base.DEC),
                f("enip.cpf.data", "Data", FieldType.BYTES, 0, Base.NONE),
                f("enip.response_in", "Response In", FieldType.FRAMENUM, 0, Base.NONE),
                f("enip.response_to", "Request In", FieldType.FRAMENUM, 0, Base.NONE),
                f("enip.time", "Time", FieldType.RELATIVE_TIME, 0, Base.NONE),
                f("enip.malformed.cpf_item_length_mismatch", "CPF Item Length Mismatch", FieldType.NONE, 0, Base.NONE),
                f("enip.malformed.cpf_item_minimum_size", "CPF Item Minimum Size is 4", FieldType.NONE, 0, Base.NONE),
                f("cip.connid", "Connection ID", FieldType.UINT, 32, Base.HEX),
                f("cip", "Common Industrial Protocol", FieldType.PROTOCOL, 0, Base.NONE),
                f("cip.service", "Service", FieldType.UINT, 8, Base.HEX),
                f("cip.rr", "Request/Response", FieldType.UINT, 8, Base.HEX),
                f("cip.sc", "Service", FieldType.UINT, 8, Base.HEX),
                f("cip.epath", "EPath", FieldType.BYTES, 0, Base.NONE),
                f("cip.genstat", "General Status", FieldType.UINT, 8, Base.HEX),
                f("cip.addstat_size", "Additional Status Size", FieldType.UINT, 8, Base.DEC),
                f("cip.addstat", "Additional Status", FieldType.UINT, 16, Base.HEX),
                f("cip.request_path_size", "Request Path Size", FieldType.UINT, 8, Base.DEC),
                f("cip.path_segment", "Path Segment", FieldType.UINT, 8, Base.HEX),
                f("cip.path_segment.type", "Path Segment Type", FieldType.UINT, 8, Base.DEC),
                f("cip.logical_segment.type", "Logical Segment Type", FieldType.UINT, 8, Base.DEC),
                f("cip.logical_segment.format", "Logical Segment Format", FieldType.UINT, 8, Base.DEC),
                f("cip.class", "Class", FieldType.UINT, 8, Base.HEX),
                f("cip.instance", "Instance", FieldType.UINT, 8, Base.HEX),
                f("cip.member", "Member", FieldType.UINT, 8, Base.HEX),
                f("cip.attribute", "Attribute", FieldType.UINT, 8, Base.DEC),
                f("cip.connpoint", "Connection Point", FieldType.UINT, 8, Base.HEX),
                f("cip.data_segment.type", "Data Segment Type", FieldType.UINT, 8, Base.DEC),
                f("cip.data_segment.size", "Data Size", FieldType.UINT, 8, Base.DEC),
                f("cip.data_segment.data", "Data", FieldType.BYTES, 0, Base.NONE),
                f("cip.symbol", "ANSI Symbol", FieldType.STRING, 0, Base.NONE),
                f("cip.msp.num_services", "Number of Services", FieldType.UINT, 16, Base.DEC),
                f("cip.msp.offset", "Offset", FieldType.UINT, 16, Base.DEC),
                f("cip.getlist.attr_count", "Attribute Count", FieldType.UINT, 16, Base.DEC),
                f("cip.create.instance", "Instance", FieldType.UINT, 16, Base.DEC),
                f("cip.reset.type", "Reset type", FieldType.UINT, 8, Base.DEC),
                f("cip.find_next_object.max_instance", "Maximum ID", FieldType.UINT, 8, Base.DEC),
                f("cip.data", "Data", FieldType.BYTES, 0, Base.NONE),
                f("cip.class_revision", "Revision", FieldType.UINT, 16, Base.DEC),
                f("cip.max_instance", "Max Instance", FieldType.UINT, 16, Base.DEC),
                f("cip.num_instance", "Number of Instances", FieldType.UINT, 16, Base.DEC),
                f("cip.num_class_attr", "Maximum ID Number Class Attributes", FieldType.UINT, 16, Base.DEC),
                f("cip.num_inst_attr", "Maximum ID Number Instance Attributes", FieldType.UINT, 16, Base.DEC),
                f("cip.id.vendor_id", "Vendor ID", FieldType.UINT, 16, Base.HEX),
                f("cip.id.device_type", "Device Type", FieldType.UINT, 16, Base.HEX),
                f("cip.id.product_code", "Product Code", FieldType.UINT, 16, Base.DEC),
                f("cip.id.major_rev", "Major Revision", FieldType.UINT, 8, Base.DEC),
                f("cip.id.minor_rev", "Minor Revision", FieldType.UINT, 8, Base.DEC),
                f("cip.id.serial_number", "Serial Number", FieldType.UINT, 32, Base.HEX),
                f("cip.id.product_name", "Product Name", FieldType.STRING, 0, Base.NONE),
                f("cip.id.state", "State", FieldType.UINT, 8, Base.HEX),
                f("cip.id.config_value", "Configuration Consistency Value", FieldType.UINT, 16, Base.HEX),
                f("cip.id.heartbeat", "Heartbeat Interval", FieldType.UINT, 8, Base.HEX),
                f("cip.tcpip.encap_inactivity", "Encapsulation Inactivity Timeout", FieldType.UINT, 16, Base.DEC),
                f("cip.elink.interface_speed", "Interface Speed", FieldType.UINT, 32, Base.DEC),
                f("cipcls", "CIP Class Generic", FieldType.PROTOCOL, 0, Base.NONE),
                f("cippccc", "CIP PCCC Object", FieldType.PROTOCOL, 0, Base.NONE),
                f("cip.pccc.sc", "Service", FieldType.UINT, 8, Base.HEX),
                f("cip.pccc.req.id.len", "Requestor ID Length", FieldType.UINT, 8, Base.HEX),
                f("cip.pccc.cip.vend.id", "CIP Vendor ID", FieldType.UINT, 16, Base.HEX),
                f("cip.pccc.cip.serial.num", "CIP Serial Number", FieldType.UINT, 32, Base.HEX),
                f("cip.pccc.cmd.code", "Command Code", FieldType.UINT, 8, Base.HEX),
                f("cip.pccc.gs.status", "Status", FieldType.UINT, 8, Base.HEX),
                f("cip.pccc.es.status", "Extended Status", FieldType.UINT, 8, Base.HEX),
                f("cip.pccc.tns.code", "Transaction Code", FieldType.UINT, 16, Base.HEX),
                f("cip.pccc.fnc.code_06", "Function Code", FieldType.UINT, 8, Base.HEX),
                f("cip.pccc.fnc.code_07", "Function Code", FieldType.UINT, 8, Base.HEX),
                f("cip.pccc.fnc.code_0f", "Function Code", FieldType.UINT, 8, Base.HEX),
                f("cip.pccc.byte.size", "Byte Size", FieldType.UINT, 8, Base.HEX),
                f("cip.pccc.file.num", "File Number", FieldType.UINT, 8, Base.HEX),
                f("cip.pccc.file.type", "File Type", FieldType.UINT, 8, Base.HEX),
                f("cip.pccc.element.num", "Element Number", FieldType.UINT, 8, Base.HEX),
                f("cip.pccc.subelement.num", "Sub-Element Number", FieldType.UINT, 8, Base.HEX),
                f("cip.pccc.cpu.mode_80", "CPU Mode", FieldType.UINT, 8, Base.HEX),
                f("cip.pccc.resp.code", "Response Code", FieldType.UINT, 8, Base.HEX),
                f("cip.pccc.data", "Data", FieldType.BYTES, 0, Base.NONE));
    }

    private static Field f(String name, String title, FieldType type, int bits, Base base) {
        return Collected.field(name, title, type, bits, base, EnipFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Enip e = Collected.dissector(d, "enip", Enip.class);
        return e == null ? null : e.fields(d.frame().number());
    }
}
