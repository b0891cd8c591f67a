#!/usr/bin/env bash
# Usage: scripts/make-kerberos-goldens.sh
#
# Kerberos as tshark shows it, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh: under src/test/resources/golden/kerberos/, each capture's packet list
# and, for the frames FILTER keeps, -V, -2 -V, -T json -x, -T pdml, -T ek, -T fields with FIELDS
# and -q -z expert (scripts/lib/protocol-goldens.sh says which file is which), and VERSION
# (tshark version, commands, profile, date). KerberosTest compares tcpscope's output with these.
# Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="arkime-krb5-tcp.pcap arkime-krb5-udp.pcap zeek-krb-auth.pcap zeek-krb-error-preauth-padata.pcap
  zeek-krb-kerberos_tso.pcapng zeek-krb-kinit.pcap zeek-krb-optional-service-name.pcap zeek-ldap-aduser1.pcap"
FILTER='kerberos && (udp.port == 88 || tcp.port == 88)'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info kerberos kerberos.rm.length kerberos.pvno kerberos.msg_type
  kerberos.padata_type kerberos.padata_value kerberos.kdc_options kerberos.cname_element kerberos.name_type
  kerberos.CNameString kerberos.realm kerberos.crealm kerberos.SNameString kerberos.till kerberos.nonce
  kerberos.ENCTYPE kerberos.etype kerberos.kvno kerberos.cipher kerberos.addr_nb kerberos.addr_ip
  kerberos.error_code kerberos.e_text kerberos.e_data kerberos.stime kerberos.susec kerberos.info2_salt
  kerberos.include_pac kerberos.KDCOptions.forwardable kerberos.KDCOptions.renewable.ok
  frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-kerberos-goldens.sh src/test/resources/golden/kerberos "$CAPTURES" "$FILTER" "$FIELDS" expert
