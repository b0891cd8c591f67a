package dev.tcpscope.proto.modbus;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-mbtcp.c's fields of the protocols mbtcp and modbus with Wireshark 4.0.17's names, titles
 * and types ({@code tshark -G fields}); their values are the detail tree's items of the frame.
 * Modbus RTU's and Modbus/UDP's are left out: tcpscope does not dissect them.
 */
public final class ModbusFields {
    private ModbusFields() { }

    public static List<Field> all() {
        return List.of(
                f("mbtcp", "Modbus/TCP", FieldType.PROTOCOL, 0),
                // proto_tree_add_protocol_format: -T fields prints the item's text, "Modbus" or the exception's
                new Field("modbus", "Modbus", FieldType.PROTOCOL, 0, Base.NONE, (d, v) -> {
                    Collected c = of(d);
                    if (c != null) {
                        c.values("modbus", FieldType.STRING, v);
                    }
                }),
                f("mbtcp.trans_id", "Transaction Identifier", FieldType.UINT, 16),
                f("mbtcp.prot_id", "Protocol Identifier", FieldType.UINT, 16),
                f("mbtcp.len", "Length", FieldType.UINT, 16),
                f("mbtcp.unit_id", "Unit Identifier", FieldType.UINT, 8),
                f("modbus.request_frame", "Request Frame", FieldType.FRAMENUM, 0),
                f("modbus.response_time", "Time from request", FieldType.RELATIVE_TIME, 0),
                f("modbus.func_code", "Function Code", FieldType.UINT, 8),
                f("modbus.reference_num", "Reference Number", FieldType.UINT, 16),
                f("modbus.padding", "Padding", FieldType.UINT, 8, Base.HEX),
                f("modbus.reference_num_32", "Reference Number (32 bit)", FieldType.UINT, 32),
                f("modbus.reference_type", "Reference Type", FieldType.UINT, 8),
                f("modbus.read_reference_num", "Read Reference Number", FieldType.UINT, 16),
                f("modbus.write_reference_num", "Write Reference Number", FieldType.UINT, 16),
                f("modbus.word_cnt", "Word Count", FieldType.UINT, 16),
                f("modbus.read_word_cnt", "Read Word Count", FieldType.UINT, 16),
                f("modbus.write_word_cnt", "Write Word Count", FieldType.UINT, 16),
                f("modbus.bit_cnt", "Bit Count", FieldType.UINT, 16),
                f("modbus.byte_cnt", "Byte Count", FieldType.UINT, 8),
                f("modbus.byte_cnt_16", "Byte Count (16-bit)", FieldType.UINT, 8),
                f("modbus.exception_code", "Exception Code", FieldType.UINT, 8),
                f("modbus.diagnostic_code", "Diagnostic Code", FieldType.UINT, 16),
                f("modbus.diagnostic.return_query_data.request", "Request Data", FieldType.BYTES, 0),
                f("modbus.diagnostic.return_query_data.echo", "Echo Data", FieldType.BYTES, 0),
                f("modbus.diagnostic.restart_communication_option", "Restart Communication Option", FieldType.UINT, 16, Base.HEX),
                f("modbus.diagnostic.return_diag_register", "Diagnostic Register Contents", FieldType.UINT, 16, Base.HEX),
                f("modbus.diagnostic.ascii_input_delimiter", "CHAR", FieldType.UINT, 8, Base.HEX),
                f("modbus.diagnostic.clear_ctr_diag_reg", "Clear Counters & Diag Register Echo", FieldType.UINT, 16),
                f("modbus.diagnostic.bus_message_count", "Total Message Count", FieldType.UINT, 16),
                f("modbus.diagnostic.bus_comm_error_count", "CRC Error Count", FieldType.UINT, 16),
                f("modbus.diagnostic.bus_exception_error_count", "Exception Error Count", FieldType.UINT, 16),
                f("modbus.diagnostic.slave_message_count", "Slave Message Count", FieldType.UINT, 16),
                f("modbus.diagnostic.no_slave_response_count", "Slave No Response Count", FieldType.UINT, 16),
                f("modbus.diagnostic.slave_nak_count", "Slave NAK Count", FieldType.UINT, 16),
                f("modbus.diagnostic.slave_busy_count", "Slave Device Busy Count", FieldType.UINT, 16),
                f("modbus.diagnostic.bus_char_overrun_count", "Slave Character Overrun Count", FieldType.UINT, 16),
                f("modbus.ev_status", "Status", FieldType.UINT, 16, Base.HEX),
                f("modbus.event", "Event", FieldType.UINT, 8),
                f("modbus.ev_count", "Event Count", FieldType.UINT, 16),
                f("modbus.ev_msg_count", "Message Count", FieldType.UINT, 16),
                f("modbus.ev_recv_comm_err", "Communication Error", FieldType.UINT, 8),
                f("modbus.ev_recv_char_over", "Character Overrun", FieldType.UINT, 8),
                f("modbus.ev_recv_lo_mode", "Currently in Listen Only Mode", FieldType.UINT, 8),
                f("modbus.ev_recv_broadcast", "Broadcast Received", FieldType.UINT, 8),
                f("modbus.ev_send_read_ex", "Read Exception Sent", FieldType.UINT, 8),
                f("modbus.ev_send_slave_abort_ex", "Slave Abort Exception Sent", FieldType.UINT, 8),
                f("modbus.ev_send_slave_busy_ex", "Slave Busy Exception Sent", FieldType.UINT, 8),
                f("modbus.ev_send_slave_nak_ex", "Slave Program NAK Exception Sent", FieldType.UINT, 8),
                f("modbus.ev_send_write_timeout", "Write Timeout Error Occurred", FieldType.UINT, 8),
                f("modbus.ev_send_lo_mode", "Currently in Listen Only Mode", FieldType.UINT, 8),
                f("modbus.and_mask", "AND mask", FieldType.UINT, 16, Base.HEX),
                f("modbus.or_mask", "OR mask", FieldType.UINT, 16, Base.HEX),
                f("modbus.data", "Data", FieldType.BYTES, 0),
                f("modbus.mei", "MEI type", FieldType.UINT, 8),
                f("modbus.read_device_id", "Read Device ID", FieldType.UINT, 8),
                f("modbus.object_id", "Object ID", FieldType.UINT, 8),
                f("modbus.num_objects", "Number of Objects", FieldType.UINT, 8),
                f("modbus.objects_len", "Object length", FieldType.UINT, 8),
                f("modbus.conformity_level", "Conformity Level", FieldType.UINT, 8, Base.HEX),
                f("modbus.more_follows", "More Follows", FieldType.UINT, 8, Base.HEX),
                f("modbus.next_object_id", "Next Object ID", FieldType.UINT, 8),
                f("modbus.object_str_value", "Object String Value", FieldType.STRING, 0),
                f("modbus.object_value", "Object Value", FieldType.BYTES, 0),
                f("modbus.bitnum", "Bit Number", FieldType.UINT, 16),
                f("modbus.bitval", "Bit Value", FieldType.BOOLEAN, 0),
                f("modbus.regnum16", "Register Number", FieldType.UINT, 16),
                f("modbus.regnum32", "Register Number", FieldType.UINT, 32),
                f("modbus.regval_uint16", "Register Value (UINT16)", FieldType.UINT, 16),
                f("modbus.regval_int16", "Register Value (INT16)", FieldType.INT, 16),
                f("modbus.regval_uint32", "Register Value (UINT32)", FieldType.UINT, 32),
                f("modbus.regval_int32", "Register Value (INT32)", FieldType.INT, 32),
                f("modbus.regval_float", "Register Value (IEEE Float)", FieldType.DOUBLE, 0),
                f("mbtcp.cannot_classify", "Cannot classify packet type. Try setting Modbus/TCP Port preference to this destination or source port", FieldType.NONE, 0),
                f("modbus.data.decode", "Invalid decoding options, register data not a multiple of 4!", FieldType.NONE, 0));
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, ModbusFields::of);
    }

    private static Field f(String name, String title, FieldType type, int bits, Base base) {
        return Collected.field(name, title, type, bits, base, ModbusFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Modbus m = Collected.dissector(d, "mbtcp", Modbus.class);
        return m == null ? null : m.fields(d.frame().number());
    }
}
