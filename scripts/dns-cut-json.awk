# Cuts `tshark -T json` to the DNS layers: see scripts/make-dns-goldens.sh.
/^          "frame.number": / { print; next }
/^        "(dns|mdns|llmnr)": / { keep = 1 }
keep { print }
keep && /^        }/ { keep = 0 }
