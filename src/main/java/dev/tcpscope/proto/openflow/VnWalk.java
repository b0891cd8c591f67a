package dev.tcpscope.proto.openflow;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Tvb;

/**
 * The three dissectors of OpenFlow 1.3, 1.4 and 1.5 (packet-openflow_v4.c, _v5.c, _v6.c of
 * Wireshark 4.0.17): their registries and titles, and the Info text of a message. Their trees are
 * {@link V4Walk}'s, 1.4 and 1.5 sharing the message layouts they keep from 1.3.
 */
final class VnWalk {
    private VnWalk() { }

    /** Wireshark's version byte for the three dissectors: 4 (1.3), 5 (1.4), 6 (1.5). */
    enum Version {
        V4("openflow_v4", "OpenFlow 1.3"), V5("openflow_v5", "OpenFlow 1.4"), V6("openflow_v6", "OpenFlow 1.5");

        final String proto;
        final String title;
        final Registry reg;

        Version(String proto, String title) {
            this.proto = proto;
            this.title = title;
            this.reg = Registry.loadNamed(VnWalk.class, proto);
        }
    }

    static final int MULTIPART_REQUEST = 18, MULTIPART_REPLY = 19;

    /**
     * The Info text of the message at {@code t}'s start: "Type: NAME"; packet-openflow_v4.c adds
     * ", OFPMP_NAME" to a multipart request or reply and says "Unknown Messagetype" for a type it
     * does not know, _v5.c and _v6.c neither (their "Unknown message type").
     */
    static String info(Version v, Tvb t) {
        int type = t.u8(1);
        String n = v.reg.value(v.proto + ".type", type);
        StringBuilder sb = new StringBuilder("Type: ").append(n != null ? n : v == Version.V4 ? "Unknown Messagetype" : "Unknown message type");
        if (v == Version.V4 && (type == MULTIPART_REQUEST || type == MULTIPART_REPLY)) {
            String field = v.proto + (type == MULTIPART_REQUEST ? ".multipart_request.type" : ".multipart_reply.type");
            int mp = t.u16(8);
            String m = v.reg.value(field, mp);
            sb.append(", ").append(m == null ? "Unknown type" : m);
        }
        return sb.toString();
    }
}
