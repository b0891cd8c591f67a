package dev.tcpscope.report;

import dev.tcpscope.tcp.TcpRecord;
import dev.tcpscope.wire.Tcp;

/**
 * What one direction of a TCP connection sent, as far as the counted packets show it: the
 * counters of one row of {@code tcpscope stats}. Fixed size (plus {@link RttSample}'s capped
 * array): nothing is kept per packet. docs/STATS.md defines every value.
 */
public final class DirectionStats {
    long packets;
    long frameBytes;
    long dataPackets;
    long payloadBytes;
    long retransPackets;
    long retransBytes;
    long fastRetransBytes;
    long rtoRetransBytes;
    long spuriousRetransBytes;
    long dupAcks;
    long outOfOrder;
    long lostSegments;
    long ackedUnseen;
    long zeroWindows;
    long zeroWindowNs;
    /** When this side's advertised window closed (epoch ns), or −1 while it is open. */
    long zeroSince = -1;
    long syns;
    long fins;
    long rsts;
    /** Shift count of this side's WS option, or −1 (none seen). */
    int windowScale = -1;
    /** This side's MSS option, or −1 (none seen). */
    int mss = -1;
    /** Largest and smallest non-zero window advertised after the SYN, scaled as the analysis scales it (−1: none). */
    long maxWindow = -1;
    long minWindow = -1;
    final RttSample rtt;
    long firstTime = Long.MIN_VALUE;
    long lastTime;
    long idleMaxNs;

    // Sequence space widened to 64 bits (Zeek's TCP_Endpoint idea): a connection may send more
    // than 4 GiB, and a wrap of the 32-bit numbers must not look like a retransmission.
    private boolean seqSet;
    private int lastSeqRaw;
    private long lastSeq64;
    private long startSeq64;
    private long highestEnd64;

    DirectionStats(long seed) {
        rtt = new RttSample(seed);
    }

    /** Counts one packet this side sent, described by the analysis record {@code r}. */
    void packet(TcpRecord r, int frameLength, long time, int mssOption, int wsOption) {
        if (firstTime == Long.MIN_VALUE) {
            firstTime = time;
        } else {
            idleMaxNs = Math.max(idleMaxNs, time - lastTime);
        }
        lastTime = time;
        packets++;
        frameBytes += frameLength;
        int flags = r.flags;
        int len = r.segmentLength;
        if ((flags & Tcp.SYN) != 0) {
            syns++;
            if (mssOption >= 0) {
                mss = mssOption;
            }
            if (wsOption >= 0) {
                windowScale = wsOption;
            }
        }
        if ((flags & Tcp.FIN) != 0) {
            fins++;
        }
        if ((flags & Tcp.RST) != 0) {
            rsts++;
        }
        // a zero-window probe's byte is sent again once the window opens: not new data yet
        sequence((int) r.seqRaw, r.has(TcpRecord.ZERO_WINDOW_PROBE) ? 0 : len, flags);
        if (len > 0) {
            dataPackets++;
            payloadBytes += len;
        }
        int a = r.analysisFlags;
        if ((a & (TcpRecord.RETRANSMISSION | TcpRecord.FAST_RETRANSMISSION | TcpRecord.SPURIOUS_RETRANSMISSION)) != 0) {
            retransPackets++;
            retransBytes += len;
            if ((a & TcpRecord.FAST_RETRANSMISSION) != 0) {
                fastRetransBytes += len;
            } else if ((a & TcpRecord.SPURIOUS_RETRANSMISSION) != 0) {
                spuriousRetransBytes += len;
            } else {
                rtoRetransBytes += len;
            }
        }
        dupAcks += (a & TcpRecord.DUPLICATE_ACK) != 0 ? 1 : 0;
        outOfOrder += (a & TcpRecord.OUT_OF_ORDER) != 0 ? 1 : 0;
        lostSegments += (a & TcpRecord.LOST_SEGMENT) != 0 ? 1 : 0;
        ackedUnseen += (a & TcpRecord.ACK_LOST_SEGMENT) != 0 ? 1 : 0;
        zeroWindows += (a & TcpRecord.ZERO_WINDOW) != 0 ? 1 : 0;
        window(r, time);
    }

    /** The window this side advertises: its extremes and how long it stays closed. */
    private void window(TcpRecord r, long time) {
        if ((r.flags & Tcp.RST) != 0) {
            return; // a reset's window means nothing (RFC 9293 §3.5.2)
        }
        if (r.windowRaw == 0) {
            if (zeroSince < 0) {
                zeroSince = time;
            }
            return;
        }
        if (zeroSince >= 0) {
            zeroWindowNs += time - zeroSince;
            zeroSince = -1;
        }
        if ((r.flags & Tcp.SYN) != 0) {
            return; // a SYN's window is never scaled (RFC 7323 §2.2): not comparable with the others
        }
        maxWindow = Math.max(maxWindow, r.window);
        minWindow = minWindow < 0 ? r.window : Math.min(minWindow, r.window);
    }

    /** Moves the highest sequence number carrying data; a SYN's own sequence number is not data. */
    private void sequence(int seq, int len, int flags) {
        if (!seqSet) {
            seqSet = true;
            lastSeqRaw = seq;
            startSeq64 = (flags & Tcp.SYN) != 0 ? 1 : 0;
            highestEnd64 = startSeq64;
        }
        lastSeq64 += seq - lastSeqRaw; // the signed 32-bit distance: RFC 9293 §3.4's comparison
        lastSeqRaw = seq;
        if (len > 0 && (flags & Tcp.RST) == 0) {
            long data = lastSeq64 + ((flags & Tcp.SYN) != 0 ? 1 : 0);
            highestEnd64 = Math.max(highestEnd64, data + len);
        }
    }

    /** Closes an open zero-window period at the end of the connection ({@code end}, epoch ns). */
    void finish(long end) {
        if (zeroSince >= 0) {
            zeroWindowNs += Math.max(0, end - zeroSince);
            zeroSince = -1;
        }
    }

    /** Bytes of sequence space covered by data: the highest byte sent less the first. */
    long uniqueBytes() {
        return Math.max(0, highestEnd64 - startSeq64);
    }

    /** The last packet's sequence number, relative to this side's first one (64-bit, signed). */
    long relativeSeq() { return lastSeq64; }

    /** Whether this side sent anything counted. */
    boolean seen() { return packets > 0; }
}
