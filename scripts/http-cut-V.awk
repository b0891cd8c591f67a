# Cuts `tshark -V` text to the HTTP layer: see scripts/make-http-goldens.sh.
/^Frame [0-9]+:/ { print; keep = 0; next }
/^    \[Protocols in frame:.*:http/ { print; next }
/^[^ ]/ { keep = ($0 ~ /^(Hypertext Transfer Protocol|Media Type|Portable Network Graphics|\[Malformed Packet: (PNG|GIF image|MIME multipart)\])$|^Compuserve GIF, Version: |^MIME Multipart Media Encapsulation/) }
keep { print }
