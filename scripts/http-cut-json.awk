# Cuts `tshark -T json` to the HTTP layer: see scripts/make-http-goldens.sh.
/^          "frame.number": / { print; next }
/^        "(http|media|image-gif|png|mime_multipart)": / { keep = 1 }
keep { print }
keep && /^        }/ { keep = 0 }
