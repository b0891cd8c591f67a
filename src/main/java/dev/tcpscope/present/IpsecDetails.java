package dev.tcpscope.present;

import dev.tcpscope.wire.Ipsec;

import java.lang.foreign.MemorySegment;

/**
 * IPsec's Encapsulating Security Payload as packet-ipsec.c shows it without keys: the protocol
 * item over the whole rest of the datagram, the SPI and the sequence number, and the sequence
 * analysis of its SPI ({@code tcp.EspSequences}) when the number is not the one expected. The
 * encrypted bytes get no item: tshark's default preferences neither decrypt nor guess NULL
 * encryption.
 */
final class IpsecDetails {
    private final Details x;

    IpsecDetails(Details x) {
        this.x = x;
    }

    boolean esp(int i) {
        MemorySegment s = x.d.segment(i);
        long off = x.d.offset(i);
        int cap = x.d.captured(i);
        x.protocol("esp");
        DetailNode e = x.root.protocol("esp", "Encapsulating Security Payload").at(s, off, cap);
        x.consumed(i, cap);
        if (!x.bounds(i, 4, "ESP")) {
            return false;
        }
        long spi = Ipsec.espSpi(s, off);
        e.field("esp.spi", "ESP SPI: " + Labels.hex(spi, 8) + " (" + spi + ")", Labels.hex(spi, 8)).at(s, off, 4);
        if (!x.bounds(i, Ipsec.ESP_HEADER_LENGTH, "ESP")) {
            return false;
        }
        long seq = Ipsec.espSequence(s, off);
        e.field("esp.sequence", "ESP Sequence: " + seq, seq).at(s, off + 4, 4);
        long[] report = x.decoder.espSequenceReport();
        if (report != null) {
            long expected = report[0];
            String missing = seq > expected ? " (" + (seq - expected) + " SNs missing)" : "";
            DetailNode sn = e.field("esp.sequence-analysis.expected-sn", "Expected SN: " + expected + missing, expected)
                    .generated().at(s, off, 0);
            long previous = (expected - 1) & 0xffffffffL;
            String what = seq == previous ? seq + " repeated"
                    : seq > expected ? (seq - expected) + " missing"
                    : ((expected - seq) & 0xffffffffL) + " less than expected";
            Expert.add(sn, "esp.sequence-analysis.wrong-sequence-number", Expert.Severity.WARNING, Expert.Group.SEQUENCE,
                    "Wrong Sequence Number for SPI " + Labels.hex(spi, 8).substring(2) + " - " + what);
            e.field("esp.sequence-analysis.previous-frame", "Previous Frame: " + report[1], report[1])
                    .generated().at(s, off, 0);
        }
        return true;
    }
}
