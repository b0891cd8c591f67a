# Cuts `tshark -V` text to the TLS layer: see scripts/make-tls-goldens.sh.
# Keeps each frame's "Frame N:" line, its "[Protocols in frame: ...]" line when it names tls, and
# the top-level "Transport Layer Security" items (and a TLS malformed/short marker) with
# everything under them, except the X.509 tree under each "Certificate: ..." item, which
# tcpscope does not build: that item is cut to its bytes (the text before " (") and its
# subtree dropped.
/^Frame [0-9]+:/ { print; keep = 0; skip = -1; next }
/^    \[Protocols in frame:.*:tls/ { print; next }
/^[^ ]/ { keep = ($0 ~ /^(Transport Layer Security|\[Malformed Packet: TLS\]|\[Packet size limited during capture: TLS truncated\])$/); skip = -1 }
!keep { next }
{
  match($0, /^ */); indent = RLENGTH
  if (skip >= 0) {
    if (indent > skip) next
    skip = -1
  }
  if ($0 ~ /^ +Certificate: [0-9a-f]+(…)?( \(|$)/) {
    line = $0
    sub(/ \(.*$/, "", line)
    print line
    skip = indent
    next
  }
  print
}
