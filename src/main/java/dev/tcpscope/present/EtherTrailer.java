package dev.tcpscope.present;

import dev.tcpscope.wire.Bytes;

import java.lang.foreign.MemorySegment;

/**
 * Whether packet-eth.c's trailer code (add_ethernet_trailer, called by the EtherType dissector
 * after the payload) reads bytes that were not captured, so that tshark ends the frame with
 * "[Packet size limited during capture: Ethertype truncated]": padding it checks for zeros, or
 * the FCS it presumes in a frame of 64 bytes or more. {@link LinkDetails} builds the trailer
 * items by the same rules.
 */
final class EtherTrailer {
    private EtherTrailer() { }

    /**
     * @param s          the frame's memory, the frame starting at {@code frameOff}
     * @param frameLen   the frame's length on the wire
     * @param cap        its captured length
     * @param etherStart where the Ethernet (or VLAN) header that handed on the EtherType starts
     * @param payloadEnd where the EtherType payload ends, as its IP length says
     */
    static boolean truncated(MemorySegment s, long frameOff, int frameLen, int cap, int etherStart, int payloadEnd) {
        int trailerReported = frameLen - payloadEnd;
        int trailerCaptured = cap - payloadEnd;
        if (trailerReported <= 0 || trailerCaptured <= 0) {
            return false;
        }
        int padding = 0;
        if (frameLen >= 60 && frameLen - trailerReported < 60) {
            padding = 60 - (frameLen - trailerReported);
            for (int k = 0; k < padding; k++) {
                if (k >= trailerCaptured) {
                    return true;
                }
                if (Bytes.u8(s, frameOff + payloadEnd + k) != 0) {
                    padding = 0;
                    break;
                }
            }
        }
        int tCap = trailerCaptured - padding;
        int tRep = trailerReported - padding;
        if (frameLen - etherStart < 64 || tRep < 4) {
            return false;
        }
        if (tCap < tRep) {
            tCap = Math.min(tCap, tRep - 4);
        } else {
            tCap -= 4;
        }
        return trailerCaptured < padding + tCap + 4;
    }
}
