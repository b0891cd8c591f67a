package dev.tcpscope.proto.ntlmssp;

import dev.tcpscope.proto.Text;

import java.lang.foreign.MemorySegment;

/**
 * Finds the NTLMSSP message inside a security blob (SMB2's Session Setup, a DCE/RPC auth
 * verifier): the GSS-API initial token or the SPNEGO NegTokenInit/NegTokenResp (RFC 4178 §4.2)
 * around it, whose mechToken or responseToken is an OCTET STRING holding the message. A DER walk over the constructed values
 * (bounded in depth and count); only what the Info column needs, the SPNEGO tree is not built.
 */
public final class Spnego {
    private Spnego() { }

    private static final int MAX_DEPTH = 16;

    /**
     * Where the NTLMSSP message is in the {@code len} bytes at {@code off}: {start, end} of the
     * OCTET STRING content holding it (or of the whole blob for a raw message), or null.
     */
    public static long[] ntlmssp(MemorySegment s, long off, int len) {
        if (Ntlmssp.isNtlmssp(s, off, len)) {
            return new long[] {off, off + len};
        }
        long[] budget = {4096, 0};
        long at = walk(s, off, off + len, 0, budget);
        return at < 0 ? null : new long[] {at, budget[1]};
    }

    private static long walk(MemorySegment s, long from, long end, int depth, long[] budget) {
        long pos = from;
        while (pos + 2 <= end && budget[0]-- > 0) {
            int tag = Text.u8(s, pos);
            long p = pos + 1;
            int first = Text.u8(s, p++);
            long len;
            if (first < 0x80) {
                len = first;
            } else {
                int n = first & 0x7f;
                if (n == 0 || n > 4 || p + n > end) {
                    return -1;
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = len << 8 | Text.u8(s, p++);
                }
            }
            long contentEnd = Math.min(end, p + len);
            if (tag == 0x04 && Ntlmssp.isNtlmssp(s, p, (int) (contentEnd - p))) {
                budget[1] = contentEnd;
                return p;
            }
            if ((tag & 0x20) != 0 && depth < MAX_DEPTH) {
                long found = walk(s, p, contentEnd, depth + 1, budget);
                if (found >= 0) {
                    return found;
                }
            }
            if (p + len > end) {
                return -1;
            }
            pos = p + len;
        }
        return -1;
    }
}
