package dev.tcpscope.present;
import java.lang.foreign.MemorySegment;
public final class ArpInfo {
    public ArpInfo(MacNames names) {}
    public String append(StringBuilder info, MemorySegment seg, long arpOff, int capLen, int reportedLen) { if (capLen < 8) return null; info.append("ARP"); return "ARP"; }
}
