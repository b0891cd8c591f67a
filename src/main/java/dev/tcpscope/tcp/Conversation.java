package dev.tcpscope.tcp;

/**
 * One TCP conversation ({@code tcp.stream}): the two directions' endpoints. {@code low} is the
 * direction sent by the endpoint that sorts first in the {@link FlowKey}.
 */
public final class Conversation {
    final int stream;
    final Endpoint low = new Endpoint();
    final Endpoint high = new Endpoint();

    Conversation(int stream) {
        this.stream = stream;
    }

    public int stream() { return stream; }

    Endpoint sender(boolean forward) { return forward ? low : high; }

    Endpoint receiver(boolean forward) { return forward ? high : low; }
}
