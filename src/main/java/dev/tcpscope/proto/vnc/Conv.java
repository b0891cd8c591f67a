package dev.tcpscope.proto.vnc;

/**
 * What packet-vnc.c (Wireshark 4.0.17) keeps for one VNC conversation ({@code
 * vnc_conversation_t}): the handshake state that decides how the next segment is read, the
 * versions both sides announced, the server's port (the side the greeting came from), the
 * security type chosen and the TightVNC and ARD details later states need; and the frame data
 * ({@code vnc_packet_t}) of the frame being read: the state it started in, which every call in
 * that frame reuses, and the pixel size and depth it was read with. A call's dissection starts
 * from a {@link #copy()} taken before it, so that the tree can be built again from the same state.
 */
final class Conv {
    /** vnc_session_state_e. */
    enum State {
        SERVER_VERSION, CLIENT_VERSION, SECURITY, SECURITY_TYPES,
        TIGHT_TUNNELING_CAPABILITIES, TIGHT_TUNNEL_TYPE_REPLY, TIGHT_AUTH_CAPABILITIES, TIGHT_AUTH_TYPE_REPLY,
        TIGHT_UNKNOWN_PACKET3, VNC_AUTHENTICATION_CHALLENGE, VNC_AUTHENTICATION_RESPONSE,
        ARD_AUTHENTICATION_CHALLENGE, ARD_AUTHENTICATION_RESPONSE, SECURITY_RESULT,
        VENCRYPT_SERVER_VERSION, VENCRYPT_CLIENT_VERSION, VENCRYPT_AUTH_CAPABILITIES, VENCRYPT_AUTH_TYPE_REPLY,
        VENCRYPT_AUTH_ACK, CLIENT_INIT, SERVER_INIT, TIGHT_INTERACTION_CAPS, NORMAL_TRAFFIC
    }

    State next = State.SERVER_VERSION;
    double serverVersion, clientVersion;
    /** The port the server greeting came from (0 before it). */
    int serverPort;
    int securityType;
    boolean tight;
    int ardKeyLength;
    int serverMessageTypes, clientMessageTypes, encodingTypes;

    /** The frame whose per-frame data {@link #state}, {@link #bpp}, {@link #depth} are (-1: none yet). */
    long frame = -1;
    State state;
    int bpp, depth;

    Conv copy() {
        Conv c = new Conv();
        c.next = next;
        c.serverVersion = serverVersion;
        c.clientVersion = clientVersion;
        c.serverPort = serverPort;
        c.securityType = securityType;
        c.tight = tight;
        c.ardKeyLength = ardKeyLength;
        c.serverMessageTypes = serverMessageTypes;
        c.clientMessageTypes = clientMessageTypes;
        c.encodingTypes = encodingTypes;
        c.frame = frame;
        c.state = state;
        c.bpp = bpp;
        c.depth = depth;
        return c;
    }
}
