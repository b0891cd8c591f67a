package dev.tcpscope.present;

/**
 * Wireshark's expert items: a finding attached under the item it is about, shown by
 * {@code -V} as {@code [Expert Info (Note/Sequence): message]} with the finding, its severity
 * and its group beneath, and by {@code -T json} as a {@code _ws.expert} object.
 */
final class Expert {
    /** Severity levels with the values {@code _ws.expert.severity} shows (epan/proto.h PI_*). */
    enum Severity {
        COMMENT("Comment", 0x00100000), CHAT("Chat", 0x00200000), NOTE("Note", 0x00400000),
        WARNING("Warning", 0x00600000), ERROR("Error", 0x00800000);

        final String label;
        final int value;

        Severity(String label, int value) {
            this.label = label;
            this.value = value;
        }
    }

    /** Groups with the values {@code _ws.expert.group} shows. */
    enum Group {
        CHECKSUM("Checksum", 0x01000000), SEQUENCE("Sequence", 0x02000000),
        RESPONSE_CODE("Response", 0x03000000), REQUEST_CODE("Request", 0x04000000),
        UNDECODED("Undecoded", 0x05000000), REASSEMBLE("Reassemble", 0x06000000),
        MALFORMED("Malformed", 0x07000000), DEBUG("Debug", 0x08000000), PROTOCOL("Protocol", 0x09000000),
        SECURITY("Security", 0x0a000000), COMMENTS_GROUP("Comment", 0x0b000000),
        DECRYPTION("Decryption", 0x0c000000), ASSUMPTION("Assumption", 0x0d000000),
        DEPRECATED("Deprecated", 0x0e000000);

        final String label;
        final int value;

        Group(String label, int value) {
            this.label = label;
            this.value = value;
        }
    }

    private Expert() { }

    /**
     * Adds an expert item under {@code parent}: {@code key} is the expert field's name
     * ({@code tcp.analysis.retransmission}), shown with {@code message} as its label.
     */
    static DetailNode add(DetailNode parent, String key, Severity severity, Group group, String text) {
        // expert.c formats the message into a label-sized buffer (239 bytes kept), and the item's
        // label is then marked truncated when it does not fit
        String message = text.length() < 240 ? text : text.substring(0, 239);
        DetailNode e = parent.protocol("_ws.expert",
                Labels.represented("Expert Info (" + severity.label + "/" + group.label + "): " + message)).generated();
        e.none(key, message).generated();
        e.field("_ws.expert.message", Labels.truncated("Message", message), message).hide(); // labelled for -T pdml
        e.field("_ws.expert.severity", "Severity level: " + severity.label, severity.value).generated();
        e.field("_ws.expert.group", "Group: " + group.label, group.value).generated();
        if (group == Group.MALFORMED) {
            // expert.c adds a hidden _ws.malformed item so that the filter "_ws.malformed" finds it
            parent.protocol("_ws.malformed", "Malformed Packet").hide();
        }
        return e;
    }
}
