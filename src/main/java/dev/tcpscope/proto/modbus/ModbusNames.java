package dev.tcpscope.proto.modbus;

/** packet-mbtcp.c's value strings (Wireshark 4.0.17), by code; null where a table has no name. */
final class ModbusNames {
    private ModbusNames() { }

    /** function_code_vals. */
    static String function(int code) {
        return switch (code) {
            case 1 -> "Read Coils";
            case 2 -> "Read Discrete Inputs";
            case 3 -> "Read Holding Registers";
            case 4 -> "Read Input Registers";
            case 5 -> "Write Single Coil";
            case 6 -> "Write Single Register";
            case 7 -> "Read Exception Status";
            case 8 -> "Diagnostics";
            case 11 -> "Get Comm. Event Counters";
            case 12 -> "Get Comm. Event Log";
            case 15 -> "Write Multiple Coils";
            case 16 -> "Write Multiple Registers";
            case 17 -> "Report Slave ID";
            case 20 -> "Read File Record";
            case 21 -> "Write File Record";
            case 22 -> "Mask Write Register";
            case 23 -> "Read Write Register";
            case 24 -> "Read FIFO Queue";
            case 43 -> "Encapsulated Interface Transport";
            case 90 -> "Unity (Schneider)";
            default -> null;
        };
    }

    /** exception_code_vals. */
    static String exception(int code) {
        return switch (code) {
            case 1 -> "Illegal function";
            case 2 -> "Illegal data address";
            case 3 -> "Illegal data value";
            case 4 -> "Slave device failure";
            case 5 -> "Acknowledge";
            case 6 -> "Slave device busy";
            case 8 -> "Memory parity error";
            case 10 -> "Gateway path unavailable";
            case 11 -> "Gateway target device failed to respond";
            default -> null;
        };
    }

    /** encap_interface_code_vals (the trailing space of CANopen's is 4.0's). */
    static String mei(int code) {
        return switch (code) {
            case 13 -> "CANopen Request/Response ";
            case 14 -> "Read Device Identification";
            default -> null;
        };
    }

    /** diagnostic_code_vals. */
    static String diagnostic(int code) {
        return switch (code) {
            case 0 -> "Return Query Data";
            case 1 -> "Restart Communications Option";
            case 2 -> "Return Diagnostic Register";
            case 3 -> "Change ASCII Input Delimiter";
            case 4 -> "Force Listen Only Mode";
            case 10 -> "Clear Counters and Diagnostic Register";
            case 11 -> "Return Bus Message Count";
            case 12 -> "Return Bus Communication Error Count";
            case 13 -> "Return Bus Exception Error Count";
            case 14 -> "Return Slave Message Count";
            case 15 -> "Return Slave No Response Count";
            case 16 -> "Return Slave NAK Count";
            case 17 -> "Return Slave Busy Count";
            case 18 -> "Return Bus Character Overrun Count";
            case 20 -> "Clear Overrun Counter and Flag";
            default -> null;
        };
    }

    /** diagnostic_restart_communication_option_vals. */
    static String restartOption(int code) {
        return switch (code) {
            case 0 -> "Leave Log";
            case 0xff -> "Clear Log";
            default -> null;
        };
    }

    /** read_device_id_vals. */
    static String readDeviceId(int code) {
        return switch (code) {
            case 1 -> "Basic Device Identification";
            case 2 -> "Regular Device Identification";
            case 3 -> "Extended Device Identification";
            case 4 -> "Specific Identification Object";
            default -> null;
        };
    }

    /** object_id_vals. */
    static String objectId(int code) {
        return switch (code) {
            case 0 -> "VendorName";
            case 1 -> "ProductCode";
            case 2 -> "MajorMinorRevision";
            case 3 -> "VendorURL";
            case 4 -> "ProductName";
            case 5 -> "ModelName";
            case 6 -> "UserApplicationName";
            default -> null;
        };
    }

    /** conformity_level_vals. */
    static String conformity(int code) {
        return switch (code) {
            case 0x01 -> "Basic Device Identification (stream)";
            case 0x02 -> "Regular Device Identification (stream)";
            case 0x03 -> "Extended Device Identification (stream)";
            case 0x81 -> "Basic Device Identification (stream and individual)";
            case 0x82 -> "Regular Device Identification (stream and individual)";
            case 0x83 -> "Extended Device Identification (stream and individual)";
            default -> null;
        };
    }

    /** A value_string label: "Name (N)", or "Unknown (N)". */
    static String named(String name, String number) {
        return (name == null ? "Unknown" : name) + " (" + number + ")";
    }
}
