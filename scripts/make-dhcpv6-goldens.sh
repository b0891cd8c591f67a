#!/usr/bin/env bash
# Usage: scripts/make-dhcpv6-goldens.sh
#
# Writes src/test/resources/golden/dhcpv6/: for each DHCPv6 capture below, what tshark 4.0.17
# prints under the golden profile (scripts/tshark-profile.sh, which enables dhcpv6): the packet
# list, -V, -2 -V, -T json -x, -T pdml, -T ek, -T fields of the dhcpv6.* fields and -z expert
# (scripts/lib/protocol-goldens.sh). Dhcpv6Test compares tcpscope with every one of them.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="arkime-wireshark-dhcpv6.pcap pcapplusplus-dhcpv6.pcap tcpdump-dhcpv6-AFTR-Name-RFC6334.pcap
  tcpdump-dhcpv6-domain-list.pcap tcpdump-dhcpv6-ia-na.pcap tcpdump-dhcpv6-ia-pd.pcap tcpdump-dhcpv6-ia-ta.pcap
  tcpdump-dhcpv6-mud.pcap tcpdump-dhcpv6-ntp-server.pcap tcpdump-dhcpv6-rfc6355-duid-uuid.pcap
  tcpdump-dhcpv6-rfc8415-duid-type2.pcap tcpdump-dhcpv6-sip-server-d.pcap
  tcpdump-dhcpv6-vendor-specific-information.pcap tcpdump-dhcp6_reconf_asan.pcap tcpdump-hncp_dhcpv6data-oobr.pcap
  zeek-erspan.pcap zeek-pppoe.pcap pcapplusplus-PPPoESession.pcap tcpdump-ip6-snmp-oid-unsigned.pcap
  rusticata-wireshark_samples-test.pcapng"
FILTER='dhcpv6'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info dhcpv6 dhcpv6.msgtype dhcpv6.hopcount dhcpv6.xid dhcpv6.linkaddr
  dhcpv6.peeraddr dhcpv6.option.type dhcpv6.option.length dhcpv6.option.type_str dhcpv6.duid.bytes dhcpv6.duid.type
  dhcpv6.duidllt.time dhcpv6.duidllt.link_layer_addr dhcpv6.duidll.link_layer_addr dhcpv6.duiden.enterprise
  dhcpv6.duiduuid.bytes dhcpv6.iaid dhcpv6.iaid.t1 dhcpv6.iaid.t2 dhcpv6.iata dhcpv6.iaaddr.ip dhcpv6.iaaddr.pref_lifetime
  dhcpv6.iaprefix.pref_len dhcpv6.iaprefix.pref_addr dhcpv6.requested_option_code dhcpv6.option_preference
  dhcpv6.elapsed_time dhcpv6.status_code dhcpv6.status_msg dhcpv6.vendorclass.enterprise dhcpv6.vendorclass.data
  dhcpv6.vendoropts.enterprise dhcpv6.interface_id dhcpv6.reconf_msg dhcpv6.dns_server dhcpv6.search_list_entry
  dhcpv6.sip_server_domain_search_fqdn dhcpv6.ntpserver.addr dhcpv6.ntpserver.fqdn dhcpv6.aftr_name dhcpv6.client_domain
  dhcpv6.mudurl dhcpv6.vendoropts.enterprise.option_data frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-dhcpv6-goldens.sh src/test/resources/golden/dhcpv6 "$CAPTURES" "$FILTER" "$FIELDS" expert
