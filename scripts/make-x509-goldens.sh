#!/usr/bin/env bash
# Usage: scripts/make-x509-goldens.sh
#
# The TLS layer of tshark's -V and -T json for the crafted certificate captures of
# src/test/resources/x509/ (X509Test), under the profile of scripts/tshark-profile.sh and cut by
# scripts/tls-cut-V.awk / tls-cut-json.awk, into src/test/resources/golden/x509/:
#   crafted.pcap            a TLS 1.2 ServerHello, Certificate (an EC certificate with a UTF-8
#                           subject, IPv4/IPv6/e-mail/URI names, key usage
#                           with decipherOnly, name constraints, an unknown extension, policies
#                           with a user notice, a generalizedTime; an RSA CA with a multi-valued
#                           RDN), a CertificateRequest naming both, ServerHelloDone
#   crafted-malformed.pcap  the EC certificate with its outer length past the data, cut at 400
#                           bytes, and the RSA one with its TBSCertificate tagged SET
#   crafted-mutated.pcap    forty certificates with one random byte changed (scripts/x509-mutated.py),
#                           read with the display filter of its .filter file: the frames it
#                           leaves out are BER errors tcpscope does not show as tshark yet
#                           (docs/TLS.md)
# The captures were written by scripts/x509-crafted.py from certificates made with openssl
# (keys and dates differ on every run, so the pcaps are kept, not remade). Goldens are made by
# this script only; never edit them by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/test/resources/golden/x509
prof=$(mktemp -d)
trap 'rm -rf "$prof"' EXIT
scripts/tshark-profile.sh "$prof"
ts() {
  XDG_CONFIG_HOME="$prof" LC_ALL=C.UTF-8 TZ=UTC tshark "$@" 2>/dev/null || true
}
mkdir -p "$out"
for f in src/test/resources/x509/*.pcap; do
  name=$(basename "$f")
  filter=()
  if [ -f "${f%.pcap}.filter" ]; then filter=(-Y "$(cat "${f%.pcap}.filter")"); fi
  ts -r "$f" "${filter[@]}" -V | awk -f scripts/tls-cut-V.awk >"$out/$name.V.txt"
  ts -r "$f" "${filter[@]}" -T json | awk -f scripts/tls-cut-json.awk >"$out/$name.json"
done
{
  echo "# Made by scripts/make-x509-goldens.sh; do not edit."
  echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/VERSION"
echo "make-x509-goldens: $(ls src/test/resources/x509/*.pcap | wc -l) captures -> $out"
