# Cuts `tshark -T json` to the TLS layer: see scripts/make-tls-goldens.sh.
# Keeps each frame's "frame.number" line and its "tls" objects; drops each certificate's X.509
# tree ("tls.handshake.certificate_tree"), which tcpscope does not build, and the trailing
# commas (which depend on what follows a dropped tree).
/^          "frame.number": / { print; next }
/^        "tls": / { keep = 1 }
!keep { next }
{
  match($0, /^ */); indent = RLENGTH
  if (skip >= 0 && skip != "") {
    if (indent > skip) next
    if (indent == skip && $0 ~ /^ *}/) { skip = ""; next }
    skip = ""
  }
  if ($0 ~ /"tls.handshake.certificate_tree": \{/) { skip = indent; next }
  line = $0
  sub(/,$/, "", line)
  print line
}
keep && /^        }/ { keep = 0 }
