package dev.tcpscope.proto.http;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Extractor;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.field.Values;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.Desegmenter;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * packet-http.c's fields for the messages dissected in a frame (one occurrence per message, in
 * order), with Wireshark's names and types, so that filters ({@code http.request},
 * {@code http.host == "..."}) and {@code -T fields -e} work.
 */
public final class HttpFields {
    private HttpFields() { }

    public static List<Field> all() {
        return List.of(
                // -e http: the protocol's filter name per message and per CONNECT tunnel call (its
                // item has no label of its own)
                Field.of("http", "Hypertext Transfer Protocol", FieldType.PROTOCOL, (d, v) -> {
                    for (HttpMessage m : messages(d)) {
                        if (!m.ssdp) {
                            v.addString("http");
                        }
                    }
                    for (Http.TunnelCall c : tunnelCalls(d)) {
                        v.addString("http");
                    }
                }),
                // SSDP's protocol item, per message of a datagram on udp.port 1900 (Ssdp)
                Field.of("ssdp", Ssdp.TITLE, FieldType.PROTOCOL, each((m, v) -> {
                    if (m.ssdp) {
                        v.addString("ssdp");
                    }
                })),
                Field.of("http.proxy_connect_host", "Proxy-Connect-Hostname", FieldType.STRING, (d, v) -> {
                    for (Http.TunnelCall c : tunnelCalls(d)) {
                        v.addString(c.host());
                    }
                }),
                Field.integer("http.proxy_connect_port", "Proxy-Connect-Port", FieldType.UINT, 16, Base.DEC, (d, v) -> {
                    for (Http.TunnelCall c : tunnelCalls(d)) {
                        v.addLong(Integer.toUnsignedLong((int) c.port()));
                    }
                }),
                Field.of("http.response", "Response", FieldType.BOOLEAN,
                        each((m, v) -> { if (m.kind == HttpMessage.Kind.RESPONSE) v.addLong(1); })),
                Field.of("http.request", "Request", FieldType.BOOLEAN,
                        each((m, v) -> { if (m.kind == HttpMessage.Kind.REQUEST && !m.notification) v.addLong(1); })),
                Field.of("http.notification", "Notification", FieldType.BOOLEAN,
                        each((m, v) -> { if (m.notification) v.addLong(1); })),
                str("http.request.method", "Request Method", m -> m.kind == HttpMessage.Kind.REQUEST ? m.method : null),
                str("http.request.uri", "Request URI", m -> m.kind == HttpMessage.Kind.REQUEST ? m.uri : null),
                str("http.request.version", "Request Version", m -> m.kind == HttpMessage.Kind.REQUEST ? m.version : null),
                str("http.response.version", "Response Version", m -> m.kind == HttpMessage.Kind.RESPONSE ? m.version : null),
                Field.integer("http.response.code", "Status Code", FieldType.UINT, 16, Base.DEC,
                        each((m, v) -> { if (m.kind == HttpMessage.Kind.RESPONSE) v.addLong(m.statusCode); })),
                str("http.response.phrase", "Response Phrase", m -> m.kind == HttpMessage.Kind.RESPONSE ? m.phrase : null),
                str("http.host", "Host", m -> m.host),
                str("http.user_agent", "User-Agent", m -> m.userAgent),
                str("http.content_type", "Content-Type", m -> m.contentType),
                str("http.content_length_header", "Content-Length", m -> m.contentLengthText),
                Field.integer("http.content_length", "Content length", FieldType.UINT, 64, Base.DEC,
                        each((m, v) -> { if (m.contentLength >= 0) v.addLong(m.contentLength); })),
                str("http.content_encoding", "Content-Encoding", m -> m.contentEncoding),
                str("http.transfer_encoding", "Transfer-Encoding", m -> m.transferEncoding),
                str("http.request.full_uri", "Full request URI", m -> m.kind == HttpMessage.Kind.REQUEST ? m.pairing.fullUri : null),
                // the header lines as items: a request's or response's (hidden beside a known header's
                // own item), a notification's unknown headers; their values are the tree's
                dev.tcpscope.proto.Collected.field("http.request.line", "Request line", FieldType.STRING, 0, Http::treeFields),
                dev.tcpscope.proto.Collected.field("http.response.line", "Response line", FieldType.STRING, 0, Http::treeFields),
                dev.tcpscope.proto.Collected.field("http.unknown_header", "Unknown header", FieldType.STRING, 0, Http::treeFields),
                str("http.file_data", "File Data", m -> {
                    byte[] b = m.body();
                    return b == null ? null : HttpTree.fileDataText(b);
                }),
                str("http.response.code.desc", "Status Code Description",
                        m -> m.kind == HttpMessage.Kind.RESPONSE ? HttpStatus.describe(m.statusCode) : null),
                str("http.response_for.uri", "Request URI", m -> m.kind == HttpMessage.Kind.RESPONSE ? m.pairing.responseForUri : null),
                number("http.request_number", "Request number", FieldType.UINT,
                        m -> m.kind == HttpMessage.Kind.REQUEST ? m.pairing.number : 0),
                number("http.response_number", "Response number", FieldType.UINT,
                        m -> m.kind == HttpMessage.Kind.RESPONSE ? m.pairing.number : 0),
                number("http.request_in", "Request in frame", FieldType.FRAMENUM, m -> m.pairing.requestIn),
                number("http.response_in", "Response in frame", FieldType.FRAMENUM, m -> m.pairing.responseIn),
                number("http.prev_request_in", "Prev request in frame", FieldType.FRAMENUM, m -> m.pairing.prevRequest),
                number("http.prev_response_in", "Prev response in frame", FieldType.FRAMENUM, m -> m.pairing.prevResponse),
                number("http.next_request_in", "Next request in frame", FieldType.FRAMENUM, m -> m.pairing.nextRequest),
                number("http.next_response_in", "Next response in frame", FieldType.FRAMENUM, m -> m.pairing.nextResponse),
                Field.of("http.time", "Time since request", FieldType.RELATIVE_TIME, each((m, v) -> {
                    if (m.kind == HttpMessage.Kind.RESPONSE && m.pairing.number > 0 && m.pairing.time >= 0) {
                        v.addLong(m.pairing.time);
                    }
                })),
                header("http.accept", "Accept", "accept"),
                header("http.accept_encoding", "Accept Encoding", "accept-encoding"),
                header("http.accept_language", "Accept-Language", "accept-language"),
                header("http.connection", "Connection", "connection"),
                header("http.cookie", "Cookie", "cookie"),
                header("http.referer", "Referer", "referer"),
                header("http.date", "Date", "date"),
                header("http.server", "Server", "server"),
                header("http.location", "Location", "location"),
                header("http.cache_control", "Cache-Control", "cache-control"),
                header("http.last_modified", "Last-Modified", "last-modified"),
                header("http.set_cookie", "Set-Cookie", "set-cookie"),
                header("http.authorization", "Authorization", "authorization"),
                header("http.x_forwarded_for", "X-Forwarded-For", "x-forwarded-for"),
                header("http.upgrade", "Upgrade", "upgrade"));
    }

    private static Field number(String name, String title, FieldType type, java.util.function.ToIntFunction<HttpMessage> get) {
        Extractor e = each((m, v) -> {
            int n = get.applyAsInt(m);
            if (n > 0) {
                v.addLong(n);
            }
        });
        return type == FieldType.FRAMENUM ? Field.of(name, title, type, e) : Field.integer(name, title, type, 32, Base.DEC, e);
    }

    /** A header's field: one occurrence per header line of that name, its value as process_header takes it. */
    private static Field header(String name, String title, String lowerName) {
        return Field.of(name, title, FieldType.STRING, each((m, v) -> {
            for (String line : m.headers) {
                int colon = line.indexOf(':');
                if (colon == lowerName.length() && line.regionMatches(true, 0, lowerName, 0, colon)) {
                    v.addString(HttpTree.headerValue(line, colon));
                }
            }
        }));
    }

    private static Field str(String name, String title, java.util.function.Function<HttpMessage, String> get) {
        return Field.of(name, title, FieldType.STRING, each((m, v) -> {
            String s = get.apply(m);
            if (s != null) {
                v.addString(s);
            }
        }));
    }

    private static Extractor each(BiConsumer<HttpMessage, Values> add) {
        return (d, v) -> {
            for (HttpMessage m : messages(d)) {
                add.accept(m, v);
            }
        };
    }

    /** The CONNECT tunnel calls of the decoder's current frame. */
    static List<Http.TunnelCall> tunnelCalls(Decoder d) {
        Http http = http(d);
        return http == null ? List.of() : http.tunnelCalls(d.frame().number());
    }

    /** The HTTP messages dissected in the decoder's current frame. */
    static List<HttpMessage> messages(Decoder d) {
        Http http = http(d);
        return http == null ? List.of() : http.messages(d.frame().number());
    }

    /** The decoder's HTTP dissector (the "tcp" heuristic that is HTTP), or null. */
    static Http http(Decoder d) {
        Desegmenter g = d.desegmenter();
        if (g == null || d.frame() == null) {
            return null;
        }
        for (var h : g.table().heuristics()) {
            if (h instanceof Http http) {
                return http;
            }
        }
        return null;
    }
}
