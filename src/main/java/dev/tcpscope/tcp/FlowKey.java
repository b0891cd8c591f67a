package dev.tcpscope.tcp;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A TCP conversation's identity: two endpoints (address, port), direction-free, so that A→B and
 * B→A hash and compare the same (gopacket's Flow idea). Addresses are IPv4 or IPv6, held as two
 * longs each; an IPv4 address is tagged so that it never equals an IPv6 one.
 *
 * <p>One mutable instance is used as a probe for look-ups (no allocation per packet); a copy is
 * stored only when a new conversation is created.
 */
public final class FlowKey {
    private static final ValueLayout.OfLong BE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt BE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final long V4_TAG = 0x0000_ffff_0000_0000L;

    // The "low" endpoint is the one that sorts first; canonical order makes the key direction-free.
    long aHi, aLo, bHi, bLo;
    int aPort, bPort;
    /** Whether the packet that filled this probe went from the low endpoint to the high one. */
    boolean forward;
    private int hash;

    /** Fills this probe from a packet's addresses and ports. */
    public FlowKey set(MemorySegment s, long srcAddr, long dstAddr, boolean ipv6, int srcPort, int dstPort) {
        long sHi, sLo, dHi, dLo;
        if (ipv6) {
            sHi = s.get(BE64, srcAddr);
            sLo = s.get(BE64, srcAddr + 8);
            dHi = s.get(BE64, dstAddr);
            dLo = s.get(BE64, dstAddr + 8);
        } else {
            sHi = V4_TAG;
            sLo = s.get(BE32, srcAddr) & 0xffffffffL;
            dHi = V4_TAG;
            dLo = s.get(BE32, dstAddr) & 0xffffffffL;
        }
        int c = compare(sHi, sLo, srcPort, dHi, dLo, dstPort);
        forward = c <= 0;
        if (forward) {
            aHi = sHi; aLo = sLo; aPort = srcPort; bHi = dHi; bLo = dLo; bPort = dstPort;
        } else {
            aHi = dHi; aLo = dLo; aPort = dstPort; bHi = sHi; bLo = sLo; bPort = srcPort;
        }
        // Each part times its own large odd constant, then MurmurHash3's fmix64: with "h * 31 +
        // part" neighbouring addresses and ports cancelled out (10.1.0.3:1024 and 10.1.0.2:1055
        // hashed alike), so a scan or SYN flood put thousands of keys on each hash value
        long h = aHi * 0x9E3779B97F4A7C15L + aLo * 0xC2B2AE3D27D4EB4FL + bHi * 0x165667B19E3779F9L
                + bLo * 0xD6E8FEB86659FD93L + ((long) aPort << 16 | bPort) * 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        hash = (int) h;
        return this;
    }

    private static int compare(long hi1, long lo1, int p1, long hi2, long lo2, int p2) {
        int c = Long.compareUnsigned(hi1, hi2);
        if (c == 0) {
            c = Long.compareUnsigned(lo1, lo2);
        }
        return c != 0 ? c : Integer.compare(p1, p2);
    }

    /** A stored copy of this probe. */
    public FlowKey copy() {
        return new FlowKey().copyFrom(this);
    }

    /** Makes this key {@code k}'s copy (a key no map holds any more, used again). */
    FlowKey copyFrom(FlowKey k) {
        aHi = k.aHi; aLo = k.aLo; bHi = k.bHi; bLo = k.bLo;
        aPort = k.aPort; bPort = k.bPort; hash = k.hash; forward = k.forward;
        return this;
    }

    public boolean forward() { return forward; }

    @Override
    public int hashCode() { return hash; }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowKey k && aLo == k.aLo && bLo == k.bLo && aHi == k.aHi && bHi == k.bHi
                && aPort == k.aPort && bPort == k.bPort;
    }
}
