#!/usr/bin/env bash
# Usage: scripts/make-snmp-goldens.sh
#
# SNMP as tshark shows it, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh: under src/test/resources/golden/snmp/, each capture's packet list
# and, for the frames FILTER keeps, -V, -2 -V, -T json -x, -T pdml, -T ek, -T fields with
# FIELDS and -q -z expert (scripts/lib/protocol-goldens.sh says which file is which), and
# VERSION (tshark version, commands, profile, date). SnmpTest compares tcpscope's output with
# these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="zeek-snmp-leak_test.pcapng zeek-snmp-snmp-crash-62790.pcap zeek-snmp-snmp-oid-subidentifier-too-long.pcap
  zeek-snmp-snmpv1_get.pcap zeek-snmp-snmpv1_get_short.pcap zeek-snmp-snmpv1_set.pcap zeek-snmp-snmpv1_trap.pcap
  zeek-snmp-snmpv2_get.pcap zeek-snmp-snmpv2_get_bulk.pcap zeek-snmp-snmpv2_get_next.pcap zeek-snmp-snmpv3_get_next.pcap
  zeek-snmp-snmpwalk-short.pcap arkime-SNMPv2c_get_requests.pcap arkime-snmpv3_synthetic.pcap
  tcpdump-ip-snmp-leftshift-unsigned.pcap tcpdump-ip6-snmp-oid-unsigned.pcap tcpdump-snmp-heapoverflow-1.pcap
  tcpdump-snmp-heapoverflow-2.pcap synth-snmp.pcap"
FILTER='snmp'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info snmp snmp.version snmp.community snmp.data snmp.request_id snmp.error_status
  snmp.error_index snmp.variable_bindings snmp.name snmp.value.int snmp.value.octets snmp.value.oid snmp.value.ipv4
  snmp.value.counter snmp.value.timeticks snmp.value.g32 snmp.var-bind_str snmp.enterprise snmp.agent_addr snmp.generic_trap
  snmp.specific_trap snmp.time_stamp snmp.non_repeaters snmp.max_repetitions snmp.msgVersion snmp.msgID snmp.msgMaxSize
  snmp.msgFlags snmp.v3.flags.report snmp.msgSecurityModel snmp.msgAuthoritativeEngineID snmp.msgAuthoritativeEngineBoots
  snmp.msgUserName snmp.msgAuthenticationParameters snmp.engineid.enterprise snmp.engineid.format snmp.engineid.time
  snmp.contextEngineID snmp.contextName snmp.encryptedPDU snmp.get_request_element snmp.response_to snmp.response_in snmp.time
  frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-snmp-goldens.sh src/test/resources/golden/snmp "$CAPTURES" "$FILTER" "$FIELDS" expert
