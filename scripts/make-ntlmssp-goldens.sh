#!/usr/bin/env bash
# Usage: scripts/make-ntlmssp-goldens.sh
#
# NTLMSSP (and the GSS-API item LDAP reaches it through) as tshark shows it, for the captures in
# CAPTURES below, under the profile of scripts/tshark-profile.sh. Writes, under
# src/test/resources/golden/ntlmssp/ (the detail formats gzipped, gzip -9n):
#   <name>.txt          `tshark -r captures/<name>`                       (every frame's list line)
#   <name>.V.txt        `tshark -r captures/<name> -Y "$FILTER" -V`
#   <name>.2.V.txt      the same with -2 (the second pass: AUTH strings read by what the first left)
#   <name>.json         `tshark -r captures/<name> -Y "$FILTER" -T json -x`
#   <name>.pdml         `tshark -r captures/<name> -Y "$FILTER" -T pdml`, its header's time="..." as time=""
#   <name>.ek.json      `tshark -r captures/<name> -Y "$FILTER" -T ek`
#   <name>.fields.tsv   `tshark -r captures/<name> -Y "$FILTER" -T fields -E header=y -e <FIELDS>`
# and VERSION (tshark version, commands, profile, date). NtlmsspGoldenTest compares tcpscope's
# output with these. Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

out=src/test/resources/golden/ntlmssp
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof"

CAPTURES="arkime-ntlm_synthetic.pcap synth-ntlmssp.pcap zeek-erspan.pcap zeek-ldap-aduser1-ntlm.pcap
  zeek-ldap-sasl-ntlm.pcap zeek-ldap-invalid-credentials.pcap pcapplusplus-ldap.pcapng"
FILTER='ntlmssp || gss-api'
FIELDS="frame.number _ws.col.Info ntlmssp.messagetype ntlmssp.negotiateflags ntlmssp.negotiateunicode
  ntlmssp.negotiate.domain ntlmssp.negotiate.callingworkstation ntlmssp.challenge.target_name
  ntlmssp.ntlmserverchallenge ntlmssp.challenge.target_info.nb_domain_name
  ntlmssp.challenge.target_info.timestamp ntlmssp.auth.domain ntlmssp.auth.username ntlmssp.auth.hostname
  ntlmssp.auth.ntresponse ntlmssp.ntlmv2_response.ntproofstr ntlmssp.ntlmv2_response.time
  ntlmssp.ntlmclientchallenge ntlmssp.authenticate.mic ntlmssp.auth.sesskey ntlmssp.version.build_number
  ntlmssp.string.length ntlmssp.blob.offset gss-api.OID _ws.expert.message _ws.malformed"
fields() { for f in $1; do printf -- '-e %s ' "$f"; done; }

ts() {
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark "$@" 2>/dev/null || true
}

rm -rf "$out"
mkdir -p "$out"
n=0
for name in $CAPTURES; do
  f=captures/$name
  ts -r "$f" >"$out/$name.txt"
  ts -r "$f" -Y "$FILTER" -V | gzip -9n >"$out/$name.V.txt.gz"
  ts -2 -r "$f" -Y "$FILTER" -V | gzip -9n >"$out/$name.2.V.txt.gz"
  ts -r "$f" -Y "$FILTER" -T json -x | gzip -9n >"$out/$name.json.gz"
  ts -r "$f" -Y "$FILTER" -T pdml | sed -E '0,/^<pdml /s/ time="[^"]*"/ time=""/' | gzip -9n >"$out/$name.pdml.gz"
  ts -r "$f" -Y "$FILTER" -T ek | gzip -9n >"$out/$name.ek.json.gz"
  # shellcheck disable=SC2046
  ts -r "$f" -Y "$FILTER" -T fields -E header=y $(fields "$FIELDS") >"$out/$name.fields.tsv"
  n=$((n + 1))
done

{
  echo "# Made by scripts/make-ntlmssp-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "commands: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<name> [-2] [-Y '$FILTER' {-V | -T json -x | -T pdml | -T ek | -T fields -E header=y -e <field>...}]"
  echo "fields: $(echo $FIELDS)"
  echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
  echo "captures: $n ($(echo $CAPTURES))"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"
echo "make-ntlmssp-goldens: $n captures -> $out"
