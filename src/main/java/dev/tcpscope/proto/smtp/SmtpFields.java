package dev.tcpscope.proto.smtp;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-smtp.c's and packet-imf.c's fields, with Wireshark's names, titles and types (as
 * {@code tshark -G fields} lists them); their values are the detail tree's items of the frame.
 */
public final class SmtpFields {
    private SmtpFields() { }

    public static List<Field> all() {
        return List.of(
                f("smtp", "Simple Mail Transfer Protocol", FieldType.PROTOCOL, 0),
                f("imf", "Internet Message Format", FieldType.PROTOCOL, 0),
                f("imf.date", "Date", FieldType.STRING, 0),
                f("imf.from", "From", FieldType.STRING, 0),
                f("imf.sender", "Sender", FieldType.STRING, 0),
                f("imf.reply_to", "Reply-To", FieldType.STRING, 0),
                f("imf.to", "To", FieldType.STRING, 0),
                f("imf.cc", "Cc", FieldType.STRING, 0),
                f("imf.bcc", "Bcc", FieldType.STRING, 0),
                f("imf.message_id", "Message-ID", FieldType.STRING, 0),
                f("imf.in_reply_to", "In-Reply-To", FieldType.STRING, 0),
                f("imf.references", "References", FieldType.STRING, 0),
                f("imf.subject", "Subject", FieldType.STRING, 0),
                f("imf.comments", "Comments", FieldType.STRING, 0),
                f("imf.user_agent", "User-Agent", FieldType.STRING, 0),
                f("imf.keywords", "Keywords", FieldType.STRING, 0),
                f("imf.resent.date", "Resent-Date", FieldType.STRING, 0),
                f("imf.resent.from", "Resent-From", FieldType.STRING, 0),
                f("imf.resent.sender", "Resent-Sender", FieldType.STRING, 0),
                f("imf.resent.to", "Resent-To", FieldType.STRING, 0),
                f("imf.resent.cc", "Resent-Cc", FieldType.STRING, 0),
                f("imf.resent.bcc", "Resent-Bcc", FieldType.STRING, 0),
                f("imf.resent.message_id", "Resent-Message-ID", FieldType.STRING, 0),
                f("imf.return_path", "Return-Path", FieldType.STRING, 0),
                f("imf.received", "Received", FieldType.STRING, 0),
                f("imf.content.type", "Content-Type", FieldType.STRING, 0),
                f("imf.content.type.type", "Type", FieldType.STRING, 0),
                f("imf.content.type.parameters", "Parameters", FieldType.STRING, 0),
                f("imf.content.description", "Content-Description", FieldType.STRING, 0),
                f("imf.content.id", "Content-ID", FieldType.STRING, 0),
                f("imf.content.transfer_encoding", "Content-Transfer-Encoding", FieldType.STRING, 0),
                f("imf.mime_version", "MIME-Version", FieldType.STRING, 0),
                f("imf.autoforwarded", "Autoforwarded", FieldType.STRING, 0),
                f("imf.autosubmitted", "Autosubmitted", FieldType.STRING, 0),
                f("imf.x400_content_identifier", "X400-Content-Identifier", FieldType.STRING, 0),
                f("imf.content_language", "Content-Language", FieldType.STRING, 0),
                f("imf.conversion", "Conversion", FieldType.STRING, 0),
                f("imf.conversion_with_loss", "Conversion-With-Loss", FieldType.STRING, 0),
                f("imf.delivery_date", "Delivery-Date", FieldType.STRING, 0),
                f("imf.discarded_x400_ipms_extensions", "Discarded-X400-IPMS-Extensions", FieldType.STRING, 0),
                f("imf.discarded_x400_mts_extensions", "Discarded-X400-MTS-Extensions", FieldType.STRING, 0),
                f("imf.dl_expansion_history", "DL-Expansion-History", FieldType.STRING, 0),
                f("imf.deferred_delivery", "Deferred-Delivery", FieldType.STRING, 0),
                f("imf.expires", "Expires", FieldType.STRING, 0),
                f("imf.importance", "Importance", FieldType.STRING, 0),
                f("imf.incomplete_copy", "Incomplete-Copy", FieldType.STRING, 0),
                f("imf.latest_delivery_time", "Latest-Delivery-Time", FieldType.STRING, 0),
                f("imf.message_type", "Message-Type", FieldType.STRING, 0),
                f("imf.original_encoded_information_types", "Original-Encoded-Information-Types", FieldType.STRING, 0),
                f("imf.originator_return_address", "Originator-Return-Address", FieldType.STRING, 0),
                f("imf.priority", "Priority", FieldType.STRING, 0),
                f("imf.reply_by", "Reply-By", FieldType.STRING, 0),
                f("imf.sensitivity", "Sensitivity", FieldType.STRING, 0),
                f("imf.supersedes", "Supersedes", FieldType.STRING, 0),
                f("imf.x400_content_type", "X400-Content-Type", FieldType.STRING, 0),
                f("imf.x400_mts_identifier", "X400-MTS-Identifier", FieldType.STRING, 0),
                f("imf.x400_originator", "X400-Originator", FieldType.STRING, 0),
                f("imf.x400_received", "X400-Received", FieldType.STRING, 0),
                f("imf.x400_recipients", "X400-Recipients", FieldType.STRING, 0),
                f("imf.delivered_to", "Delivered-To", FieldType.STRING, 0),
                f("imf.ext.mailer", "X-Mailer", FieldType.STRING, 0),
                f("imf.ext.mimeole", "X-MimeOLE", FieldType.STRING, 0),
                f("imf.ext.expiry-date", "Expiry-Date", FieldType.STRING, 0),
                f("imf.ext.tnef-correlator", "X-MS-TNEF-Correlator", FieldType.STRING, 0),
                f("imf.ext.uidl", "X-UIDL", FieldType.STRING, 0),
                f("imf.ext.authentication_warning", "X-Authentication-Warning", FieldType.STRING, 0),
                f("imf.ext.virus_scanned", "X-Virus-Scanned", FieldType.STRING, 0),
                f("imf.ext.original-to", "X-Original-To", FieldType.STRING, 0),
                f("imf.thread-index", "Thread-Index", FieldType.STRING, 0),
                f("imf.lines", "Lines", FieldType.STRING, 0),
                f("imf.precedence", "Precedence", FieldType.STRING, 0),
                f("imf.extension", "Unknown-Extension", FieldType.STRING, 0),
                f("imf.extension.type", "Type", FieldType.STRING, 0),
                f("imf.extension.value", "Value", FieldType.STRING, 0),
                f("imf.display_name", "Display-Name", FieldType.STRING, 0),
                f("imf.address", "Address", FieldType.STRING, 0),
                f("imf.address_list.item", "Item", FieldType.STRING, 0),
                f("imf.mailbox_list.item", "Item", FieldType.STRING, 0),
                f("imf.siolabel", "SIO-Label", FieldType.NONE, 0),
                f("imf.siolabel.marking", "Marking", FieldType.STRING, 0),
                f("imf.siolabel.fgcolor", "Foreground Color", FieldType.STRING, 0),
                f("imf.siolabel.bgcolor", "Background Color", FieldType.STRING, 0),
                f("imf.siolabel.type", "Type", FieldType.STRING, 0),
                f("imf.siolabel.label", "Label", FieldType.STRING, 0),
                f("imf.siolabel.unknown", "Unknown parameter", FieldType.STRING, 0),
                f("imf.message_text", "Message-Text", FieldType.NONE, 0),
                f("imf.unknown_param", "Unknown parameter", FieldType.NONE, 0),
                f("smtp.req", "Request", FieldType.BOOLEAN, 0),
                f("smtp.rsp", "Response", FieldType.BOOLEAN, 0),
                f("smtp.message", "Message", FieldType.STRING, 0),
                f("smtp.command_line", "Command Line", FieldType.STRING, 0),
                f("smtp.req.command", "Command", FieldType.STRING, 0),
                f("smtp.req.parameter", "Request parameter", FieldType.STRING, 0),
                f("smtp.response", "Response", FieldType.STRING, 0),
                f("smtp.response.code", "Response code", FieldType.UINT, 32),
                f("smtp.rsp.parameter", "Response parameter", FieldType.STRING, 0),
                f("smtp.auth.username", "Username", FieldType.STRING, 0),
                f("smtp.auth.password", "Password", FieldType.STRING, 0),
                f("smtp.auth.username_password", "Username/Password", FieldType.STRING, 0),
                f("smtp.eom", "EOM", FieldType.NONE, 0),
                f("smtp.data.fragments", "DATA fragments", FieldType.NONE, 0),
                f("smtp.data.fragment", "DATA fragment", FieldType.FRAMENUM, 0),
                f("smtp.data.fragment.overlap", "DATA fragment overlap", FieldType.BOOLEAN, 0),
                f("smtp.data.fragment.overlap.conflicts", "DATA fragment overlapping with conflicting data", FieldType.BOOLEAN, 0),
                f("smtp.data.fragment.multiple_tails", "DATA has multiple tail fragments", FieldType.BOOLEAN, 0),
                f("smtp.data.fragment.too_long_fragment", "DATA fragment too long", FieldType.BOOLEAN, 0),
                f("smtp.data.fragment.error", "DATA defragmentation error", FieldType.FRAMENUM, 0),
                f("smtp.data.fragment.count", "DATA fragment count", FieldType.UINT, 32),
                f("smtp.data.reassembled.in", "Reassembled DATA in frame", FieldType.FRAMENUM, 0),
                f("smtp.data.reassembled.length", "Reassembled DATA length", FieldType.UINT, 32),
                f("smtp.base64_decode", "base64 decode failed or is not enabled (check SMTP preferences)", FieldType.NONE, 0),
                f("smtp.response.code.unexpected", "Unexpected response code in multiline response", FieldType.NONE, 0));
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        // IMF is also POP's: its fields come from whichever mail protocol showed the message
        return Collected.field(name, title, type, bits,
                name.equals("imf") || name.startsWith("imf.") ? dev.tcpscope.proto.Media::mailTreeFields : SmtpFields::treeFields);
    }

    /** The items of the frame's SMTP tree (with the IMF message and what its body holds), or null. */
    public static Collected treeFields(dev.tcpscope.tcp.Decoder d) {
        Smtp smtp = Collected.dissector(d, "smtp", Smtp.class);
        return smtp == null ? null : smtp.fields(d.frame().number());
    }
}
