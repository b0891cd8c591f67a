package dev.tcpscope.proto.smb2;

import dev.tcpscope.field.NameTables;

import java.util.Map;

/**
 * The names packet-smb2.c gives SMB2 numbers in the Info column and the tree: commands, NT
 * status codes, ioctl functions and info levels, the larger tables loaded from the files
 * {@code scripts/gen-value-names.sh} writes from tshark's own value strings.
 */
final class Smb2Names {
    private Smb2Names() { }

    private static final Map<Integer, String> STATUS = NameTables.loadSparse("smb2-nt-status.tsv");
    private static final Map<Integer, String> IOCTL = NameTables.loadSparse("smb2-ioctl.tsv");
    private static final String[] FILE_INFO = NameTables.load("smb2-file-info.tsv", 256);
    private static final String[] FS_INFO = NameTables.load("smb2-fs-info.tsv", 256);
    private static final String[] FIND_LEVEL = NameTables.load("smb2-find-level.tsv", 256);
    private static final String[] COMMANDS = {"Negotiate Protocol", "Session Setup", "Session Logoff", "Tree Connect",
        "Tree Disconnect", "Create", "Close", "Flush", "Read", "Write", "Lock", "Ioctl", "Cancel", "KeepAlive", "Find",
        "Notify", "GetInfo", "SetInfo", "Break"};

    /** smb2_cmd_vals: the command's name ("unknown-0x13" past Break). */
    static String command(int op) {
        if (op >= 0 && op < COMMANDS.length) {
            return COMMANDS[op];
        }
        return op < 256 ? String.format("unknown-0x%02X", op) : String.format("Unknown (%d)", op);
    }

    /** NT_errors: the status's name, else "Unknown (0x%08x)". */
    static String status(long st) {
        String n = STATUS.get((int) st);
        return n != null ? n : String.format("Unknown (0x%08x)", st);
    }

    static String ioctl(long function) {
        String n = IOCTL.get((int) function);
        return n != null ? n : String.format("Unknown (0x%08x)", function);
    }

    static String findLevel(int level) {
        String n = level >= 0 && level < FIND_LEVEL.length ? FIND_LEVEL[level] : null;
        return n != null ? n : String.format("(Level:0x%02x)", level);
    }

    /** The class/level pair of GetInfo and SetInfo ("FILE_INFO/SMB2_FILE_ALL_INFO"). */
    static String classLevel(int cls, int level) {
        return switch (cls) {
            case 1 -> "FILE_INFO/" + orUnknown(FILE_INFO[level], level);
            case 2 -> "FS_INFO/" + orUnknown(FS_INFO[level], level);
            case 3 -> "SEC_INFO/" + (level == 0 ? "SMB2_SEC_INFO_00" : String.format("(Level:0x%02x)", level));
            case 4 -> "QUOTA_INFO/" + (level == 0 ? "SMB2_FILE_QUOTA_INFO" : String.format("(Level:0x%02x)", level));
            default -> String.format("(Class:0x%02x)/(Level:0x%02x)", cls, level);
        };
    }

    private static String orUnknown(String n, int level) {
        return n != null ? n : String.format("(Level:0x%02x)", level);
    }
}
