package dev.tcpscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class Ipv4OptionWalkTest {
    /*
     * captures/pcapplusplus-ipv4-options.pcap frame 6, the IPv4 header: a NOP, then a strict
     * source route (137, 7 bytes, pointer 4) whose only address, 0.0.0.0, is the final
     * destination (tshark: "Dst: 0.0.0.0, Via: 10.0.0.138").
     */
    private static final MemorySegment SSRR = Fixtures.seg("""
            47000024334c0000400128710a0000060a00008a
            0189070400000000""");

    /* Frame 5: a Time Stamp option (68, 36 bytes), no route. */
    private static final MemorySegment TIMESTAMP = Fixtures.seg("""
            4e0000781f850000400102c00a00008a0a000006
            44241d010a000006042cb0a40a00008a049a7e360a00008a049a7e360000000000000000""");

    @Test
    void sourceRouteNamesTheFinalDestination() {
        assertThat(Ipv4OptionWalk.destinationOffset(SSRR, 0, 28, 28)).isEqualTo(24);
        assertThat(Ipv4OptionWalk.destinationOffset(TIMESTAMP, 0, 56, 56)).isEqualTo(Ipv4.DST);
    }

    @Test
    void usedUpOrBadPointerLeavesTheHeadersDestination() {
        // pointer 8 past the 7-byte option: the route is used up
        assertThat(Ipv4OptionWalk.destinationOffset(Fixtures.seg(header(6) + "8307080000000000"), 0, 28, 28))
                .isEqualTo(Ipv4.DST);
        // pointer 5: into the middle of an address
        assertThat(Ipv4OptionWalk.destinationOffset(Fixtures.seg(header(6) + "8307050000000000"), 0, 28, 28))
                .isEqualTo(Ipv4.DST);
        // EOL first: the walk ends
        assertThat(Ipv4OptionWalk.destinationOffset(Fixtures.seg(header(6) + "0083070400000000"), 0, 28, 28))
                .isEqualTo(Ipv4.DST);
    }

    @Test
    void walkPastTheCapturedBytesSaysHowManyItNeeded() {
        assertThat(Ipv4OptionWalk.destinationOffset(SSRR, 0, 28, 21)).isEqualTo(-22);
        assertThat(Ipv4OptionWalk.destinationOffset(SSRR, 0, 28, 22)).isEqualTo(-23);
    }

    @Test
    void optionsWhoseDissectorReadsPastThemAreMalformed() {
        assertThat(Ipv4OptionWalk.malformed(SSRR, 0, 28)).isFalse();
        assertThat(Ipv4OptionWalk.malformed(TIMESTAMP, 0, 56)).isFalse();
        // Router Alert of 3 bytes: its 16-bit value runs past it
        assertThat(Ipv4OptionWalk.malformed(Fixtures.seg(header(6) + "94030000"), 0, 24)).isTrue();
        // Time Stamp of 2 bytes: no pointer
        assertThat(Ipv4OptionWalk.malformed(Fixtures.seg(header(6) + "44020000"), 0, 24)).isTrue();
        // a length past the header ends the walk without an exception
        assertThat(Ipv4OptionWalk.malformed(Fixtures.seg(header(6) + "94090000"), 0, 24)).isFalse();
        // CIPSO tag 1 of 7 bytes in a 12-byte option: its bitmap's last byte is past the option
        assertThat(Ipv4OptionWalk.malformed(Fixtures.seg(header(8) + "860c00000001070500010203"), 0, 32)).isTrue();
        // an unknown option is skipped whatever it holds
        assertThat(Ipv4OptionWalk.malformed(Fixtures.seg(header(6) + "0a020000"), 0, 24)).isFalse();
    }

    /** An IPv4 header of {@code ihl} words without its options. */
    private static String header(int ihl) {
        return "4" + Integer.toHexString(ihl) + "00003c00010000400100000a0000010a000002";
    }
}
