package dev.tcpscope.filter;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.field.FieldTable;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.tcp.Decoder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Unknown#ABSENT}: names tcpscope lacks are fields that are never present (false; their
 * negation true); {@link Unknown#ERROR} keeps tshark's errors. And value names
 * ({@code tcp.checksum.status == "Bad"}) in both modes, as tshark 4.0.17 takes them.
 */
class UnknownNamesTest {
    private static final Path CAPTURE = Path.of("captures/learn_tcp.pcapng");

    /** How many frames of learn_tcp.pcapng (all TCP, ports 5200/5201; 20 frames) pass. */
    private static int count(String filter, Unknown unknown) throws IOException {
        DisplayFilter f = DisplayFilter.compile(filter, FieldTable.standard(), unknown);
        int n = 0;
        try (CaptureReader r = Captures.open(CAPTURE, CAPTURE.toString())) {
            Decoder d = new Decoder();
            Frame frame = new Frame();
            while (r.next(frame)) {
                d.decode(frame);
                n += f.test(d) ? 1 : 0;
            }
        }
        return n;
    }

    private static int absent(String filter) throws IOException {
        return count(filter, Unknown.ABSENT);
    }

    @Test
    void unknownNamesAreNeverPresent() throws IOException {
        int all = absent("tcp");
        assertThat(all).isEqualTo(20);
        assertThat(absent("smb")).isZero();
        assertThat(absent("!smb")).isEqualTo(all);
        assertThat(absent("smb || nbss || nbns || netbios")).isZero();
        assertThat(absent("hsrp.state != 8 && hsrp.state != 16")).isZero(); // != on an absent field is false in 4.0
        assertThat(absent("!(hsrp.state != 8)")).isEqualTo(all);
        assertThat(absent("sctp.chunk_type eq ABORT")).isZero();
        assertThat(absent("stp.type == 0x80")).isZero();
        assertThat(absent("http || tcp.port == 5201")).isEqualTo(count("tcp.port == 5201", Unknown.ERROR));
        assertThat(absent("http2 && tcp")).isZero();
        assertThat(absent("len(http.host) > 0 || http.host contains \"x\" || http.host matches \"x\"")).isZero();
        assertThat(absent("mstp.checksum.status == \"Bad\"")).isZero();
        assertThat(absent("hsrp.state in {1, 2}")).isZero();
        assertThat(absent("hsrp.state not in {1, 2}")).isEqualTo(all); // "not in" is !(in): true when absent
        assertThat(absent("http.request.method[0:3] == \"GET\"")).isZero();
        assertThat(absent("ip.dst != 224.0.0.0/4 && ip.ttl < 5 && !pim && !ospf"))
                .isEqualTo(count("ip.dst != 224.0.0.0/4 && ip.ttl < 5", Unknown.ERROR));
        // a word that is not a literal on the right is another field, absent too
        assertThat(absent("tcp.port == nosuchfield")).isZero();
    }

    @Test
    void syntaxAndTypeErrorsStayErrorsInBothModes() {
        assertThatThrownBy(() -> DisplayFilter.compile("smb ||", FieldTable.standard(), Unknown.ABSENT))
                .isInstanceOf(FilterSyntaxException.class);
        assertThatThrownBy(() -> DisplayFilter.compile("tcp.port contains 1.2.3", FieldTable.standard(), Unknown.ABSENT))
                .isInstanceOf(FilterSyntaxException.class);
        assertThatThrownBy(() -> DisplayFilter.compile("tcp.port == 1 && 7", FieldTable.standard(), Unknown.ABSENT))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessageStartingWith("7 is neither a field nor a protocol name.");
        assertThatThrownBy(() -> DisplayFilter.compile("smb", FieldTable.standard()))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessageStartingWith("smb is neither a field nor a protocol name.");
        assertThatThrownBy(() -> DisplayFilter.compile("hsrp.state != 8", FieldTable.standard(), Unknown.ERROR))
                .hasMessageStartingWith("Left side of \"!=\" expression must be a field or function, not hsrp.state.");
    }

    @Test
    void valueNamesAsTsharkTakesThem() throws IOException {
        // tshark 4.0.17: tcp.checksum.status=="Bad" and ==bad are valid (the names of
        // proto_checksum_vals, without case); "Bogus" is not among them.
        assertThat(count("tcp.checksum.status == \"Bad\"", Unknown.ERROR)).isZero();
        assertThat(count("tcp.checksum.status == unverified", Unknown.ERROR)).isEqualTo(20); // not checked, as tshark by default
        assertThat(count("ip.checksum.status == \"Unverified\"", Unknown.ERROR)).isEqualTo(20);
        assertThatThrownBy(() -> DisplayFilter.compile("tcp.checksum.status == \"Bogus\"", FieldTable.standard()))
                .hasMessageStartingWith("\"Bogus\" cannot be found among the possible values for tcp.checksum.status.");
        assertThatThrownBy(() -> DisplayFilter.compile("tcp.srcport == \"Bad\"", FieldTable.standard()))
                .hasMessageStartingWith("Unsigned integer (2 bytes) cannot be converted from a string (\"Bad\").");
        assertThatThrownBy(() -> DisplayFilter.compile("tcp.srcport == Bad", FieldTable.standard()))
                .hasMessageStartingWith("\"Bad\" is not a valid number.");
        // Lenient: a field whose value names tcpscope lacks (ip.proto's "TCP") never matches a name.
        assertThat(absent("ip.proto == \"TCP\"")).isZero();
        assertThat(absent("!(ip.proto == TCP)")).isEqualTo(20);
    }
}
