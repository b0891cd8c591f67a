#!/usr/bin/env bash
# Usage: scripts/make-http2-goldens.sh
#
# HTTP/2 as tshark shows it, for the captures in CAPTURES below, under the profile of
# scripts/tshark-profile.sh: under src/test/resources/golden/http2/, each capture's packet list
# and, for the frames FILTER keeps, -V, -2 -V, -T json -x, -T pdml, -T ek, -T fields with FIELDS
# and -q -z expert (scripts/lib/protocol-goldens.sh says which file is which), -q -z http2,tree, and VERSION
# (tshark version, commands, profile, date). Http2Test compares tcpscope's output with these.
# Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/protocol-goldens.sh

CAPTURES="synth-http2.pcap arkime-http2-nghttp2.pcap"
FILTER='http2 || tcp.port == 80'
FIELDS="frame.number _ws.col.Protocol _ws.col.Info http2.type http2.streamid http2.flags http2.length
  http2.header.name http2.header.value http2.header.repr http2.header.index http2.header_table_size_update.header_table_size
  http2.headers.method http2.headers.path http2.headers.status http2.headers.content_type http2.request.full_uri
  http2.settings.id http2.data.data http2.body.fragment http2.body.reassembled.in http2.body.reassembled.length
  http2.rst_stream.error http2.goaway.error http2.window_update.window_size_increment http2.push_promise.promised_stream_id
  tcp.len tcp.reassembled_in frame.protocols _ws.expert.message _ws.malformed"

protocol_goldens scripts/make-http2-goldens.sh src/test/resources/golden/http2 "$CAPTURES" "$FILTER" "$FIELDS" expert

# and <name>.http2tree.txt: `-Y FILTER -q -z http2,tree`, packet-http2.c's statistics tree
prof=$(mktemp -d)
scripts/tshark-profile.sh "$prof"
for name in $CAPTURES; do
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark -r "captures/$name" -Y "$FILTER" -q -z http2,tree \
    >"src/test/resources/golden/http2/$name.http2tree.txt" 2>/dev/null || true
done
rm -rf "$prof"
echo "also: tshark -r captures/<name> -Y '$FILTER' -q -z http2,tree > <name>.http2tree.txt" >>src/test/resources/golden/http2/VERSION
