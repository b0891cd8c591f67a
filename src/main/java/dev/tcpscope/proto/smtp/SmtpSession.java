package dev.tcpscope.proto.smtp;


/**
 * One SMTP conversation's state (packet-smtp.c struct smtp_session_state, and the per-frame
 * struct smtp_proto_data of the frame being dissected), plus the message being reassembled.
 */
final class SmtpSession {
    /** The most message bytes kept for IMF; a longer message is shown without its IMF part. */
    static final int MAX_MESSAGE = MailFragments.MAX_MESSAGE;

    static final int STATE_START = 0, STATE_READING_CMDS = 1, STATE_READING_DATA = 2, STATE_AWAITING_STARTTLS = 3;
    static final int AUTH_NONE = 0, AUTH_START = 1, AUTH_USERNAME_REQ = 2, AUTH_USERNAME_RSP = 3,
            AUTH_PASSWORD_REQ = 4, AUTH_PASSWORD_RSP = 5, AUTH_PLAIN_START_REQ = 6, AUTH_PLAIN_CRED_REQ = 7,
            AUTH_PLAIN_REQ = 8, AUTH_PLAIN_RSP = 9, AUTH_NTLM_REQ = 10, AUTH_NTLM_CHALLENGE = 11,
            AUTH_NTLM_RSP = 12, AUTH_SUCCESS = 13, AUTH_FAILED = 14;
    /** packet-smtp.c smtp_pdu_type_t; a request frame starts as a command (its zeroed per-frame data). */
    static final int PDU_CMD = 0, PDU_MESSAGE = 1, PDU_EOM = 2;

    int matchPort = -1;
    int state = STATE_START;
    int auth = AUTH_NONE;
    boolean crlfSeen, dataSeen, msgLast = true;
    long msgTotLen, msgReadLen;
    int firstAuthFrame, lastAuthFrame, usernameFrame, passwordFrame, userPassFrame, usernameCmdFrame,
            userPassCmdFrame, ntlmReqFrame, ntlmRspFrame;
    String username;
    /** The frame whose per-frame data this is (requests only), its PDU type and more_frags. */
    int spdFrame = -1;
    int pduType = PDU_CMD;
    boolean moreFrags;

    /** The message being reassembled (live state only; not copied). */
    MailFragments message;


    /** A copy of the dialogue's state (not of the message's bytes). */
    SmtpSession copy() {
        SmtpSession c = new SmtpSession();
        c.matchPort = matchPort;
        c.state = state;
        c.auth = auth;
        c.crlfSeen = crlfSeen;
        c.dataSeen = dataSeen;
        c.msgLast = msgLast;
        c.msgTotLen = msgTotLen;
        c.msgReadLen = msgReadLen;
        c.firstAuthFrame = firstAuthFrame;
        c.lastAuthFrame = lastAuthFrame;
        c.usernameFrame = usernameFrame;
        c.passwordFrame = passwordFrame;
        c.userPassFrame = userPassFrame;
        c.usernameCmdFrame = usernameCmdFrame;
        c.userPassCmdFrame = userPassCmdFrame;
        c.ntlmReqFrame = ntlmReqFrame;
        c.ntlmRspFrame = ntlmRspFrame;
        c.username = username;
        c.spdFrame = spdFrame;
        c.pduType = pduType;
        c.moreFrags = moreFrags;
        return c;
    }
}
