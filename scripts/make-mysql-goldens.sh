#!/usr/bin/env bash
# Usage: scripts/make-mysql-goldens.sh
#
# MySQL as tshark shows it, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh: under src/test/resources/golden/mysql/, each capture's packet list
# and, for the frames FILTER keeps, -V, -2 -V, -T json -x, -T pdml, -T ek, -T fields with
# FIELDS and -q -z expert (scripts/lib/protocol-goldens.sh says which file is which), and
# VERSION (tshark version, commands, profile, date). MysqlTest compares tcpscope's output with
# these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="synth-mysql.pcap zeek-mysql.pcap zeek-mysql-caching_sha2_password-after-auth-switch.pcapng
  zeek-mysql-many-query-attrs.pcap zeek-mysql-9.0.0-query-attributes.pcap zeek-mysql-change-user-success.pcap
  zeek-mysql8-navicat-login-failed.pcap zeek-mysql-auth.pcap arkime-mysql-tls.pcap
  pcapplusplus-mysql.pcapng"
FILTER='mysql || tls'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info mysql mysql.packet_length mysql.packet_number mysql.request
  mysql.command mysql.response_code mysql.error_code mysql.sqlstate mysql.error.message mysql.protocol mysql.version
  mysql.thread_id mysql.caps.server mysql.caps.client mysql.extcaps.server mysql.extcaps.client mysql.server_language
  mysql.server_status mysql.user mysql.schema mysql.client_auth_plugin mysql.auth_plugin mysql.connattrs.name
  mysql.query mysql.num_fields mysql.field.name mysql.field.type mysql.row.text mysql.affected_rows mysql.warnings
  mysql.eof mysql.auth_switch_request.name mysql.session_track.type mysql.query_attrs_count mysql.stmt_id
  mysql.payload tls.app_data_proto frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-mysql-goldens.sh src/test/resources/golden/mysql "$CAPTURES" "$FILTER" "$FIELDS" expert
