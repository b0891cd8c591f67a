package dev.tcpscope.proto.dcerpc;

import dev.tcpscope.GoldenText;
import dev.tcpscope.UtcTimeZone;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.tcp.AppColumns;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DCE/RPC over TCP against tshark 4.0.17 with dcerpc and its interfaces enabled (goldens by
 * scripts/make-dcerpc-goldens.sh), in the list, -V, -2 -V, -T json -x, -T ek, -T fields and
 * -z expert, on the DCE/RPC captures of Zeek and Arkime; and 20,000 mutated PDUs never throw and
 * cost no more than their bytes.
 */
@ExtendWith(UtcTimeZone.class)
class DcerpcTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/dcerpc");

    private static final String NDR = "the NDR body of an operation is not dissected (docs/DCERPC.md)";
    private static final String SPNEGO = "SPNEGO/Kerberos auth verifiers: no SPNEGO or Kerberos tree (docs/DCERPC.md)";
    private static final String MAPI = "MAPI's EcDoRpc bodies (obfuscated ROP buffers) and NSPI's status are not read (docs/DCERPC.md)";
    private static final String NULL_EXPERT = "the experts tshark adds with no item (1st/Mid fragment, several PDUs in a frame) count in -z expert only; tcpscope's expert tap reads the tree";
    private static final String NTLM = "tcpscope's NTLMSSP reads past a CHALLENGE's empty AV pair sequence; tshark stops quietly";

    /** Goldens tcpscope does not print yet, and why (docs/DCERPC.md); each is checked to still differ. */
    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("arkime-dcerpc_synthetic.pcap list", "'[Long frame]' needs the NDR body's length: " + NDR),
            Map.entry("arkime-dcerpc_synthetic.pcap V", NDR),
            Map.entry("arkime-dcerpc_synthetic.pcap 2V", NDR),
            Map.entry("arkime-dcerpc_synthetic.pcap jsonx", NDR),
            Map.entry("arkime-dcerpc_synthetic.pcap ek", NDR),
            Map.entry("arkime-dcerpc_synthetic.pcap fields", NDR),
            Map.entry("arkime-dcerpc_synthetic.pcap expert", NDR),
            Map.entry("synth-dcerpc.pcap expert", NULL_EXPERT),
            Map.entry("zeek-cs_window7-join_stream092.pcap V", SPNEGO),
            Map.entry("zeek-cs_window7-join_stream092.pcap 2V", SPNEGO),
            Map.entry("zeek-cs_window7-join_stream092.pcap jsonx", SPNEGO),
            Map.entry("zeek-cs_window7-join_stream092.pcap ek", SPNEGO),
            Map.entry("zeek-cs_window7-join_stream092.pcap fields", SPNEGO),
            Map.entry("zeek-cs_window7-join_stream092.pcap expert", SPNEGO),
            Map.entry("zeek-dce_rpc_ntlm.pcapng V", SPNEGO),
            Map.entry("zeek-dce_rpc_ntlm.pcapng 2V", SPNEGO),
            Map.entry("zeek-dce_rpc_ntlm.pcapng jsonx", SPNEGO),
            Map.entry("zeek-dce_rpc_ntlm.pcapng ek", SPNEGO),
            Map.entry("zeek-dce_rpc_ntlm.pcapng fields", SPNEGO),
            Map.entry("zeek-dce_rpc_ntlm.pcapng expert", SPNEGO),
            Map.entry("zeek-kerberos135_auth.pcapng V", SPNEGO),
            Map.entry("zeek-kerberos135_auth.pcapng 2V", SPNEGO),
            Map.entry("zeek-kerberos135_auth.pcapng jsonx", SPNEGO),
            Map.entry("zeek-kerberos135_auth.pcapng ek", SPNEGO),
            Map.entry("zeek-kerberos135_auth.pcapng fields", SPNEGO),
            Map.entry("zeek-kerberos135_auth.pcapng expert", SPNEGO),
            Map.entry("zeek-mapi-390-800.pcap list", MAPI),
            Map.entry("zeek-mapi-390-800.pcap V", NDR),
            Map.entry("zeek-mapi-390-800.pcap 2V", NDR),
            Map.entry("zeek-mapi-390-800.pcap jsonx", NDR),
            Map.entry("zeek-mapi-390-800.pcap ek", NDR),
            Map.entry("zeek-mapi-390-800.pcap fields", MAPI),
            Map.entry("zeek-mapi-390-800.pcap expert", NDR),
            Map.entry("zeek-ntlm-empty-av-sequence.pcap list", NTLM),
            Map.entry("zeek-ntlm-empty-av-sequence.pcap V", NTLM),
            Map.entry("zeek-ntlm-empty-av-sequence.pcap 2V", NTLM),
            Map.entry("zeek-ntlm-empty-av-sequence.pcap jsonx", NTLM),
            Map.entry("zeek-ntlm-empty-av-sequence.pcap ek", NTLM),
            Map.entry("zeek-ntlm-empty-av-sequence.pcap fields", NTLM),
            Map.entry("zeek-ntlm-empty-av-sequence.pcap expert", NTLM));

    static Stream<String[]> cases() throws IOException {
        return GoldenText.layerCases(GOLDEN, 9);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void isWhatTsharkPrints(String capture, String format) throws IOException {
        GoldenText.assertLayerGolden(GOLDEN, KNOWN, capture, format);
    }

    private static final HexFormat H = HexFormat.of();

    /** A bind of EPMv4 (msnrpc) and its Map request and response, a secure channel bind_ack, an NTLMSSP bind and bind_ack, a Bind_nak, a WINREG request, a Fault. */
    private static final byte[][] SEEDS = {
        H.parseHex("05000b03100000004800000001000000b810b810000000000100000000000100088aafe11f5dc91191a408002b14a0fa03000000045d888aeb1cc9119fe808002b10486002000000"),
        H.parseHex("05000003100000009c0000000100000000000000000003000100000000000000000000000000000000000000020000004b0000004b000000050013000d785634123412cdabef0001234567cffb01000200000013000d045d888aeb1cc9119fe808002b10486002000200000001000b020000000100070200008701000904000000000000000000000000000000000000000000000000000004000000"),
        H.parseHex("0500020310000000f000000001000000d80000000000000000000000000000000000000000000000000000000200000004000000000000000200000003000000040000004b0000004b000000050013000d785634123412cdabef0001234567cffb01000200000013000d045d888aeb1cc9119fe808002b10486002000200000001000b020000000100070200c20c0100090400c0a87a11004b0000004b000000050013000d785634123412cdabef0001234567cffb01000200000013000d045d888aeb1cc9119fe808002b10486002000200000001000b020000000100070200c2030100090400c0a87a110000000000"),
        H.parseHex("05000c071000000080000c0002000000d016d016631e00000600343936373600030000000200020000000000000000000000000000000000000000000000000033057171babe37498319b5dbef9ccc36010000000300030000000000000000000000000000000000000000004406000000000000010000000000000000000000"),
        H.parseHex("05000b03100000008100310002000000d016d016816ca4020100000000000100185accf564421a108c5908002b2f842638000000045d888aeb1cc9119fe808002b104860020000000a02000000860a004e544c4d535350000100000007b208a0060006002b0000000b000b0020000000414c454f4e4152442d5850434e414d4953"),
        H.parseHex("05000c031000000080003c0002000000d016d016816ca402050034393937000f0100000000000000045d888aeb1cc9119fe808002b104860020000000a02000000860a004e544c4d53535000020000000c000c003000000005828920b06a306d9fc9db090000000000000000240024003c00000043004e0041004d0049005300"),
        H.parseHex("05000d030000000000180000000000010000000000000000"),
        H.parseHex("05000003100000002c0000000100000064000000000002000000000000000000000000000000000000000000"),
        H.parseHex("05000303100000002000000002000000200000000000000002001c1c00000000"),
    };

    private static Dcerpc dissector(boolean port) {
        Dcerpc[] self = new Dcerpc[1];
        self[0] = new Dcerpc(p -> port && p == 135 ? self[0] : null, () -> new PduDissector[] {self[0]});
        return self[0];
    }

    private static PduContext context(int frame, Object session, boolean port) {
        PduContext ctx = new PduContext();
        ctx.frame = frame;
        ctx.session = session;
        ctx.columns = new AppColumns();
        ctx.srcPort = 49152;
        ctx.dstPort = port ? 135 : 49667;
        return ctx;
    }

    /**
     * 20,000 mutations of real PDUs (binds with NTLMSSP and secure channel verifiers, an EPM Map
     * request and response, a Bind_nak, a request, a fault), dissected after a bind on the same
     * conversation, bytes changed anywhere, lengths and counts set to 0, 0xff and 0xffff, several
     * PDUs in a row, cut short: the dissector and its tree never throw.
     */
    @Test
    void mutatedPdusNeverThrow() {
        SplittableRandom r = new SplittableRandom(135);
        for (int i = 0; i < 20_000; i++) {
            byte[] m = SEEDS[r.nextInt(SEEDS.length)].clone();
            if (r.nextInt(4) == 0) {
                byte[] two = SEEDS[r.nextInt(SEEDS.length)];
                byte[] both = java.util.Arrays.copyOf(m, m.length + two.length);
                System.arraycopy(two, 0, both, m.length, two.length);
                m = both;
            }
            int edits = 1 + r.nextInt(6);
            for (int e = 0; e < edits; e++) {
                int at = r.nextInt(m.length);
                m[at] = (byte) switch (r.nextInt(5)) {
                    case 0 -> 0;
                    case 1 -> 0xff;
                    default -> r.nextInt(256);
                };
            }
            int len = r.nextInt(4) == 0 ? r.nextInt(m.length + 1) : m.length;
            boolean port = r.nextBoolean();
            Dcerpc d = dissector(port);
            Object session = d.newSession();
            d.dissect(MemorySegment.ofArray(SEEDS[0]), 0, SEEDS[0].length, context(1, session, port));
            PduContext ctx = context(2, session, port);
            ctx.canDesegment = r.nextBoolean();
            ctx.truncated = len < m.length && r.nextBoolean();
            d.dissect(MemorySegment.ofArray(m), 0, len, ctx);
            d.tree(2, new Collected(), p -> { });
            d.underTcp(2, new Collected());
        }
    }

    /** A bind of 255 context items in a 64 KiB PDU, and 4,000 PDUs of 16 bytes in one segment: linear work. */
    @Test
    void largeCountsCostTheirBytes() {
        byte[] bind = new byte[65535];
        System.arraycopy(SEEDS[0], 0, bind, 0, SEEDS[0].length);
        bind[8] = (byte) 0xff;
        bind[9] = (byte) 0xff;
        bind[24] = (byte) 0xff; // 255 context items
        for (int k = 28; k + 44 <= bind.length; k += 44) {
            bind[k + 2] = (byte) 0xff; // 255 transfer syntaxes each
        }
        byte[] many = new byte[16 * 4000];
        for (int k = 0; k < many.length; k += 16) {
            System.arraycopy(H.parseHex("05001103100000001000000001000000"), 0, many, k, 16);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            for (byte[] m : new byte[][] {bind, many}) {
                Dcerpc d = dissector(true);
                PduContext ctx = context(1, d.newSession(), true);
                d.dissect(MemorySegment.ofArray(m), 0, m.length, ctx);
                d.tree(1, new Collected(), p -> { });
            }
        }
        assertThat(System.nanoTime() - t0).isLessThan(30_000_000_000L);
    }

    /** The Info column of a PDU whose frag length is below the header: tcp_dissect_pdus's ReportedBoundsError. */
    @Test
    void aFragLengthBelowTheHeaderIsMalformed() {
        byte[] m = H.parseHex("05000b03100000000800000001000000");
        Dcerpc d = dissector(true);
        PduContext ctx = context(1, d.newSession(), true);
        d.dissect(MemorySegment.ofArray(m), 0, m.length, ctx);
        assertThat(ctx.columns.info().toString()).isEqualTo("[Malformed Packet]");
        assertThat(d.tree(1, new Collected(), p -> { })).isEqualTo(dev.tcpscope.proto.LayerTree.End.MALFORMED);
    }

    /** The heuristic: is_dcerpc's checks of version, packet type, data representation and frag length. */
    @Test
    void theHeuristicChecksTheCommonHeader() {
        assertThat(Dcerpc.isDcerpc(MemorySegment.ofArray(SEEDS[0]), 0, SEEDS[0].length)).isTrue();
        byte[] m = SEEDS[0].clone();
        m[0] = 4;
        assertThat(Dcerpc.isDcerpc(MemorySegment.ofArray(m), 0, m.length)).isFalse();
        assertThat(Dcerpc.isDcerpc(MemorySegment.ofArray(SEEDS[0]), 0, 15)).isFalse();
        PduDissector d = dissector(false);
        assertThat(d.heuristic(MemorySegment.ofArray(SEEDS[6]), 0, SEEDS[6].length)).isTrue();
    }
}
