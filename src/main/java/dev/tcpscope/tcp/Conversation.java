package dev.tcpscope.tcp;

/**
 * One TCP conversation ({@code tcp.stream}): the two directions' endpoints. {@code low} is the
 * direction sent by the endpoint that sorts first in the {@link FlowKey}.
 */
public final class Conversation {
    final int stream;
    final Endpoint low = new Endpoint();
    final Endpoint high = new Endpoint();
    /** Time of the latest SYN without ACK (epoch ns, 0: none), for the first RTT. */
    long synTime;
    /** Time from that SYN to the first pure ACK ({@code tcp.analysis.initial_rtt}, ns; 0: unknown). */
    long firstRtt;

    Conversation(int stream) {
        this.stream = stream;
    }

    public int stream() { return stream; }

    /** {@code tcp.analysis.initial_rtt} in nanoseconds, 0 while unknown. */
    public long firstRtt() { return firstRtt; }

    Endpoint sender(boolean forward) { return forward ? low : high; }

    Endpoint receiver(boolean forward) { return forward ? high : low; }
}
