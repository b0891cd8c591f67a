#!/usr/bin/env bash
# Usage: scripts/make-pgsql-goldens.sh
#
# PostgreSQL as tshark shows it, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh: under src/test/resources/golden/pgsql/, each capture's packet list
# and, for the frames FILTER keeps (every segment of port 5432, so the ones PGSQL asks more of
# too), -V, -2 -V, -T json -x, -T pdml, -T ek, -T fields
# with FIELDS and -q -z expert (scripts/lib/protocol-goldens.sh says which file is which), and
# VERSION (tshark version, commands, profile, date). PgsqlTest compares tcpscope's output with
# these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="synth-pgsql.pcap arkime-postgres-good.pcap arkime-postgres-badpass.pcap arkime-postgres-no-sslrequest.pcap
  pcapplusplus-postgres.pcapng zeek-postgresql-bad-backend-message-1.pcap zeek-postgresql-bad-startup-message-1.pcap
  zeek-postgresql-greenhouse-app.pcap zeek-postgresql-http-on-port-5432.pcap zeek-postgresql-psql-aws-ssl-disable.pcap
  zeek-postgresql-psql-create-insert-select-delete-drop.pcap zeek-postgresql-psql-insert-fail-drop-fail.pcap
  zeek-postgresql-psql-login-fail.pcap zeek-postgresql-psql-login-wrong.pcap zeek-postgresql-psql-select-now.pcap"
FILTER='tcp.port == 5432'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info pgsql pgsql.type pgsql.length pgsql.frontend pgsql.version_major
  pgsql.version_minor pgsql.parameter_name pgsql.parameter_value pgsql.query pgsql.password pgsql.authtype pgsql.salt
  pgsql.auth.sasl.mech pgsql.auth.sasl.data pgsql.statement pgsql.portal pgsql.returns pgsql.tag pgsql.status
  pgsql.copydata pgsql.error pgsql.pid pgsql.key pgsql.condition pgsql.text pgsql.oid.type pgsql.format
  pgsql.field.count pgsql.col.name pgsql.col.index pgsql.val.length pgsql.val.data pgsql.col.typemod pgsql.severity
  pgsql.code pgsql.message pgsql.routine tcp.len tcp.reassembled_in frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-pgsql-goldens.sh src/test/resources/golden/pgsql "$CAPTURES" "$FILTER" "$FIELDS" expert
