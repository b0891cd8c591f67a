package dev.tcpscope.proto;

/**
 * A protocol whose frames tshark's second pass ({@code -2}) shows with what the whole capture
 * taught the first pass (HTTP's next request and response, the number of exchanges). The first
 * pass records it per conversation; the second takes each conversation's record as the
 * conversation starts again and drops it with the conversation.
 */
public interface TwoPass {
    /**
     * Called before the first pass: remember what the second pass will need. Nothing by default,
     * for a protocol whose first pass fills, as it goes, what {@link #secondPassOf} takes.
     */
    default void recordForSecondPass() {
    }

    /** Called on the second pass's dissector before it runs, with the first pass's one of the same protocol. */
    void secondPassOf(TwoPass first);
}
