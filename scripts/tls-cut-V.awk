# Cuts `tshark -V` text to the TLS layer: see scripts/make-tls-goldens.sh.
# Keeps each frame's "Frame N:" line, its "[Protocols in frame: ...]" line when it names tls, and
# the top-level "Transport Layer Security" items (and a TLS malformed/short marker) with
# everything under them, each certificate's X.509 tree included.
/^Frame [0-9]+:/ { print; keep = 0; next }
/^    \[Protocols in frame:.*:tls/ { print; next }
/^[^ ]/ { keep = ($0 ~ /^(Transport Layer Security|\[Malformed Packet: TLS\]|\[Packet size limited during capture: TLS truncated\])$/) }
!keep { next }
{ print }
