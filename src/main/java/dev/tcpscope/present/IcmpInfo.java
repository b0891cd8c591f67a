package dev.tcpscope.present;
import java.lang.foreign.MemorySegment;
public final class IcmpInfo {
    public IcmpInfo(MacNames names) {}
    public boolean appendIcmp(StringBuilder info, MemorySegment seg, long ipOff, long icmpOff, int capLen, int reportedLen, long frameNumber) { if (capLen < 4) return false; info.append("ICMP"); return true; }
    public boolean appendIcmpv6(StringBuilder info, MemorySegment seg, long ipv6Off, long icmpOff, int capLen, int reportedLen, long frameNumber) { if (capLen < 4) return false; info.append("ICMPv6"); return true; }
}
