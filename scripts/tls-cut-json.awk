# Cuts `tshark -T json` to the TLS layer: see scripts/make-tls-goldens.sh.
# Keeps each frame's "frame.number" line and its "tls" objects (each certificate's X.509 tree,
# "tls.handshake.certificate_tree", included), without the trailing commas (which depend on what
# follows a "tls" object).
/^          "frame.number": / { print; next }
/^        "tls": / { keep = 1 }
!keep { next }
{
  line = $0
  sub(/,$/, "", line)
  print line
}
keep && /^        }/ { keep = 0 }
