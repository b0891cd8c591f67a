package dev.tcpscope.proto.dhcp;

import dev.tcpscope.GoldenText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DHCP/BOOTP against tshark 4.0.17 with dhcp enabled (goldens by scripts/make-dhcp-goldens.sh):
 * the crafted captures/synth-dhcp.pcap (DhcpScenarios: options past the end, cut headers,
 * overload, missing End, bad lengths, suboptions) and Zeek's and tcpdump's DHCP captures, in the
 * list, -V, -T json -x, -T pdml, -T ek and -T fields.
 */
class DhcpTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/dhcp");
    private static final List<String> CAPTURES = List.of("synth-dhcp.pcap", "zeek-dhcp.pcap", "zeek-dhcp_flood.pcap",
            "zeek-dhcp_bad_cookie_option_retention.pcap", "zeek-dhcp_ack_subscriber_id_and_agent_remote_id.pcap",
            "zeek-dhcp_discover_param_req_and_client_id.pcap", "zeek-dhcp_inform.pcap", "zeek-dhcp_time_and_nameserver.pcap",
            "zeek-hw-type0.pcap", "zeek-dhcp-unique-xid-join-data-growth.pcapng", "tcpdump-dhcp-mud.pcap",
            "tcpdump-dhcp-option-108.pcapng", "tcpdump-dhcp-option-33.pcap", "tcpdump-dhcp-rfc3004.pcap",
            "tcpdump-dhcp-rfc4388.pcap", "tcpdump-dhcp-rfc5859.pcap");
    private static final String FIELDS = "frame.number dhcp dhcp.type dhcp.id dhcp.flags.bc dhcp.ip.your dhcp.hw.mac_addr "
            + "dhcp.server dhcp.cookie dhcp.bootp dhcp.option.type dhcp.option.length dhcp.option.dhcp dhcp.option.hostname "
            + "dhcp.option.request_list_item dhcp.option.ip_address_lease_time dhcp.option.value frame.protocols "
            + "_ws.col.Protocol _ws.col.Info _ws.expert.message";

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String c : CAPTURES) {
            for (String f : List.of("list", "V", "jsonx", "pdml", "ek", "fields")) {
                out.add(Arguments.of(c, f));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void isWhatTsharkPrints(String capture, String format) throws IOException {
        List<String> args = new ArrayList<>(List.of("read", "captures/" + capture));
        String golden = switch (format) {
            case "list" -> ".list.txt";
            case "V" -> {
                args.add("-V");
                yield ".V.txt.gz";
            }
            case "jsonx" -> {
                args.addAll(List.of("-T", "json", "-x"));
                yield ".jsonx.json.gz";
            }
            case "pdml" -> {
                args.addAll(List.of("-T", "pdml"));
                yield ".pdml.xml.gz";
            }
            case "ek" -> {
                args.addAll(List.of("-T", "ek"));
                yield ".ek.json.gz";
            }
            default -> {
                args.addAll(List.of("-T", "fields", "-E", "header=y"));
                for (String f : FIELDS.split(" ")) {
                    args.addAll(List.of("-e", f));
                }
                yield ".fields.tsv";
            }
        };
        String actual = run(args);
        if (format.equals("pdml")) {
            actual = actual.replaceFirst("(<pdml [^>]*) time=\"[^\"]*\"", "$1 time=\"\"");
        }
        assertThat(actual.lines().toList()).containsExactlyElementsOf(golden(capture + golden).lines().toList());
    }

    private static String golden(String name) throws IOException {
        return GoldenText.golden(GOLDEN, name);
    }

    private static String run(List<String> args) {
        return dev.tcpscope.cli.CliRun.of(args.toArray(String[]::new)).out();
    }
}
