package dev.tcpscope.tcp;

/**
 * One TCP conversation ({@code tcp.stream}): the two directions' endpoints. {@code low} is the
 * direction sent by the endpoint that sorts first in the {@link FlowKey}.
 *
 * <p>A conversation written to the {@link ConversationSpill} is {@linkplain #reset reset} and
 * used again for the next new one, so a capture of a million connections does not allocate a
 * million conversations that all outlive the young generation (a SYN flood's garbage).
 */
public final class Conversation {
    int stream;
    final Endpoint low = new Endpoint();
    final Endpoint high = new Endpoint();
    /** Time of the latest SYN without ACK (epoch ns, 0: none), for the first RTT. */
    long synTime;
    /** Time from that SYN to the first pure ACK ({@code tcp.analysis.initial_rtt}, ns; 0: unknown). */
    long firstRtt;
    /** {@code tcp.completeness} so far: the {@code COMPLETENESS_*} bits of {@link TcpRecord}. */
    int completeness;
    /** On a second pass, the completeness shown: the first pass's final value and what this pass adds. */
    int shownCompleteness;
    /** Time of the conversation's first frame and of its latest one (epoch ns). */
    long firstTime;
    long previousTime;
    /** On a second pass, what the first pass ended with; null on a first pass. */
    StreamFinals.Entry finals;
    /** How the connection opened and closed. */
    final Handshake handshake = new Handshake();
    /** Whether this is {@link AnalysisMode#PRECISE}. */
    boolean precise;
    /**
     * packet-tcp.c's {@code server_port}: the destination port of the latest SYN, or the source
     * port of the latest SYN+ACK (0: none yet), the port whose dissector is tried first.
     */
    int serverPort;

    Conversation(int stream, long time, StreamFinals.Entry finals, boolean precise) {
        reset(stream, time, finals, precise);
    }

    /** Makes this a new conversation, as the constructor does: nothing of what it was is kept. */
    void reset(int stream, long time, StreamFinals.Entry finals, boolean precise) {
        low.reset();
        high.reset();
        handshake.reset();
        synTime = 0;
        firstRtt = 0;
        completeness = 0;
        shownCompleteness = 0;
        serverPort = 0;
        this.stream = stream;
        this.precise = precise;
        this.firstTime = time;
        this.previousTime = time;
        this.finals = finals;
        if (finals != null) {
            shownCompleteness = finals.completeness();
            low.shownBase = finals.lowBase();
            low.shownBaseSet = finals.lowBaseSet();
            low.shownScale = finals.lowScale();
            high.shownBase = finals.highBase();
            high.shownBaseSet = finals.highBaseSet();
            high.shownScale = finals.highScale();
        }
    }

    /** How the connection opened and closed, as far as seen so far. */
    public Handshake handshake() { return handshake; }

    /** {@code tcp.completeness} so far (the final value once the file has been read). */
    public int completeness() { return completeness; }

    public int stream() { return stream; }

    /** {@code tcp.analysis.initial_rtt} in nanoseconds, 0 while unknown. */
    public long firstRtt() { return firstRtt; }

    Endpoint sender(boolean forward) { return forward ? low : high; }

    Endpoint receiver(boolean forward) { return forward ? high : low; }
}
