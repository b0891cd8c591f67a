package dev.tcpscope.present;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The printers of the detail tree on small hand-made trees; the goldens cover real captures. */
class DetailOutputTest {

    private static DetailNode sample() {
        DetailNode root = DetailNode.root();
        DetailNode ip = root.protocol("ip", "Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.0.2");
        ip.field("ip.version", "0100 .... = Version: 4", "4");
        ip.hidden("ip.addr", "10.0.0.1");
        ip.hidden("ip.addr", "10.0.0.2");
        DetailNode tcp = root.protocol("tcp", "Transmission Control Protocol");
        DetailNode flags = tcp.field("tcp.flags", "Flags: 0x002 (SYN)", "0x0002");
        flags.field("tcp.flags.syn", ".... .... ..1. = Syn: Set", "1");
        tcp.text("Timestamps").generated().field("tcp.time_delta", "Time since previous frame: 0.5 seconds", "0.5").generated();
        return root;
    }

    @Test
    void textIndentsFourSpacesHidesHiddenAndBracketsGenerated() {
        StringBuilder out = new StringBuilder();
        new DetailText(null, true).append(out, sample());
        assertThat(out.toString()).isEqualTo("""
                Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.0.2
                    0100 .... = Version: 4
                Transmission Control Protocol
                    Flags: 0x002 (SYN)
                        .... .... ..1. = Syn: Set
                    [Timestamps]
                        [Time since previous frame: 0.5 seconds]
                """);
    }

    @Test
    void onlyExpandsTheNamedProtocols() {
        StringBuilder out = new StringBuilder();
        new DetailText(Set.of("tcp"), true).append(out, sample());
        assertThat(out.toString()).startsWith("""
                Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.0.2
                Transmission Control Protocol
                    Flags: 0x002 (SYN)
                """);
    }

    @Test
    void jsonWritesDuplicateKeysOrMergesThem() {
        StringBuilder dup = new StringBuilder();
        DetailJson json = new DetailJson(false, ZoneOffset.UTC);
        json.begin(dup);
        json.appendPacket(dup, sample(), 0);
        json.end(dup);
        assertThat(dup.toString()).contains("""
                          "ip.addr": "10.0.0.1",
                          "ip.addr": "10.0.0.2"
                """).contains("""
                          "tcp.flags": "0x0002",
                          "tcp.flags_tree": {
                            "tcp.flags.syn": "1"
                          },
                          "Timestamps": {
                """).startsWith("[\n  {\n    \"_index\": \"packets-1970-01-01\",").endsWith("  }\n]\n");

        StringBuilder merged = new StringBuilder();
        DetailJson grouped = new DetailJson(true, ZoneOffset.UTC);
        grouped.appendPacket(merged, sample(), 0);
        assertThat(merged.toString()).contains("""
                          "ip.addr": [
                            "10.0.0.1",
                            "10.0.0.2"
                          ]
                """);
    }

    @Test
    void emptyJsonArrayIsTwoBrackets() {
        StringBuilder out = new StringBuilder();
        DetailJson json = new DetailJson(false, ZoneOffset.UTC);
        json.begin(out);
        json.end(out);
        assertThat(out.toString()).isEqualTo("[]\n");
    }

    @Test
    void jsonEscapesAsJsonDumperDoes() {
        StringBuilder out = new StringBuilder();
        DetailJson.string(out, "a\"b\\c\n\u0001</x ·");
        assertThat(out.toString()).isEqualTo("\"a\\\"b\\\\c\\n\\u0001<\\/x ·\"");
    }

    @Test
    void hexDumpAlignsTheAsciiColumn() {
        byte[] b = "Hello, world! 0123456789\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        HexDump.append(out, MemorySegment.ofArray(b), 0, b.length);
        assertThat(out.toString()).isEqualTo(
                "0000  48 65 6c 6c 6f 2c 20 77 6f 72 6c 64 21 20 30 31   Hello, world! 01\n"
                + "0010  32 33 34 35 36 37 38 39 00                        23456789.\n");
    }

    @Test
    void hexDumpWidensTheOffsetForLargeBuffers() {
        StringBuilder out = new StringBuilder();
        HexDump.append(out, MemorySegment.ofArray(new byte[0x10001]), 0, 0x10001);
        assertThat(out.toString()).startsWith("00000  00").contains("\n10000  00 ");
    }

    @Test
    void bitPatternsGroupFourBits() {
        assertThat(Bits.pattern(0x45, 0xf0, 8)).isEqualTo("0100 .... = ");
        assertThat(Bits.flag(0x002, 0x002, 12, "Syn")).isEqualTo(".... .... ..1. = Syn: Set");
        assertThat(Bits.pattern(0x4000, 0x1fff, 16)).isEqualTo("...0 0000 0000 0000 = ");
    }

    @Test
    void longLabelsAreMarkedTruncatedAtWiresharksBuffer() {
        String value = "x".repeat(300);
        String label = Labels.truncated("Protocols in frame", value);
        assertThat(label).startsWith("Protocols in frame [truncated]: xxx").hasSize(238);
        assertThat(Labels.truncated("Short", "abc")).isEqualTo("Short: abc");
        assertThat(Labels.clip("y".repeat(300))).hasSize(239);
    }
}
