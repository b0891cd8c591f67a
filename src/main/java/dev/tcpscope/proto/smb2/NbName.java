package dev.tcpscope.proto.smb2;

import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * A NetBIOS name in its first-level encoding (RFC 1001 §14.1) as an NBSS session request carries
 * it: a one-label DNS name of 32 letters 'A'..'P', two per byte, then the root label; the 16th
 * byte is the name's type (packet-nbns.c get_nbns_name, shown "NAME<xx>").
 */
public record NbName(String name, int type, int length) {
    /** Reads the name at {@code off} (bounds-checked: a cut name stops the walk). */
    static NbName read(Tvb b, int off) {
        int label = b.u8(off);
        int pos = off + 1;
        StringBuilder raw = new StringBuilder(16);
        boolean valid = label == 32;
        for (int i = 0; i + 1 < label; i += 2) {
            int hi = b.u8(pos + i) - 'A';
            int lo = b.u8(pos + i + 1) - 'A';
            if (hi < 0 || hi > 15 || lo < 0 || lo > 15) {
                valid = false;
            }
            raw.append((char) ((hi << 4 | lo) & 0xff));
        }
        pos += label;
        // the rest of the DNS name: further labels up to the root
        for (int guard = 0; guard < 64; guard++) {
            int l = b.u8(pos);
            pos++;
            if (l == 0) {
                break;
            }
            pos += l & 0x3f;
        }
        if (!valid || raw.length() != 16) {
            return new NbName(raw.toString(), -1, pos - off);
        }
        String n = raw.substring(0, 15).stripTrailing();
        return new NbName(n, raw.charAt(15), pos - off);
    }

    String text() {
        return type < 0 ? name : String.format("%s<%02x>", name, type);
    }

    void tree(Tree t, Tvb b, String key, String title, int off) {
        String label = title + ": " + text() + (type < 0 ? "" : " (" + typeName(type) + ")");
        b.at(t.field(key, label, text()), off, length);
    }

    /** netbios_name_type_descr (packet-netbios.c). */
    public static String typeName(int type) {
        return switch (type) {
            case 0x00 -> "Workstation/Redirector";
            case 0x01 -> "Browser";
            case 0x02 -> "Workstation/Redirector";
            case 0x03 -> "Messenger service/Main name";
            case 0x05 -> "Forwarded name";
            case 0x06 -> "RAS Server service";
            case 0x1b -> "Domain Master Browser";
            case 0x1c -> "Domain Controllers";
            case 0x1d -> "Local Master Browser";
            case 0x1e -> "Browser Election Service";
            case 0x1f -> "Net DDE Service";
            case 0x20 -> "Server service";
            case 0x21 -> "RAS client service";
            case 0x22 -> "Exchange Interchange (MSMail Connector)";
            case 0x23 -> "Exchange Store";
            case 0x24 -> "Exchange Directory";
            case 0x2b -> "Lotus Notes Server service";
            case 0x30 -> "Modem sharing server service";
            case 0x31 -> "Modem sharing client service";
            case 0x43 -> "SMS Clients Remote Control";
            case 0x44 -> "SMS Administrators Remote Control Tool";
            case 0x45 -> "SMS Clients Remote Chat";
            case 0x46 -> "SMS Clients Remote Transfer";
            case 0x4c, 0x52 -> "DEC Pathworks TCP/IP Service on Windows NT";
            case 0x6a -> "Microsoft Exchange IMC";
            case 0x87 -> "Microsoft Exchange MTA";
            case 0xbe -> "Network Monitor Agent";
            case 0xbf -> "Network Monitor Analyzer";
            default -> "Unknown";
        };
    }
}
