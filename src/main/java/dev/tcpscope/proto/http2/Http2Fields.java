package dev.tcpscope.proto.http2;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-http2.c's fields with Wireshark 4.0.17's names, titles and types ({@code tshark -G
 * fields}); their values are the detail tree's items of the frame.
 */
public final class Http2Fields {
    private Http2Fields() { }

    public static List<Field> all() {
        return List.of(
                f("http2", "HyperText Transfer Protocol 2", FieldType.PROTOCOL, 0),
                f("http2.stream", "Stream", FieldType.NONE, 0),
                f("http2.length", "Length", FieldType.UINT, 24),
                f("http2.type", "Type", FieldType.UINT, 8),
                f("http2.r", "Reserved", FieldType.UINT, 32, Base.HEX),
                f("http2.headers.weight", "Weight", FieldType.UINT, 8),
                f("http2.headers.weight_real", "Weight real", FieldType.UINT, 8),
                f("http2.streamid", "Stream Identifier", FieldType.UINT, 32),
                f("http2.magic", "Magic", FieldType.STRING, 0),
                f("http2.unknown", "Unknown", FieldType.BYTES, 0),
                f("http2.flags", "Flags", FieldType.UINT, 8, Base.HEX),
                f("http2.flags.end_stream", "End Stream", FieldType.BOOLEAN, 8),
                f("http2.flags.eh", "End Headers", FieldType.BOOLEAN, 8),
                f("http2.flags.padded", "Padded", FieldType.BOOLEAN, 8),
                f("http2.flags.priority", "Priority", FieldType.BOOLEAN, 8),
                f("http2.flags.ack.ping", "ACK", FieldType.BOOLEAN, 8),
                f("http2.flags.unused", "Unused", FieldType.UINT, 8, Base.HEX),
                f("http2.flags.unused_settings", "Unused", FieldType.UINT, 8, Base.HEX),
                f("http2.flags.unused_ping", "Unused", FieldType.UINT, 8, Base.HEX),
                f("http2.flags.unused_continuation", "Unused", FieldType.UINT, 8, Base.HEX),
                f("http2.flags.unused_push_promise", "Unused", FieldType.UINT, 8, Base.HEX),
                f("http2.flags.unused_data", "Unused", FieldType.UINT, 8, Base.HEX),
                f("http2.flags.unused_headers", "Unused", FieldType.UINT, 8, Base.HEX),
                f("http2.flags.ack.settings", "ACK", FieldType.BOOLEAN, 8),
                f("http2.padding", "Pad Length", FieldType.UINT, 8, Base.HEX),
                f("http2.pad_length", "Pad Length", FieldType.UINT, 16),
                f("http2.exclusive", "Exclusive", FieldType.BOOLEAN, 32),
                f("http2.stream_dependency", "Stream Dependency", FieldType.UINT, 32),
                f("http2.data.segment", "DATA segment", FieldType.BYTES, 0),
                f("http2.data.data", "Data", FieldType.BYTES, 0),
                f("http2.data.padding", "Padding", FieldType.BYTES, 0),
                f("http2.body.fragments", "Body fragments", FieldType.NONE, 0),
                f("http2.body.fragment", "Body fragment", FieldType.FRAMENUM, 0),
                f("http2.body.fragment.overlap", "Body fragment overlap", FieldType.BOOLEAN, 0),
                f("http2.body.fragment.overlap.conflicts", "Body fragment overlapping with conflicting data", FieldType.BOOLEAN, 0),
                f("http2.body.fragment.multiple_tails", "Body has multiple tail fragments", FieldType.BOOLEAN, 0),
                f("http2.body.fragment.too_long_fragment", "Body fragment too long", FieldType.BOOLEAN, 0),
                f("http2.body.fragment.error", "Body defragment error", FieldType.FRAMENUM, 0),
                f("http2.body.fragment.count", "Body fragment count", FieldType.UINT, 32),
                f("http2.body.reassembled.in", "Reassembled body in frame", FieldType.FRAMENUM, 0),
                f("http2.body.reassembled.length", "Reassembled body length", FieldType.UINT, 32),
                f("http2.body.reassembled.data", "Reassembled body data", FieldType.BYTES, 0),
                f("http2.headers", "Header Block Fragment", FieldType.BYTES, 0),
                f("http2.headers.padding", "Padding", FieldType.BYTES, 0),
                f("http2.header", "Header", FieldType.NONE, 0),
                f("http2.header.length", "Header Length", FieldType.UINT, 32),
                f("http2.header.count", "Header Count", FieldType.UINT, 32),
                f("http2.header.name.length", "Name Length", FieldType.UINT, 32),
                f("http2.header.name", "Name", FieldType.STRING, 0),
                f("http2.header.value.length", "Value Length", FieldType.UINT, 32),
                f("http2.header.value", "Value", FieldType.STRING, 0),
                f("http2.header.unescaped", "Unescaped", FieldType.STRING, 0),
                f("http2.header.repr", "Representation", FieldType.STRING, 0),
                f("http2.header.index", "Index", FieldType.UINT, 32),
                f("http2.header_table_size_update", "Header table size update", FieldType.NONE, 0),
                f("http2.header_table_size_update.header_table_size", "Header table size", FieldType.UINT, 32),
                f("http2.fake.header.count", "Fake Header Count", FieldType.UINT, 32),
                f("http2.fake.header", "Fake Header", FieldType.NONE, 0),
                f("http2.request.full_uri", "Full request URI", FieldType.STRING, 0),
                f("http2.rst_stream.error", "Error", FieldType.UINT, 32),
                f("http2.settings", "Settings", FieldType.NONE, 0),
                f("http2.settings.id", "Settings Identifier", FieldType.UINT, 16),
                f("http2.settings.header_table_size", "Header table size", FieldType.UINT, 32),
                f("http2.settings.enable_push", "Enable PUSH", FieldType.UINT, 32),
                f("http2.settings.max_concurrent_streams", "Max concurrent streams", FieldType.UINT, 32),
                f("http2.settings.initial_window_size", "Initial Windows Size", FieldType.UINT, 32),
                f("http2.settings.max_frame_size", "Max frame size", FieldType.UINT, 32),
                f("http2.settings.max_header_list_size", "Max header list size", FieldType.UINT, 32),
                f("http2.settings.extended_connect", "Extended CONNECT", FieldType.UINT, 32),
                f("http2.settings.unknown", "Unknown Settings", FieldType.UINT, 32),
                f("http2.push_promise.r", "Reserved", FieldType.UINT, 32, Base.HEX),
                f("http2.push_promise.promised_stream_id", "Promised-Stream-ID", FieldType.UINT, 32),
                f("http2.push_promise.header", "Header Block Fragment", FieldType.BYTES, 0),
                f("http2.push_promise.padding", "Padding", FieldType.BYTES, 0),
                f("http2.ping", "Ping", FieldType.BYTES, 0),
                f("http2.pong", "Pong", FieldType.BYTES, 0),
                f("http2.goway.r", "Reserved", FieldType.UINT, 32, Base.HEX),
                f("http2.goaway.last_stream_id", "Last-Stream-ID", FieldType.UINT, 32),
                f("http2.goaway.error", "Error", FieldType.UINT, 32),
                f("http2.goaway.addata", "Additional Debug Data", FieldType.BYTES, 0),
                f("http2.window_update.r", "Reserved", FieldType.UINT, 32, Base.HEX),
                f("http2.window_update.window_size_increment", "Window Size Increment", FieldType.UINT, 32),
                f("http2.continuation.header", "Continuation Header", FieldType.STRING, 0),
                f("http2.continuation.padding", "Padding", FieldType.BYTES, 0),
                f("http2.altsvc.origin.len", "Origin Length", FieldType.UINT, 16),
                f("http2.altsvc.origin", "Origin", FieldType.STRING, 0),
                f("http2.altsvc.field_value", "Field/Value", FieldType.STRING, 0),
                f("http2.origin", "Origin", FieldType.NONE, 0),
                f("http2.origin.origin_len", "Origin Length", FieldType.UINT, 16),
                f("http2.origin.origin", "Origin", FieldType.STRING, 0),
                f("http2.priority_update_stream_id", "Priority Update Stream ID", FieldType.UINT, 64),
                f("http2.priority_update_field_value", "Priority Update Field Value", FieldType.STRING, 0),
                f("http2.header_size_exceeded", "Decompression stopped.", FieldType.NONE, 0),
                f("http2.header_lines_exceeded", "Decompression stopped after 200 header lines.", FieldType.NONE, 0),
                f("http2.body_decompression_failed", "Body decompression failed", FieldType.NONE, 0),
                f("http2.reassembly_error", "Reassembly failed", FieldType.NONE, 0),
                f("http2.headers.authority", ":authority", FieldType.STRING, 0),
                f("http2.headers.status", ":status", FieldType.UINT, 16),
                f("http2.headers.path", ":path", FieldType.STRING, 0),
                f("http2.headers.method", ":method", FieldType.STRING, 0),
                f("http2.headers.scheme", ":scheme", FieldType.STRING, 0),
                f("http2.headers.accept", "accept", FieldType.STRING, 0),
                f("http2.headers.accept_charset", "accept-charset", FieldType.STRING, 0),
                f("http2.headers.accept_encoding", "accept-encoding", FieldType.STRING, 0),
                f("http2.headers.accept_language", "accept-language", FieldType.STRING, 0),
                f("http2.headers.accept_ranges", "accept-ranges", FieldType.STRING, 0),
                f("http2.headers.access_control_allow_origin", "access-control-allow-origin", FieldType.STRING, 0),
                f("http2.headers.age", "age", FieldType.UINT, 64),
                f("http2.headers.allow", "allow", FieldType.STRING, 0),
                f("http2.headers.authorization", "authorization", FieldType.STRING, 0),
                f("http2.headers.cache_control", "cache-control", FieldType.STRING, 0),
                f("http2.headers.content_disposition", "content-disposition", FieldType.STRING, 0),
                f("http2.headers.content_encoding", "content-encoding", FieldType.STRING, 0),
                f("http2.headers.content_language", "content-language", FieldType.STRING, 0),
                f("http2.headers.content_length", "content-length", FieldType.UINT, 64),
                f("http2.headers.content_location", "content-location", FieldType.STRING, 0),
                f("http2.headers.content_range", "content-range", FieldType.STRING, 0),
                f("http2.headers.content_type", "content-type", FieldType.STRING, 0),
                f("http2.headers.cookie", "cookie", FieldType.STRING, 0),
                f("http2.headers.date", "date", FieldType.STRING, 0),
                f("http2.headers.etag", "etag", FieldType.STRING, 0),
                f("http2.headers.expect", "expect", FieldType.STRING, 0),
                f("http2.headers.expires", "expires", FieldType.STRING, 0),
                f("http2.headers.from", "from", FieldType.STRING, 0),
                f("http2.headers.if_match", "if-match", FieldType.STRING, 0),
                f("http2.headers.if_modified_since", "if-modified-since", FieldType.STRING, 0),
                f("http2.headers.if_none_match", "if-none-match", FieldType.STRING, 0),
                f("http2.headers.if_range", "if-range", FieldType.STRING, 0),
                f("http2.headers.if_unmodified_since", "if-unmodified-since", FieldType.STRING, 0),
                f("http2.headers.last_modified", "last-modified", FieldType.STRING, 0),
                f("http2.headers.link", "link", FieldType.STRING, 0),
                f("http2.headers.location", "location", FieldType.STRING, 0),
                f("http2.headers.max_forwards", "max-forwards", FieldType.UINT, 64),
                f("http2.headers.proxy_authenticate", "proxy-authenticate", FieldType.STRING, 0),
                f("http2.headers.proxy_authorization", "proxy-authorization", FieldType.STRING, 0),
                f("http2.headers.range", "range", FieldType.STRING, 0),
                f("http2.headers.referer", "referer", FieldType.STRING, 0),
                f("http2.headers.refresh", "refresh", FieldType.STRING, 0),
                f("http2.headers.retry_after", "retry-after", FieldType.STRING, 0),
                f("http2.headers.server", "server", FieldType.STRING, 0),
                f("http2.headers.set_cookie", "set-cookie", FieldType.STRING, 0),
                f("http2.headers.strict_transport_security", "strict-transport-security", FieldType.STRING, 0),
                f("http2.headers.user_agent", "user-agent", FieldType.STRING, 0),
                f("http2.headers.vary", "vary", FieldType.STRING, 0),
                f("http2.headers.via", "via", FieldType.STRING, 0),
                f("http2.headers.www_authenticate", "www-authenticate", FieldType.STRING, 0));
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, Http2Fields::of);
    }

    private static Field f(String name, String title, FieldType type, int bits, Base base) {
        return Collected.field(name, title, type, bits, base, Http2Fields::of);
    }

    /** HTTP/2's items of the frame, else HTTP's (an HTTP2-Settings header's SETTINGS are under HTTP). */
    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Http2 h = Collected.dissector(d, "http2", Http2.class);
        Collected c = h == null ? null : h.fields(d.frame().number());
        return c != null ? c : dev.tcpscope.proto.http.Http.treeFields(d);
    }
}
