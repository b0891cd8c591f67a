#!/usr/bin/env bash
# Usage: scripts/make-sip-goldens.sh
#
# SIP and SDP as tshark shows them, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh: under src/test/resources/golden/sip/, each capture's packet list
# and, for the frames FILTER keeps (every frame of port 5060 and every SIP frame, so the
# segments SIP asks more of and the datagram it declines too), -V, -2 -V, -T json -x, -T pdml,
# -T ek, -T fields with FIELDS and -q -z expert (scripts/lib/protocol-goldens.sh says which file
# is which), and VERSION (tshark version, commands, profile, date). SipTest compares tcpscope's
# output with these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="synth-sip.pcap zeek-sip-wireshark.pcap zeek-sip-invalid-content-length.pcap zeek-sip-sip-junk-before-request.pcap
  zeek-sip-sip-long-request-response-paths.pcap suricata-sip-tcp.pcap suricata-sip-tcp-pattern.pcap
  pcapplusplus-sip_non_default_port.pcap pcapplusplus-sip_not_sdp.pcap pcapplusplus-sip_reqs.pcap pcapplusplus-sip_resp.pcap
  pcapplusplus-sdp.pcap arkime-arkime_synthetic-sip.pcap arkime-gtp-iphone.pcap"
FILTER='sip || udp.port == 5060 || tcp.port == 5060'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info sip.Method sip.r-uri sip.Status-Code sip.From sip.To sip.Call-ID sip.CSeq
  sip.CSeq.seq sip.CSeq.method sip.Via sip.Via.branch sip.Contact sip.contact.uri sip.Content-Type sip.Content-Length sip.resend
  sip.resend-original sip.response-request sip.response-time sip.release-time sip.call_id_generated sdp.owner sdp.media
  sdp.media.port sdp.media.format sdp.connection_info.address tcp.reassembled_in frame.protocols _ws.expert.message
  _ws.malformed"

protocol_goldens scripts/make-sip-goldens.sh src/test/resources/golden/sip "$CAPTURES" "$FILTER" "$FIELDS" expert
