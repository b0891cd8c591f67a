package dev.tcpscope.present;
import java.lang.foreign.MemorySegment;
import dev.tcpscope.wire.Bytes;
public final class AddressText {
    public static void appendIpv4(StringBuilder sb, MemorySegment seg, long off) {
        sb.append(Bytes.u8(seg, off)).append('.').append(Bytes.u8(seg, off+1)).append('.').append(Bytes.u8(seg, off+2)).append('.').append(Bytes.u8(seg, off+3));
    }
    public static void appendIpv6(StringBuilder sb, MemorySegment seg, long off) {
        int[] w = new int[8]; for (int i=0;i<8;i++) w[i]=Bytes.u16(seg, off+2*i);
        int bs=-1, bl=0; for (int i=0;i<8;) { if (w[i]==0){int j=i; while(j<8&&w[j]==0) j++; if (j-i>bl && j-i>1){bs=i;bl=j-i;} i=j;} else i++; }
        for (int i=0;i<8;i++){ if (i==bs){ sb.append("::"); i+=bl-1; continue;} if (i>0 && i!=bs+bl) sb.append(':'); sb.append(Integer.toHexString(w[i])); }
    }
    public static void appendMac(StringBuilder sb, MemorySegment seg, long off) {
        for (int i=0;i<6;i++){ if(i>0) sb.append(':'); int b=Bytes.u8(seg,off+i); sb.append(Character.forDigit(b>>4,16)).append(Character.forDigit(b&15,16)); }
    }
}
