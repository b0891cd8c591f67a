#!/usr/bin/env bash
# Usage: scripts/make-radius-goldens.sh
#
# RADIUS (packet-radius.c) as tshark shows it, for the captures in CAPTURES below, under the
# profile of scripts/tshark-profile.sh: under src/test/resources/golden/radius/, each capture's
# packet list and, for the frames FILTER keeps, -V, -2 -V, -T json -x, -T pdml, -T ek, -T fields
# with FIELDS and -q -z expert (scripts/lib/protocol-goldens.sh says which file is which), and
# VERSION (tshark version, commands, profile, date). RadiusTest compares tcpscope's output with
# these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="arkime-radius.pcap zeek-radius.pcap zeek-radius_localhost.pcap pcapplusplus-radius_1_2_11.pcap
  pcapplusplus-radius_3.pcap pcapplusplus-radius_wrong.pcap tcpdump-RADIUS.pcap tcpdump-RADIUS-RFC3162.pcap
  tcpdump-RADIUS-RFC4675.pcap tcpdump-RADIUS-RFC5176.pcap tcpdump-RADIUS-RFC5176-2.pcap tcpdump-RADIUS-RFC5580.pcap
  tcpdump-RADIUS-port1700.pcap tcpdump-radius_rfc5447.pcap tcpdump-radius_rfc5447_invalid_length.pcap
  tcpdump-radius_attr_asan.pcap"
FILTER='radius'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info radius radius.code radius.id radius.length radius.authenticator
  radius.req radius.rsp radius.reqframe radius.rspframe radius.time radius.dup radius.req.dup radius.rsp.dup
  radius.avp radius.avp.type radius.avp.length radius.avp.vendor_id radius.avp.vendor_type radius.avp.vendor_len
  radius.User_Name radius.User_Password_encrypted radius.NAS_IP_Address radius.NAS_Port radius.Service_Type
  radius.Framed-IP-Address radius.Framed_IP_Netmask radius.Framed_MTU radius.Framed_Protocol radius.Framed_Routing
  radius.Filter_Id radius.Reply_Message radius.State radius.Class radius.Called_Station_Id radius.Calling_Station_Id
  radius.NAS_Port_Type radius.Acct_Status_Type radius.Acct_Session_Id radius.Acct_Input_Octets radius.Acct_Session_Time
  radius.eap_fragment radius.Message_Authenticator radius.CHAP_Password radius.CHAP_Ident radius.NAS_IPv6_Address
  radius.Framed_IPv6_Prefix radius.egress_vlanid_tag radius.egress_vlanid radius.egress_vlan_name radius.Error_Cause
  radius.Aruba_User_Role radius.Aruba_User_Vlan radius.Unknown_Attribute radius.invalid_length
  frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-radius-goldens.sh src/test/resources/golden/radius "$CAPTURES" "$FILTER" "$FIELDS" expert
