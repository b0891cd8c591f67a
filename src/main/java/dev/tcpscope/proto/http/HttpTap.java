package dev.tcpscope.proto.http;

import dev.tcpscope.tcp.Decoder;

import java.util.ArrayList;
import java.util.List;

/**
 * What packet-http.c hands its tap for each message dissected in a frame ({@code http_info_value_t}):
 * the request method and URI or the response code, and the Host header. Read by the HTTP
 * statistics trees ({@code -z http,tree} ...).
 *
 * @param method     the request method, null for a response or other data
 * @param uri        the request URI, null when there is none
 * @param statusCode the response code, 0 for a request or other data
 * @param host       the Host header's value, null when there is none
 */
public record HttpTap(String method, String uri, int statusCode, String host) {
    /** The messages of the frame {@code d} has just decoded, in order. */
    public static List<HttpTap> of(Decoder d) {
        List<HttpMessage> messages = HttpFields.messages(d);
        if (messages.isEmpty()) {
            Http http = HttpFields.http(d);
            return http != null && d.frame() != null && http.tappedOther(d.frame().number())
                    ? List.of(new HttpTap(null, null, 0, null)) : List.of();
        }
        List<HttpTap> out = new ArrayList<>(messages.size());
        for (HttpMessage m : messages) {
            if (m.malformedIn != null || m.binary) {
                // its media dissector's exception came before tap_queue_packet; a continuation
                // that starts with a byte that is not printable returns before it
                continue;
            }
            boolean request = m.kind == HttpMessage.Kind.REQUEST;
            boolean response = m.kind == HttpMessage.Kind.RESPONSE;
            // is_http_request_or_reply records the method after an "M-" prefix (M-SEARCH is SEARCH)
            String method = request && m.method != null && m.method.startsWith("M-") ? m.method.substring(2) : m.method;
            out.add(new HttpTap(request ? method : null, request ? m.uri : null, response ? m.statusCode : 0, m.host));
        }
        return out;
    }

    /** packet-http.c's name for a status code ({@code vals_http_status_code}), or null. */
    public static String describe(int code) {
        return HttpStatus.describe(code);
    }
}
