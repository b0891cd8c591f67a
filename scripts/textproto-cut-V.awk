# Cuts `tshark -V` text to the SSH, SMTP, IMF, FTP and FTP-DATA layers: see scripts/make-textproto-goldens.sh.
/^Frame [0-9]+:/ { print; keep = 0; next }
/^    \[Protocols in frame:.*:(ssh|smtp|ftp|ftp-data)(:|\]$)/ { print; next }
/^(SSH Protocol|Simple Mail Transfer Protocol|Internet Message Format|File Transfer Protocol \(FTP\)|FTP Data)/ { keep = 1 }
keep { print }
