package dev.tcpscope.present;
import java.lang.foreign.MemorySegment;
public final class MacNames {
    public static MacNames system() { return new MacNames(); }
    public static MacNames none() { return new MacNames(); }
    public boolean loaded() { return false; }
    public String name(MemorySegment seg, long off) { StringBuilder sb = new StringBuilder(); AddressText.appendMac(sb, seg, off); return sb.toString(); }
}
