package dev.tcpscope.tcp;

import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Ipsec;
import dev.tcpscope.wire.Proto;

import java.util.HashMap;
import java.util.Map;

/**
 * packet-ipsec.c's ESP sequence analysis (its "do_esp_sequence_analysis" preference, on by
 * default): per SPI alone, whatever the addresses, the sequence number and frame of the latest
 * ESP header seen; a header whose number is not the latest plus one (as a 32-bit unsigned sum)
 * gets a report of what was expected and where the SPI was seen last. Every frame the
 * {@link Decoder} decodes passes here in capture order, so one pass and tshark's two agree. The
 * headers of a datagram an ICMP error quotes count too, after the frame's own, as in tshark,
 * and a frame keeps the last report it made. At most {@link #MAX_SPIS} SPIs are followed; a
 * capture with more is reported on its first ones only.
 */
final class EspSequences {
    /** SPIs followed at once: an entry per SPI (Wireshark keeps every one). */
    static final int MAX_SPIS = 1 << 16;

    /** SPI → {latest sequence number, its frame}. */
    private final Map<Long, long[]> latest = new HashMap<>();
    private boolean reported;
    private long expected;
    private long previousFrame;

    void frame(Dissection d, long frameNumber) {
        reported = false;
        layers(d, frameNumber);
        if (d.quote() != null) {
            layers(d.quote(), frameNumber);
        }
    }

    private void layers(Dissection d, long frameNumber) {
        for (int i = 0, n = d.count(); i < n; i++) {
            if (d.proto(i) != Proto.ESP || d.captured(i) < Ipsec.ESP_HEADER_LENGTH) {
                continue; // packet-ipsec.c throws reading the sequence number before it checks it
            }
            long spi = Ipsec.espSpi(d.segment(i), d.offset(i));
            long seq = Ipsec.espSequence(d.segment(i), d.offset(i));
            long[] last = latest.get(spi);
            if (last == null) {
                if (latest.size() < MAX_SPIS) {
                    latest.put(spi, new long[] {seq, frameNumber});
                }
                continue;
            }
            long next = (last[0] + 1) & 0xffffffffL;
            if (seq != next) {
                reported = true;
                expected = next;
                previousFrame = last[1];
            }
            last[0] = seq;
            last[1] = frameNumber;
        }
    }

    /** Whether the frame just decoded has a report. */
    boolean reported() { return reported; }

    /** The sequence number expected (the previous one plus one, modulo 2^32). */
    long expected() { return expected; }

    /** The frame where the SPI was seen before. */
    long previousFrame() { return previousFrame; }
}
