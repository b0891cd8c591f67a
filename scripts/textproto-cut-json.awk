# Cuts `tshark -T json` to the SSH, SMTP, IMF, FTP and FTP-DATA layers: see scripts/make-textproto-goldens.sh.
/^          "frame.number": / { print; next }
/^        "(ftp|ftp-data)\.[^"]*": "/ { print; next }
/^        "(ssh|smtp|imf|ftp|ftp-data)": / { keep = 1 }
keep { print }
keep && /^        }/ { keep = 0 }
