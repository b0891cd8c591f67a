package dev.tcpscope.proto;

import java.util.HashMap;
import java.util.Map;

/**
 * What a protocol's first pass of two ({@code tshark -2}) keeps for its second, by an int key (a
 * {@code tcp.stream}, a frame number): the first pass records, the second takes the record over
 * and reads it. One pass records nothing.
 *
 * @param <V> what is kept per key
 */
public final class PassRecord<V> {
    private Map<Integer, V> recording;
    private Map<Integer, V> recorded;

    /** Before the first pass of two: record from now on. */
    public void start() {
        recording = new HashMap<>();
    }

    /** Before the second pass: take what {@code first} recorded, which then records no more. */
    public void takeOver(PassRecord<V> first) {
        recorded = first.recording == null ? new HashMap<>() : first.recording;
        first.recording = null;
    }

    /** Whether this is the first pass of two. */
    public boolean recording() { return recording != null; }

    /** Whether this is the second pass. */
    public boolean secondPass() { return recorded != null; }

    /** Records {@code value} for {@code key} in a first pass of two; nothing otherwise. */
    public void put(int key, V value) {
        if (recording != null) {
            recording.put(key, value);
        }
    }

    /** In the second pass, what the first recorded for {@code key}; else null. */
    public V get(int key) {
        return recorded == null ? null : recorded.get(key);
    }

    /** Like {@link #get}, and forgets it (a conversation takes its record once). */
    public V take(int key) {
        return recorded == null ? null : recorded.remove(key);
    }
}
