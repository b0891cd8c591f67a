package dev.tcpscope.field;

import dev.tcpscope.tcp.Decoder;

/**
 * Reads one field's occurrences from a decoded frame, in the order tshark's tree holds them,
 * and adds them to {@code out}. Adds nothing when the frame does not have the field.
 */
@FunctionalInterface
public interface Extractor {
    void extract(Decoder frame, Values out);
}
