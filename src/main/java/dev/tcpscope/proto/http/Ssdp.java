package dev.tcpscope.proto.http;

import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;

/**
 * SSDP, the Simple Service Discovery Protocol (UPnP's M-SEARCH, NOTIFY and their answers), as
 * packet-http.c's {@code dissect_ssdp} shows it: one HTTP message at the start of each UDP
 * datagram on udp.port 1900, dissected by {@link Http} itself, with {@code SSDP} in the Protocol
 * column and a "Simple Service Discovery Protocol" tree whose items are HTTP's ({@code
 * http.request.method}, {@code http.notification} ...). Requests and responses pair within a UDP
 * conversation (both addresses and ports), so an M-SEARCH sent to the multicast group is never
 * paired with the unicast answers it draws, as in Wireshark.
 *
 * <p>Memory: the conversations' HTTP state is kept for at most {@link #MAX_CONVERSATIONS} of
 * them; past that it is dropped and begins again (Wireshark keeps every conversation), which only
 * forgets the pairing of a request whose answer comes after that many other conversations.
 */
public final class Ssdp implements PduDissector {
    /** packet-http.c UDP_PORT_SSDP. */
    public static final int[] UDP_PORTS = {1900};
    static final String COLUMN = "SSDP";
    static final String TITLE = "Simple Service Discovery Protocol";
    static final int MAX_CONVERSATIONS = 1 << 16;

    private final Http http;
    private final Map<Long, Object> sessions = new HashMap<>();
    private int conversations;

    /** SSDP over {@code http}, which keeps the messages, their tree and their fields. */
    public Ssdp(Http http) {
        this.http = http;
    }

    @Override
    public String name() { return "ssdp"; }

    @Override
    public boolean shows(long frame) {
        return http.shows(frame);
    }

    @Override
    public void dissect(MemorySegment s, long off, int len, PduContext ctx) {
        Object session = sessions.get(ctx.conversation);
        if (session == null) {
            if (sessions.size() >= MAX_CONVERSATIONS) {
                sessions.clear();
            }
            Http.Session created = (Http.Session) http.newSession();
            // a first pass's record is filed under the conversation's number, met in the same
            // order by the second pass (below every tcp.stream)
            created.passKey = -2 - conversations++;
            session = created;
            sessions.put(ctx.conversation, session);
        }
        ctx.session = session;
        try {
            http.dissect(s, off, len, ctx);
        } finally {
            ctx.session = null;
        }
    }
}
