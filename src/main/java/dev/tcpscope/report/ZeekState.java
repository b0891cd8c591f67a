package dev.tcpscope.report;

import dev.tcpscope.wire.Tcp;

import java.util.regex.Pattern;

/**
 * Zeek's view of one TCP connection: the state of each endpoint, the {@code history} string and
 * the {@code conn_state} summary of conn.log. The rules are Zeek's (its TCP analyzer's endpoint
 * state machine and the {@code conn_state} function of {@code base/protocols/conn/main.zeek}, as
 * documented in Zeek's {@code Conn::Info} record), restated here over our own packet decoding;
 * docs/STATS.md lists where we differ.
 *
 * <p>History letters: {@code s} SYN without ACK, {@code h} SYN+ACK, {@code a} pure ACK,
 * {@code d} payload, {@code f} FIN, {@code r} RST, {@code t} retransmitted payload, {@code w} zero
 * window, {@code g} content gap, {@code i} FIN+RST, {@code q} SYN with FIN or RST, {@code ^}
 * direction flipped; upper case for the originator. {@code a d i q} are recorded once per side;
 * {@code s h f r} again when the sequence number differs from that side's last such packet;
 * {@code t w g} at the 1st, 10th, 100th... occurrence. The string is capped at
 * {@value #MAX_HISTORY} letters (Zeek has no cap) so that a hostile capture cannot grow it.
 */
final class ZeekState {
    /** Zeek's {@code EndpointState}. */
    enum State { INACTIVE, SYN_SENT, SYN_ACK_SENT, PARTIAL, ESTABLISHED, CLOSED, RESET }

    static final int MAX_HISTORY = 64;
    // once-per-side letters, as bits of Side.seen
    private static final int SEEN_SYN = 1, SEEN_FIN = 2, SEEN_RST = 4, SEEN_ACK = 8, SEEN_DATA = 16,
            SEEN_FIN_RST = 32, SEEN_MULTI = 64;
    /** Zeek's RSTOS0 test on the history: the originator's SYN, then its RST, nothing between of H A F G I Q. */
    private static final Pattern RSTOS0 = Pattern.compile("\\^?S[^HAFGIQ]*R.*");

    /** One endpoint. */
    static final class Side {
        State state = State.INACTIVE;
        State prev = State.INACTIVE;
        int seen;
        long lastSyn, lastFin, lastRst;
        long retransmits, zeroWindows, gaps;
        long retransmitNext = 1, zeroWindowNext = 1, gapNext = 1;
        /** Payload bytes sent (Zeek's {@code size}), for the REJ test. */
        long size;

        void set(State s) {
            prev = state;
            state = s;
        }
    }

    final Side orig = new Side();
    final Side resp = new Side();
    private final StringBuilder history = new StringBuilder();

    /** The originator was not the sender of the first packet. */
    void flipped() {
        add('^');
    }

    String history() { return history.toString(); }

    private void add(char c) {
        if (history.length() < MAX_HISTORY) {
            history.append(c);
        }
    }

    /** Adds a once-per-side letter; true when it was seen before. */
    private boolean once(Side s, int bit, char upper, boolean isOrig) {
        if ((s.seen & bit) == 0) {
            s.seen |= bit;
            add(isOrig ? upper : Character.toLowerCase(upper));
            return false;
        }
        return true;
    }

    /** Counts an event recorded at the 1st, 10th, 100th... occurrence; returns the new next threshold. */
    private long scaled(long count, long next, char upper, boolean isOrig) {
        if (count == next) {
            add(isOrig ? upper : Character.toLowerCase(upper));
            return next * 10;
        }
        return next;
    }

    /**
     * One packet.
     *
     * @param relSeq the packet's sequence number relative to its side's first one
     * @param retransmitted it carries payload that does not reach beyond the side's highest byte
     */
    void packet(boolean isOrig, int flags, long relSeq, int len, int window, boolean retransmitted) {
        Side e = isOrig ? orig : resp;
        Side p = isOrig ? resp : orig;
        history(e, isOrig, flags, relSeq, len);
        if (retransmitted) {
            e.retransmits++;
            e.retransmitNext = scaled(e.retransmits, e.retransmitNext, 'T', isOrig);
        }
        // a zero window is news unless with or after a reset, or once the peer has closed
        if (window == 0 && (flags & Tcp.RST) == 0 && p.state != State.CLOSED && e.state != State.RESET) {
            e.zeroWindows++;
            e.zeroWindowNext = scaled(e.zeroWindows, e.zeroWindowNext, 'W', isOrig);
        }
        if ((flags & Tcp.RST) == 0) {
            e.size += len;
        }
        transition(e, p, isOrig, flags, len);
    }

    /** The peer acknowledged data of {@code side} never seen: a content gap in it. */
    void gap(boolean isOrig) {
        Side s = isOrig ? orig : resp;
        s.gaps++;
        s.gapNext = scaled(s.gaps, s.gapNext, 'G', isOrig);
    }

    private void history(Side e, boolean isOrig, int flags, long relSeq, int len) {
        boolean syn = (flags & Tcp.SYN) != 0, fin = (flags & Tcp.FIN) != 0, rst = (flags & Tcp.RST) != 0;
        int bits = (syn ? 1 : 0) + (fin ? 1 : 0) + (rst ? 1 : 0);
        if (bits > 1) {
            if (fin && rst) {
                once(e, SEEN_FIN_RST, 'I', isOrig);
            } else {
                once(e, SEEN_MULTI, 'Q', isOrig);
            }
        } else if (syn) {
            char code = (flags & Tcp.ACK_FLAG) != 0 ? 'H' : 'S';
            int bit = SEEN_SYN << ((flags & Tcp.ACK_FLAG) != 0 ? 8 : 0);
            if (once(e, bit, code, isOrig) && relSeq != e.lastSyn) {
                add(isOrig ? code : Character.toLowerCase(code));
            }
            e.lastSyn = relSeq;
        } else if (fin) {
            // a FIN's sequence number is at the end of its data
            if (once(e, SEEN_FIN, 'F', isOrig) && relSeq + len != e.lastFin) {
                add(isOrig ? 'F' : 'f');
            }
            e.lastFin = relSeq + len;
        } else if (rst) {
            if (once(e, SEEN_RST, 'R', isOrig) && relSeq != e.lastRst) {
                add(isOrig ? 'R' : 'r');
            }
            e.lastRst = relSeq;
        } else if (len > 0) {
            once(e, SEEN_DATA, 'D', isOrig);
        } else if ((flags & Tcp.ACK_FLAG) != 0) {
            once(e, SEEN_ACK, 'A', isOrig);
        }
    }

    /** Zeek's endpoint state machine: what this packet does to its sender {@code e} (and peer {@code p}). */
    private void transition(Side e, Side p, boolean isOrig, int flags, int len) {
        boolean syn = (flags & Tcp.SYN) != 0, ack = (flags & Tcp.ACK_FLAG) != 0;
        boolean fin = (flags & Tcp.FIN) != 0, rst = (flags & Tcp.RST) != 0;
        switch (e.state) {
            case INACTIVE -> {
                if (syn) {
                    if (isOrig) {
                        e.set(ack ? State.SYN_ACK_SENT : State.SYN_SENT);
                    } else {
                        if (!ack && p.state == State.SYN_ACK_SENT || p.state == State.SYN_SENT) {
                            p.set(State.ESTABLISHED);
                        }
                        e.set(State.ESTABLISHED);
                    }
                }
                if (fin) {
                    e.set(State.CLOSED);
                }
                if (rst) {
                    e.set(State.RESET);
                }
                if (e.state == State.INACTIVE) {
                    if (!isOrig && len == 0 && orig.state == State.SYN_SENT) {
                        // an ACK of the SYN before the SYN/ACK (some stacks): not yet a partial connection
                    } else if (ack && p.state == State.ESTABLISHED) {
                        e.set(State.ESTABLISHED); // the SYN was missed, the handshake otherwise seen
                    } else {
                        e.set(State.PARTIAL);
                    }
                }
            }
            case SYN_SENT, SYN_ACK_SENT -> {
                if (fin) {
                    e.set(State.CLOSED);
                }
                if (rst) {
                    e.set(State.RESET);
                }
            }
            case ESTABLISHED, PARTIAL -> {
                if (syn && e.state == State.PARTIAL && p.state == State.INACTIVE && !ack) {
                    e.set(State.SYN_SENT);
                }
                if (fin && !rst) {
                    e.set(State.CLOSED);
                    if (p.state == State.RESET && p.prev == State.CLOSED) {
                        p.set(State.CLOSED); // the peer's FIN then RST was a normal close
                    }
                }
                if (rst) {
                    e.set(State.RESET);
                }
            }
            case CLOSED -> {
                if (rst && p.state != State.CLOSED) {
                    e.set(State.RESET);
                }
            }
            case RESET -> { }
        }
    }

    /** Zeek's {@code conn_state}. */
    String connState() {
        State os = orig.state, rs = resp.state;
        boolean oInactive = os == State.INACTIVE || os == State.PARTIAL;
        boolean rInactive = rs == State.INACTIVE || rs == State.PARTIAL;
        if (rs == State.RESET) {
            if (os == State.SYN_SENT || os == State.SYN_ACK_SENT
                    || os == State.RESET && orig.size == 0 && resp.size == 0) {
                return "REJ";
            }
            return oInactive ? "RSTRH" : "RSTR";
        }
        if (os == State.RESET) {
            if (rInactive) {
                return RSTOS0.matcher(history).matches() ? "RSTOS0" : "OTH";
            }
            return "RSTO";
        }
        if (rs == State.CLOSED && os == State.CLOSED) {
            return "SF";
        }
        if (os == State.CLOSED) {
            return rInactive ? "SH" : "S2";
        }
        if (rs == State.CLOSED) {
            return oInactive ? "SHR" : "S3";
        }
        if (os == State.SYN_SENT && rs == State.INACTIVE) {
            return "S0";
        }
        if (os == State.ESTABLISHED && rs == State.ESTABLISHED) {
            return "S1";
        }
        return "OTH";
    }
}
