#!/usr/bin/env bash
# Usage: scripts/make-dns-goldens.sh
#
# The DNS, mDNS and LLMNR layers of tshark's views, for every capture in captures/ in which tshark
# finds one of them (`-Y "dns || mdns || llmnr"` matches a frame), under the profile of
# scripts/tshark-profile.sh. Writes, under src/test/resources/golden/dns/:
#   <name>.list.txt   `tshark -r captures/<name> -Y "dns || mdns || llmnr"` (the packet list lines)
#   <name>.V.txt      `tshark -r captures/<name> -V`, cut to the DNS layers
#   <name>.json       `tshark -r captures/<name> -T json`, cut to the DNS layers
#   <name>.fields.tsv `tshark -r captures/<name> -Y "dns || mdns || llmnr" -T fields -E header=y -e ...`
#                     with the DNS fields in FIELDS below
# and VERSION (tshark version, commands, profile, date).
#
# The cut (scripts/dns-cut-V.awk, scripts/dns-cut-json.awk; DnsGoldenTest applies the same cut
# to tcpscope's output) keeps, for each frame: its "Frame N:" line, its "[Protocols in frame:
# ...]" line when it names dns, mdns or llmnr, the top-level DNS/MDNS/LLMNR items with
# everything under them, and the exception markers that end a frame; in JSON, each frame's
# "frame.number" line and its "dns", "mdns" and "llmnr" objects. The layers below are checked by
# the full detail goldens (make-detail-goldens.sh).
# Goldens are made by this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

out=src/test/resources/golden/dns
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof"

FIELDS="dns mdns llmnr dns.length dns.id dns.flags dns.flags.response dns.flags.opcode dns.flags.authoritative
dns.flags.conflict dns.flags.truncated dns.flags.recdesired dns.flags.tentative dns.flags.recavail dns.flags.z
dns.flags.authenticated dns.flags.checkdisable dns.flags.rcode dns.count.queries dns.count.zones dns.count.answers
dns.count.auth_rr dns.count.add_rr dns.qry.name dns.qry.name.len dns.count.labels dns.qry.type dns.qry.class dns.qry.qu
dns.resp.name dns.resp.type dns.resp.class dns.resp.cache_flush dns.resp.ttl dns.resp.len dns.a dns.aaaa dns.cname
dns.ns dns.ptr.domain_name dns.mx.preference dns.mx.mail_exchange dns.txt dns.soa.mname dns.soa.serial_number
dns.srv.target dns.srv.port dns.resp.ext_rcode dns.resp.edns0_version dns.resp.z.do dns.opt.code
dns.opt.len dns.opt.data dns.opt.cookie.client dns.rrsig.signers_name dns.nsec.next_domain_name dns.ds.digest
dns.response_in dns.response_to dns.time dns.retransmission dns.retransmit_request_in dns.unsolicited"

ts() {
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark "$@" 2>/dev/null || true
}

keep=$(mktemp)
[ -f "$out/known-gaps.tsv" ] && cp "$out/known-gaps.tsv" "$keep"
rm -rf "$out"
mkdir -p "$out"
cp "$keep" "$out/known-gaps.tsv"
rm -f "$keep"
args=()
for field in $FIELDS; do args+=(-e "$field"); done
n=0
for f in captures/*; do
  name=$(basename "$f")
  case "$name" in *.md|*.txt) continue ;; esac
  if [ "$(ts -r "$f" -Y 'dns || mdns || llmnr' | head -1 | wc -l)" -eq 0 ]; then
    continue
  fi
  ts -r "$f" -Y 'dns || mdns || llmnr' >"$out/$name.list.txt"
  ts -r "$f" -V | awk -f scripts/dns-cut-V.awk >"$out/$name.V.txt"
  ts -r "$f" -T json | awk -f scripts/dns-cut-json.awk >"$out/$name.json"
  ts -r "$f" -Y 'dns || mdns || llmnr' -T fields -E header=y "${args[@]}" >"$out/$name.fields.tsv"
  n=$((n + 1))
done

{
  echo "# Made by scripts/make-dns-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "commands: XDG_CONFIG_HOME=<profile from scripts/tshark-profile.sh> LC_ALL=C.UTF-8 TZ=UTC tshark -r captures/<name> {-Y 'dns || mdns || llmnr' | -V | -T json | -Y ... -T fields -E header=y -e <FIELDS>}, cut by scripts/dns-cut-V.awk / scripts/dns-cut-json.awk"
  echo "fields: $(echo $FIELDS)"
  echo "enabled protocols: $(scripts/tshark-profile.sh --list | tr '\n' ' ' | sed 's/ $//')"
  echo "captures: $n (those where -Y 'dns || mdns || llmnr' matches a frame)"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"
echo "make-dns-goldens: $n captures -> $out"
