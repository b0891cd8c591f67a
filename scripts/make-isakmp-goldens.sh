#!/usr/bin/env bash
# Usage: scripts/make-isakmp-goldens.sh
#
# Writes src/test/resources/golden/isakmp/: for each ISAKMP capture below, what tshark 4.0.17
# prints under the golden profile (scripts/tshark-profile.sh, which enables isakmp): the packet
# list, -V, -2 -V, -T json -x, -T pdml, -T ek, -T fields of the isakmp.* fields and -z expert
# (scripts/lib/protocol-goldens.sh). IsakmpTest compares tcpscope with every one of them.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="arkime-IKEv1.pcap arkime-IKEv2.pcap tcpdump-ISAKMP_sa_setup.pcap tcpdump-ikev2-id-normal.pcap
  tcpdump-ikev2-id-short.pcap tcpdump-ikev2four.pcap tcpdump-ikev2pI2.pcap tcpdump-isakmp-delete-segfault.pcap
  tcpdump-isakmp-identification-segfault.pcap tcpdump-isakmp-ikev1_n_print-oobr.pcap tcpdump-isakmp-no-none-np.pcapng
  tcpdump-isakmp-pointer-loop.pcap tcpdump-isakmp-various-oobr.pcap tcpdump-isakmpv1-attr-oobr.pcap
  tcpdump-ikev1_id_ipv6_addr_subnet-oobr.pcap tcpdump-ikev2pI2-segfault.pcapng
  tcpdump-isakmp4500.pcap libpcap-isakmp4500.pcap"
FILTER='isakmp'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info isakmp isakmp.ispi isakmp.rspi isakmp.nextpayload isakmp.version
  isakmp.exchangetype isakmp.flags isakmp.flag_e isakmp.flag_i isakmp.flag_r isakmp.messageid isakmp.length
  isakmp.typepayload isakmp.payloadlength isakmp.sa.doi isakmp.prop.number isakmp.prop.protoid isakmp.prop.transforms
  isakmp.spisize isakmp.spi isakmp.trans.id isakmp.tf.type isakmp.tf.id.encr isakmp.tf.id.prf isakmp.tf.id.integ
  isakmp.tf.id.dh isakmp.ike.attr.type isakmp.ike.attr.encryption_algorithm isakmp.ike.attr.life_duration
  isakmp.key_exchange.dh_group isakmp.key_exchange.data isakmp.nonce isakmp.id.type isakmp.id.data.ipv4_addr
  isakmp.id.data.fqdn isakmp.notify.msgtype isakmp.notify.data isakmp.vid_bytes isakmp.vid_string isakmp.enc.iv
  isakmp.enc.data isakmp.ike.nat_hash isakmp.extradata frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-isakmp-goldens.sh src/test/resources/golden/isakmp "$CAPTURES" "$FILTER" "$FIELDS" expert
