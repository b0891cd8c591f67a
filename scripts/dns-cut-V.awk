# Cuts `tshark -V` text to the DNS layers: see scripts/make-dns-goldens.sh.
/^Frame [0-9]+:/ { print; keep = 0; next }
/^    \[Protocols in frame:.*:(dns|mdns|llmnr)/ { print; next }
/^[^ ]/ { keep = ($0 ~ /^(Domain Name System|Multicast Domain Name System|Link-local Multicast Name Resolution) \(/ || $0 ~ /^\[(Malformed Packet|Packet size limited during capture|BoundError Unreassembled Packet)/) }
keep { print }
