#!/usr/bin/env bash
# Usage: scripts/tshark-profile.sh DIR
#
# Writes DIR/wireshark/disabled_protos so that `XDG_CONFIG_HOME=DIR tshark -r FILE` dissects
# only what tcpscope dissects: every protocol that `tshark -G protocols` lists (column 3, the
# filter name) is disabled except those named in ENABLED below. Application payloads (DNS, HTTP,
# TLS ...) then show as plain UDP/TCP lines, as tcpscope prints them.
#
# `scripts/tshark-profile.sh --list` prints the enabled list, one a line, and writes nothing.
#
# The helper protocols were found by comparing `tshark -r` with and without the profile, and
# with and without each helper, over captures of every link type we read; see the comments.
set -euo pipefail

ENABLED=(
  # What tcpscope dissects.
  frame eth vlan sll null raw ip ipv6 tcp udp icmp icmpv6 arp data
  # Above TCP (src/main/java/dev/tcpscope/proto): HTTP/1.x on its ports and as the "http_tcp"
  #   heuristic. Of the media-type dissectors it calls, image-gif (image/gif and the "gif_http"
  #   heuristic: proto/gif), png (image/png and "png_http": proto/png), image-jfif (image/jpeg,
  #   image/jpg, image/jfif and "jfif_http": proto/jfif) and json (application/json
  #   and packet-json.c's ten other types: proto/json), all in proto/Media.java, and
  #   mime_multipart (every multipart/* body: proto/multipart), data-text-lines (text/plain,
  #   text/html and the other line-based types: proto/text) and xml (application/xml, text/xml
  #   and the other types packet-xml.c registers, and the bodies starting with "<?xml" that
  #   data-text-lines hands to it: proto/xml); the others (other image-*, ...) stay disabled:
  #   their trees and Protocol names are not built yet. With them off tshark still writes
  #   " (type)" after the first line (packet-media.c, which cannot be disabled), as tcpscope
  #   does. The same media dissectors show the body of the IMF message SMTP reassembles.
  http image-gif png image-jfif mime_multipart json data-text-lines xml
  # websocket: RFC 6455 frames after an HTTP 101 answer to an Upgrade: websocket request, each
  #   frame by its header's length; text payloads to data-text-lines, binary ones to data
  #   (src/main/java/dev/tcpscope/proto/websocket).
  websocket
  # ssdp: packet-http.c's dissect_ssdp, one HTTP message per UDP datagram on udp.port 1900 under
  #   an "SSDP" Protocol column and a "Simple Service Discovery Protocol" tree (proto/http/Ssdp.java).
  ssdp
  # DNS over UDP (port 53, and the "dns_udp" heuristic on other ports) and TCP (53, 5353), and
  #   packet-dns.c's two other protocols, mDNS (udp 5353) and LLMNR (udp 5355): proto/dns.
  dns mdns llmnr
  # SSH, SMTP with the IMF message of its DATA, FTP and the FTP-DATA connections its PORT/PASV/
  #   EPRT/EPSV exchanges announce (src/main/java/dev/tcpscope/proto/{ssh,smtp,ftp}).
  ssh smtp imf ftp ftp-data
  # tls: SSL 3.0 to TLS 1.3 on its tcp.port entries and as the "tls_tcp" heuristic
  #   (src/main/java/dev/tcpscope/proto/tls), with each certificate's X.509 tree
  #   (src/main/java/dev/tcpscope/proto/x509). packet-tls-utils.c calls the certificate
  #   dissector (x509af) directly, so that tree shows even with the X.509 protocols off; but the
  #   values it hands on by OID (attribute values, extensions) go through the BER OID table,
  #   and only enabled protocols answer there: with x509sat, x509ce, pkix1implicit and
  #   pkix1explicit off tshark writes "BER: Dissector for OID not implemented" where a plain
  #   tshark (what users see) decodes the value, and frame.protocols lacks their names.
  #   Enabling these four makes the TLS layer of every certificate in captures/ equal to a plain
  #   tshark's (checked with 4.0.17); x509af, x509if, pkcs-1 (the RSA key's modulus and
  #   exponent) and ber (its padding and expert fields) change nothing when toggled but own
  #   fields of that tree, so they are listed for the field tables (gen-raw-fields.sh,
  #   gen-ek-fields.sh). ocsp stays disabled: a CertificateStatus shows the OCSP item only.
  tls
  x509af x509if x509sat x509ce pkix1explicit pkix1implicit pkcs-1 ber
  # rlogin: Rlogin on tcp.port 513, each segment on its own (src/main/java/dev/tcpscope/proto/rlogin).
  rlogin
  # tpkt cotp: RFC 1006 TPKT on tcp.port 102 and 3389 and the ISO 8073 COTP TPDUs it carries,
  #   data units reassembled (src/main/java/dev/tcpscope/proto/cotp). cltp (COTP's connectionless
  #   twin, over CLNP only), s7comm and the other COTP heuristics, and rdp stay disabled.
  tpkt cotp
  # rsh: the remote shell on tcp.port 514, each segment on its own (src/main/java/dev/tcpscope/proto/rsh).
  rsh
  # finger: RFC 742 on tcp.port 79, the query desegmented to its CRLF and the response until FIN
  #   (src/main/java/dev/tcpscope/proto/finger).
  finger
  # gryphon: Dearborn Group's Gryphon (a plugin) on tcp.port 7000, desegmented by its 8-byte
  #   header's length (src/main/java/dev/tcpscope/proto/gryphon): header items, body as data.
  gryphon
  # pop: POP3 on tcp.port 110, each segment on its own, the messages RETR/TOP announce reassembled
  #   and handed to imf (src/main/java/dev/tcpscope/proto/pop).
  pop
  # mbtcp, modbus: Modbus/TCP on tcp.port 502, ADUs by their MBAP length (src/main/java/dev/tcpscope/proto/modbus).
  mbtcp
  modbus
  # ldap: LDAP on tcp.port 389 and 3268 (and udp 389 as CLDAP), each LDAPMessage by its BER
  #   length, SASL-wrapped buffers undecrypted (src/main/java/dev/tcpscope/proto/ldap).
  ldap
  # ntlmssp: the NTLM Secure Service Provider messages (NEGOTIATE, CHALLENGE, AUTH) that HTTP's
  #   Authorization/WWW-Authenticate "NTLM <base64>" headers and LDAP's SASL bind credentials
  #   carry (src/main/java/dev/tcpscope/proto/ntlmssp), and gss-api, the wrapper LDAP's SASL
  #   credentials and HTTP's "Negotiate" blobs go through (with it off tshark shows LDAP's SASL
  #   NTLMSSP as data). spnego and kerberos stay disabled: a Negotiate token that is not raw
  #   NTLMSSP shows the GSS-API item with its OID and "Token object" (docs/NTLMSSP.md).
  ntlmssp gss-api
  # imap: IMAP on tcp.port 143, line by line, desegmented; the literals of FETCH answers handed to
  #   imf (src/main/java/dev/tcpscope/proto/imap).
  imap
  # irc: IRC on tcp.port 6667 and 57000, each segment on its own (src/main/java/dev/tcpscope/proto/irc).
  irc
  # telnet: Telnet on tcp.port 23, each segment on its own (src/main/java/dev/tcpscope/proto/telnet).
  telnet
  # enip, cip, cippccc: EtherNet/IP on tcp.port 44818, encapsulation messages desegmented by their
  #   24-byte header's length, its Common Packet Format items, the CIP Message Router requests and
  #   responses they carry, the PCCC object's Execute PCCC and, for the other classes, the generic
  #   class dissector's "CIP Class Generic" data (src/main/java/dev/tcpscope/proto/enip). The other
  #   CIP protocols stay disabled: cipcm (Connection Manager), cipmb, cipcco, cipssupervisor,
  #   cipsvalidator (their class's messages then show as data, as call_dissector does for a
  #   disabled protocol), cipio/cipio1 (class 0/1 I/O over UDP 2222), cipsafety*, cipm*.
  enip cip cippccc cipcls
  # gre, erspan: GRE, IP protocol 47 (src/main/java/dev/tcpscope/wire/Gre.java), and what its
  #   "gre.proto" table hands its payload to: IPv4 (also under WCCP's 0x883e), IPv6, ARP,
  #   Ethernet without FCS (transparent bridging 0x6558, and 0x6400), and ERSPAN types I, II
  #   and III (wire/Erspan.java) before an Ethernet frame, and Cisco MetaData (cmd, 0x8909:
  #   its header, then IPv4 or IPv6). The other types (PPTP's PPP, Aruba's 802.11 ...) go to
  #   data inside the GRE item, as their dissectors stay disabled. GRE over UDP (udp.port 4754)
  #   is not followed yet: those datagrams differ.
  gre erspan cmd
  # mpls: MPLS label stacks, EtherTypes 0x8847/0x8848, GRE's same types and IP protocol 137
  #   (src/main/java/dev/tcpscope/wire/Mpls.java), and what packet-mpls.c guesses follows the
  #   bottom of the stack: IPv4 or IPv6 by the version nibble, an Ethernet pseudowire
  #   (pwethheuristic, then pwethcw: its control word; pwethnocw, which tshark may choose when
  #   the bytes look like an Ethernet header without one, is not told apart) or an associated
  #   channel header (pwach, RFC 4385/5586) before data. MPLS over UDP 6635 is not followed.
  mpls pwethheuristic pwethcw pwethnocw pwach
  # esp, ah: IPsec's Encapsulating Security Payload, IP protocol 50 (src/main/java/dev/tcpscope/
  #   wire/Ipsec.java): SPI, sequence number and the per-SPI sequence analysis, nothing decrypted,
  #   as tshark's default preferences; and its Authentication Header, IP protocol 51: the header,
  #   then the protocol it names (inside the IPv6 item after IPv6); and IP Payload Compression,
  #   IP protocol 108: the header, the compressed bytes as data, then what they inflate to (the
  #   "IPcomp inflated data" source); and UDP encapsulation on port 4500 (udpencap): ESP, a NAT
  #   keepalive, or the non-ESP marker before IKE (which goes to isakmp, below).
  esp ah ipcomp udpencap
  # pppoes, pppoed, pppoe, ppp: PPP over Ethernet (src/main/java/dev/tcpscope/proto/ppp, wire/Ppp.java):
  #   the Session stage's header and the PPP protocol field, then IPv4 or IPv6; the Discovery
  #   stage's header and tags. CCP, MP and PPP's other protocols stay disabled: their frames show
  #   as PPP's "0x80fd" with the rest as data.
  pppoes pppoed pppoe ppp
  # lcp, ipcp, ipv6cp, pap, chap: PPP's control and authentication protocols (proto/ppp/PppCp.java,
  #   PppAuth.java). packet-ppp.c registers each configuration option "in name only" as a protocol
  #   of its own (lcp.opt.mtu_bytes ...): with one disabled its option shows as a bare
  #   Type/Length item, so all of them are enabled.
  lcp ipcp ipv6cp pap chap
  lcp.opt.addr_field_compress lcp.opt.asyncmap_bytes lcp.opt.auth lcp.opt.auth_protocol_bytes
  lcp.opt.callback lcp.opt.compound_frames lcp.opt.cobs lcp.opt.dce_identifier
  lcp.opt.fcs_alternatives_bytes lcp.opt.internationalization lcp.opt.link_discrim_bytes
  lcp.opt.linkqualmon lcp.opt.magic_number_bytes lcp.opt.mtu_bytes lcp.opt.multilink_pp
  lcp.opt.multilink_ep_disc lcp.opt.multilink_hdr_fmt lcp.opt.multilink_mrru lcp.opt.multilink_ssnh
  lcp.opt.nomdataencap lcp.opt.numbered_mode lcp.opt.prefix_elision lcp.opt.field_compress
  lcp.opt.quality_protocol_bytes lcp.opt.self_desc_pad lcp.opt.sonet_sdh lcp.opt.vendor
  ipcp.opt.addr ipcp.opt.addrs ipcp.opt.compress ipcp.opt.mobileipv4 ipcp.opt.pri_dns
  ipcp.opt.pri_nbns ipcp.opt.sec_dns ipcp.opt.sec_nbns ipcp.opt.rohc.profile_bytes
  ipcp.opt.iphc.enhanced_rtp_compress ipcp.opt.iphc.neghdrcomp ipcp.opt.iphc.rtp_compress
  ipv6cp.opt.interface_identifier ipv6cp.opt.compress
  # igmp: IGMP, IP protocol 2 (src/main/java/dev/tcpscope/proto/igmp): versions 0-3 and multicast
  #   traceroute. The other dissectors of its "igmp.type" table (dvmrp, mrdisc, msnip, igap,
  #   rgmp; pimv1 is pim's, enabled below) stay disabled, so their types show as IGMP with the rest as igmp.data.
  igmp
  # vrrp: VRRP versions 2 and 3, IP protocol 112 (src/main/java/dev/tcpscope/proto/vrrp).
  vrrp
  # eigrp: Cisco's EIGRP, IP protocol 88 (src/main/java/dev/tcpscope/proto/eigrp;
  #   docs/bfdeigrp.md): the header, its checksum, and the TLVs.
  eigrp
  # sctp: SCTP, IP protocol 132 (src/main/java/dev/tcpscope/proto/sctp); its payload protocols
  #   (M3UA, DIAMETER, ForCES ...) stay disabled, so DATA chunks' payloads show as data.
  sctp
  # quic: QUIC (RFC 9000/9001/9369) by its "udp" heuristic, which takes the UDP conversation
  #   (packet-quic.c registers no udp.port), Initial packets opened with the keys of the
  #   client's first DCID, their CRYPTO frames put in order and handed to tls's
  #   "tls13-handshake" (src/main/java/dev/tcpscope/proto/quic). Needs no helper beyond tls:
  #   with it the QUIC captures of the corpus show as a plain tshark shows them (checked with
  #   4.0.17); gquic (Google QUIC before Q050, its own heuristic), http3 and doq (only behind
  #   1-RTT keys, which a capture without a key log never has) stay disabled.
  quic
  # dhcp: DHCP/BOOTP on udp.port 67 and 68 (src/main/java/dev/tcpscope/proto/dhcp): the fixed
  #   header, the magic cookie and the options with their suboptions, as tshark's defaults.
  dhcp
  # dhcpv6: DHCPv6 on udp.port 546 and 547 (packet-dhcpv6.c; src/main/java/dev/tcpscope/proto/
  #   dhcpv6; docs/dhcpv6.md): the message or relay header and its options, DUIDs, IA_NA/IA_TA/IA_PD
  #   with their addresses, prefixes and status codes, relayed messages nested. Needs no helper
  #   protocol (dhcpv6.bulk_leasequery, TCP 547, stays disabled).
  dhcpv6
  # tftp: TFTP on udp.port 69 and by its "udp" heuristic, each transfer a conversation with the
  #   server's port open (src/main/java/dev/tcpscope/proto/tftp); its data blocks go to data.
  tftp
  # nbss, smb2, spnego: the NetBIOS Session Service on tcp.port 139 and its 4-byte framing of
  #   direct-hosted SMB on 445 (packet-nbns.c), messages reassembled by their length, and the
  #   SMB2/SMB3 PDUs in them (packet-smb2.c's "netbios" heuristic; src/main/java/dev/tcpscope/
  #   proto/smb2): header, compound chains, Info of every command, request/response pairing. spnego
  #   is what GSS-API hands a Session Setup's security blob to; without it the NTLMSSP inside is
  #   not reached and Info lacks ", NTLMSSP_NEGOTIATE" (it also opens LDAP's and HTTP's Negotiate
  #   tokens). The data of named pipes (Write, Read, FSCTL_PIPE_TRANSCEIVE) goes to DCE/RPC's
  #   "dcerpc_smb2" heuristic (dcerpc below), else to data. smb (SMB1, whose Negotiate an SMB2
  #   client may send first), kerberos and lanman stay disabled: SMB1 shows as NBSS with data,
  #   Kerberos tokens as SMB2 items (docs/SMB2.md).
  nbss smb2 spnego
  # pim: PIM, IP protocol 103, and PIMv1 in IGMP type 0x14 through igmp's "igmp.type" table
  #   (src/main/java/dev/tcpscope/proto/pim): PIMv2 Hello and its options, Register (the
  #   datagram it carries handed on to ip/ipv6), Register-Stop, Join/Prune, Graft(-Ack),
  #   Bootstrap, Assert, Candidate-RP-Advertisement, State-Refresh, DF election; the checksum
  #   over IPv6's pseudo-header. Needs no helper beyond ip, ipv6 and igmp.
  pim
  # ospf: OSPF versions 2 and 3, IP protocol 89 (src/main/java/dev/tcpscope/proto/ospf): header,
  #   checksum and v2 authentication, Hello, DB Description, LS Request/Update/Acknowledge, the
  #   LSAs and their bodies, the LLS data block and v3's authentication trailer. Needs no helper
  #   beyond ip and ipv6.
  ospf
  # ntp: NTP on udp.port 123 (src/main/java/dev/tcpscope/proto/ntp): time messages with their
  #   extension fields and MAC, ntpd's mode 6 control and mode 7 private messages, and the
  #   request/response pairing a second pass shows.
  ntp
  # ptp: PTPv2 (IEEE 1588) on udp.port 319 and 320 and on EtherType 0x88F7 (src/main/java/dev/
  #   tcpscope/proto/ptp): header and flags, every message type's timestamps, Announce and its
  #   TLVs, Signalling's TLVs, Management's TLV and data sets; messageLength cuts the Ethernet
  #   payload (the rest shows as eth.padding). Needs no helper protocol.
  ptp
  # vxlan, geneve, gtp: the UDP tunnels on udp.port 4789, 6081, 2152 and 2123
  #   (src/main/java/dev/tcpscope/proto/tunnel, wire/UdpTunnel.java): VXLAN's header and the
  #   Ethernet frame after it, Geneve's header, options and the frame or datagram its protocol
  #   type names, GTPv1's header, extension headers and a T-PDU's IPv4/IPv6 datagram (Protocol
  #   "GTP <X>"), so that the connections inside show as a plain tshark shows them
  #   (docs/TUNNELS.md). gtpprime is the protocol packet-gtp.c registers for udp.port 3386
  #   (GTPv0 and GTP'); without it that port shows as bare UDP. gtpv2 and the information
  #   elements of GTP's control messages are not dissected; gtpv2 stays disabled.
  vxlan geneve gtp gtpprime
  # teredo: Teredo (RFC 4380) on udp.port 3544 (its "udp" heuristic is off in 4.0.17; src/main/
  #   java/dev/tcpscope/proto/tunnel/Teredo.java, wire/UdpTunnel.java): the authentication header
  #   and origin indication, then the IPv6 datagram (docs/teredo.md). An ICMPv6 echo request to
  #   port 3544 is packet-icmpv6.c's "Direct IPv6 Connectivity Test" with its nonce.
  teredo
  # hsrp: Cisco's Hot Standby Router Protocol on udp.port 1985 and 2029 (src/main/java/dev/
  #   tcpscope/proto/hsrp): HSRPv1 to 224.0.0.2 (Hello, Coup, Resign, Advertise, the MD5
  #   authentication TLV after a 20-byte message) and HSRPv2's TLVs to 224.0.0.102 and over IPv6
  #   (Protocol "HSRPv2"). Needs no helper protocol.
  hsrp
  # bfd, bfd_echo: Bidirectional Forwarding Detection (src/main/java/dev/tcpscope/proto/bfd;
  #   docs/bfdeigrp.md): control packets on udp.port 3784, 4784, 6784 and 7784 (and PW ACH
  #   channel types 0x0007, 0x0022, 0x0023), echo packets on udp.port 3785.
  bfd bfd_echo
  # isakmp: ISAKMP/IKEv1 and IKEv2 on udp.port 500 (src/main/java/dev/tcpscope/proto/isakmp;
  #   docs/isakmp.md): the header and the payload chain (SA, proposals, transforms and their
  #   attributes, KE, ID, CERTREQ, HASH, Nonce, Notify, Delete, Vendor ID, TSi/TSr, AUTH, NAT-D,
  #   the Encrypted payload without keys). Needs no helper protocol.
  isakmp
  # nbns: the NetBIOS Name Service on udp.port 137 (packet-nbt.c; src/main/java/dev/tcpscope/proto/
  #   nbns; docs/nbns.md): the header, questions and records with their first-level encoded
  #   names, NB flags and addresses, WACKs, NBSTAT's name table and statistics. Needs no helper
  #   protocol (nbdgm, UDP 138, stays disabled: its datagrams are data).
  nbns
  # rx afs: RX on udp.port 7000-7009 and 7021 and the AFS calls its DATA packets carry
  #   (packet-rx.c, packet-afs.c; src/main/java/dev/tcpscope/proto/afs; docs/afs.md): the RX
  #   header and its ACK, CHALLENGE, RESPONSE and ABORT parts, AFS's service, opcode, request/
  #   reply pairing and the arguments of the calls tcpdump's afs.pcap holds. Needs no helper.
  rx afs
  # resp: Redis's serialization protocol on tcp.port 6379 (src/main/java/dev/tcpscope/proto/
  #   resp): strings, errors, integers, bulk strings and nested arrays, with the dissector's own
  #   reassembly (a line, a bulk string, an array waiting for more). Its JSON-in-a-string
  #   preference is not in 4.0. Needs no helper protocol.
  resp
  # mysql: MySQL's client/server protocol on tcp.port 3306 (src/main/java/dev/tcpscope/proto/
  #   mysql; docs/MYSQL.md): greeting, login, commands, OK/ERR/EOF, result sets, auth switch; an
  #   SSL request hands the conversation to TLS. Needs no helper protocol.
  mysql
  # pgsql: PostgreSQL's frontend/backend protocol on tcp.port 5432 (src/main/java/dev/tcpscope/
  #   proto/pgsql): messages by their length (tcp_dissect_pdus), startup, authentication (MD5,
  #   SASL, GSSAPI), queries, row descriptions and data rows, errors; an SSL request answered 'S'
  #   hands the connection to TLS. Needs no helper protocol.
  pgsql
  # bgp: BGP-4 on tcp.port 179 (src/main/java/dev/tcpscope/proto/bgp; docs/BGP.md): the
  #   marker/length/type header, several messages in one segment and one over several, OPEN
  #   and its capabilities, UPDATE (withdrawn routes, ORIGIN, AS_PATH/AS4_PATH, NEXT_HOP, MED,
  #   LOCAL_PREF, MP_REACH/MP_UNREACH for IPv4/IPv6 unicast, NLRI), NOTIFICATION, KEEPALIVE,
  #   ROUTE-REFRESH. Needs no helper protocol.
  bgp
  # rpc, portmap, mount, nfs, nfsacl, sadmind: ONC RPC on port 111 of TCP and UDP and, by its
  #   heuristics, wherever a call names a known program (src/main/java/dev/tcpscope/proto/oncrpc;
  #   docs/ONCRPC.md): record marking over TCP, calls and replies matched by XID, credentials;
  #   Portmap's GETPORT (whose answer makes the port RPC's), MOUNT, NFSv3's procedures, NFSACL's
  #   GETACL, NLM's locks, SADMIND's names. The RPC heuristics claim nothing when these programs
  #   are off.
  rpc portmap mount nfs nfsacl sadmind nlm
  # dcerpc: DCE/RPC connection-oriented PDUs on tcp.port 135 and by its "tcp" heuristic
  #   (src/main/java/dev/tcpscope/proto/dcerpc; docs/DCERPC.md): the common header, binds and
  #   their results, requests/responses/faults matched by call id, fragments reassembled, the
  #   auth verifier (NTLMSSP). The interfaces after it are the sub-dissectors whose names and
  #   operations tcpscope shows in Protocol and Info (their NDR bodies are not dissected). Of its
  #   other heuristics, the one on SMB2 named pipes ("dcerpc_smb2") runs; those on SMB1 pipes,
  #   NetBIOS and HTTP stay off (heuristic_protos below).
  dcerpc drsuapi epm rpc_netlogon svcctl samr lsarpc winreg srvsvc wkssvc mapi nspi atsvc spoolss dssetup
  isystemactivator remunk remunk2
  # http2: HTTP/2 frames where HTTP finds them (the connection preface on an HTTP port, an
  #   Upgrade: h2c answered 101; src/main/java/dev/tcpscope/proto/http2, docs/HTTP2.md): HPACK
  #   headers, SETTINGS, DATA bodies per stream handed to the content type's media dissector.
  http2
  # sip, sdp: SIP on udp.port and tcp.port 5060 and by its "udp" and "tcp" heuristics (on by
  #   default in 4.0.17), messages framed by Content-Length over TCP (src/main/java/dev/tcpscope/
  #   proto/sip; docs/SIP.md): request and status lines, the headers with their sub-trees,
  #   request/response matching and resends, and the SDP bodies (proto/sdp). raw_sip stays off
  #   as its preference does; rtp, rtcp and amr (the media SDP sets up, in arkime-gtp-iphone.pcap)
  #   are not built and stay disabled, as gsm_sms for SMS bodies (docs/SIP.md).
  sip sdp
  # openflow, openflow_v1, openflow_v4, openflow_v5, openflow_v6: OpenFlow on tcp.port 6653 and
  #   by its "tcp" heuristic for segments to 6633/6634/6653 (src/main/java/dev/tcpscope/proto/
  #   openflow; docs/OPENFLOW.md): messages by the header's length, each version's dissector;
  #   v1's and v4's bodies, v5/v6's headers. The Ethernet frame a PACKET_IN/PACKET_OUT carries goes to
  #   eth_withoutfcs (eth above).
  openflow openflow_v1 openflow_v4 openflow_v5 openflow_v6
  # dnp3: DNP 3.0 on tcp.port and udp.port 20000 (its "tcp" and "udp" heuristics are off by
  #   default in 4.0.17): link frames by their length byte, the 16-byte CRC blocks, transport
  #   segments put together into application messages, the application layer and its objects
  #   (src/main/java/dev/tcpscope/proto/dnp3; docs/DNP3.md).
  dnp3
  # kerberos: Kerberos v5 on udp.port and tcp.port 88 (TCP: the 4-byte record mark, messages
  #   reassembled), without a keytab: the messages, PA-DATA, tickets, encrypted parts as cipher
  #   bytes, KRB-ERROR's e-data (src/main/java/dev/tcpscope/proto/kerberos; docs/KERBEROS.md).
  #   With it on, the Kerberos tokens that SPNEGO/GSS-API carry in SMB2, LDAP and DCE/RPC are
  #   decoded too; tcpscope does not build those yet (docs/KERBEROS.md, "Left").
  kerberos
  # vnc: VNC / RFB on tcp.port 5500-5501 and 5900-5901 and by its "tcp" heuristic (a 12-byte
  #   "RFB xxx.yyy" greeting, which claims the conversation): the handshake state machine per
  #   conversation, the client and server messages, framebuffer updates' rectangles and encodings
  #   (src/main/java/dev/tcpscope/proto/vnc; docs/VNC.md).
  vnc
  # snmp: SNMP v1, v2c, v2u and v3 on udp.port 161, 162 and 8161 (packet-snmp.c): messages, PDUs,
  #   VarBinds labelled without MIBs, v1 traps, v3's HeaderData, USM parameters with the engine
  #   ID's parts, plaintext ScopedPDUs and undecrypted encryptedPDUs, request/response matching
  #   (src/main/java/dev/tcpscope/proto/snmp; docs/snmp.md). Its tcp.port 161/162 entries are
  #   not built (no TCP SNMP in captures/).
  snmp
  # radius: RADIUS on udp.port 1645, 1646, 1700, 1812, 1813 and 3799 (packet-radius.c's default
  #   range): the header, request/response matching, the attribute-value pairs named by tshark's
  #   dictionary (a compact part of it in proto/radius, scripts/gen-radius-dict.py), VSAs, EAP-Message
  #   fragments (src/main/java/dev/tcpscope/proto/radius; docs/radius.md). eap stays disabled: the
  #   reassembled EAP packet shows as data.
  radius

  # --- Helpers whose absence changes tshark -r output (checked with 4.0.17) ---
  # ieee8021ad: EtherType 0x88a8, the outer S-tag of QinQ; without it QinQ frames stop at
  #   "0x88a8 ... 802.1ad Provider Bridge (Q-in-Q)" instead of reaching the inner 802.1Q tag.
  ieee8021ad
  # IPv6 extension headers are protocols of their own; without them a packet with a
  #   Hop-by-Hop/Routing/Fragment/Destination header stops there (Protocol "IPv6", Info
  #   "IPv6 Hop-by-Hop Option"...) and IPv6 fragments are not reassembled.
  ipv6.hopopts ipv6.routing ipv6.fraghdr ipv6.dstopts
  # mptcp: TCP option 30 (Multipath TCP) is decoded under this protocol, and tshark then puts
  #   "MPTCP" in the Protocol column of every segment carrying the option; without it those
  #   lines say "TCP". It is part of TCP's own header, so we keep tshark's normal behaviour.
  mptcp
  # llc, stp: IEEE 802.2 LLC after an IEEE 802.3 length field (SAPs, control field, SNAP) and
  #   the spanning tree BPDUs it hands on, SAP 0x42 and Cisco's PVST+ SNAP PID 0x010b
  #   (src/main/java/dev/tcpscope/proto/llc, proto/stp; docs/STP.md). What LLC hands to other
  #   dissectors (NetBIOS, IPX, CDP, DTP, VTP ...) stays disabled: data under LLC. basicxid
  #   (an XID frame's basic format) is called by packet-llc.c directly and shows either way; it
  #   is listed for the field tables (gen-raw-fields.sh, gen-ek-fields.sh).
  llc stp basicxid
  # lldp: IEEE 802.1AB LLDP on EtherType 0x88CC (src/main/java/dev/tcpscope/proto/lldp;
  #   docs/lldp.md): the mandatory and basic TLVs, IEEE 802.1 (with DCB), IEEE 802.3, TIA
  #   LLDP-MED and IANA MUD URL TLVs; the rest after the walk's stop is the Ethernet trailer.
  #   Needs no helper protocol.
  lldp
  # osi, isis: what LLC's ISO Network Layer SAP (0xFE) hands to packet-osi.c, whose NLPID table
  #   gives IS-IS (0x83) to packet-isis.c; isis.hello/lsp/csnp/psnp are its PDU types' protocols
  #   (src/main/java/dev/tcpscope/proto/isis; docs/isis.md). CLNP and ES-IS stay disabled.
  osi isis isis.hello isis.lsp isis.csnp isis.psnp
  # (sll covers both LINKTYPE_LINUX_SLL 113 and LINKTYPE_LINUX_SLL2 276; null covers
  #  LINKTYPE_NULL 0 and LINKTYPE_LOOP 108; raw covers DLT 12/14/101, while 228/229 go
  #  straight to ip/ipv6. IP-in-IP and IPv6-in-IPv4 need nothing beyond ip/ipv6.)

  # --- Kept although disabling them changes nothing in 4.0.17 ---
  # These are registered as protocols but tshark 4.0.17 ignores them in disabled_protos (they
  # cannot be toggled): disabling them changed neither `tshark -r` nor `tshark -V` on our test
  # captures. They are parts of the protocols we dissect, so they stay enabled in case a later
  # tshark lets them be switched off.
  # ethertype: eth, vlan and sll hand their type field to it, and it calls ip/ipv6/arp.
  ethertype
  # The IPv6 routing header's types (0, 2 = Mobile IPv6, 3 = RPL, 4 = SRH, 5/6 = CRH).
  ipv6.routing.type.rt0 ipv6.routing.type.mipv6 ipv6.routing.type.srh ipv6.routing.type.crh
  # IPv4 and TCP options, one protocol per option kind (they write "MSS=1460 SACK_PERM ...").
  ip.options.eol ip.options.nop ip.options.security ip.options.ext_security ip.options.cipso
  ip.options.route ip.options.source_route ip.options.record_route ip.options.sid
  ip.options.timestamp ip.options.mtu_probe ip.options.mtu_reply ip.options.traceroute
  ip.options.routeralert ip.options.sdb ip.options.qs
  tcp.options.eol tcp.options.nop tcp.options.mss tcp.options.wscale tcp.options.sack_perm
  tcp.options.sack tcp.options.echo tcp.options.echoreply tcp.options.timestamp tcp.options.cc
  tcp.options.ccnew tcp.options.ccecho tcp.options.md5 tcp.options.ao tcp.options.scps
  tcp.options.snack tcp.options.scpsrec tcp.options.scpscor tcp.options.qs tcp.options.user_to
  tcp.options.tfo tcp.options.acc_ecn tcp.options.experimental tcp.options.unknown
  tcp.options.rvbd.probe tcp.options.rvbd.trpy
  # Wireshark's pseudo-protocols: "[Malformed Packet]" (_ws.malformed), "[Packet size limited
  #   during capture]" (_ws.short), expert info (_ws.expert), "[Unreassembled Packet]" ...
  _ws.expert _ws.malformed _ws.short _ws.unreassembled _ws.type_length _ws.string
  _ws.number_string.decoding_error _ws.ftypes _ws.lua _ws.wscbor
  # pkt_comment: pcapng packet comments, shown under frame in the detail view.
  pkt_comment
)

if [ "${1:-}" = "--list" ]; then
  printf '%s\n' "${ENABLED[@]}"
  exit 0
fi
if [ $# -ne 1 ]; then
  echo "usage: $0 DIR   (then run XDG_CONFIG_HOME=DIR tshark ...)" >&2
  exit 2
fi

dir=$1
mkdir -p "$dir/wireshark"
all=$(mktemp)
trap 'rm -f "$all"' EXIT
# tshark -G protocols: name, short name, filter name (tab separated). No profile is in effect
# while listing, so the list is complete.
XDG_CONFIG_HOME="$dir/.empty" tshark -G protocols 2>/dev/null | cut -f3 | LC_ALL=C sort -u >"$all"
if [ ! -s "$all" ]; then
  echo "$0: tshark -G protocols printed nothing" >&2
  exit 1
fi
printf '%s\n' "${ENABLED[@]}" | grep -vxFf - "$all" >"$dir/wireshark/disabled_protos" || true
# Self-check: none of ours may end up disabled.
if printf '%s\n' "${ENABLED[@]}" | grep -qxFf "$dir/wireshark/disabled_protos"; then
  echo "$0: an enabled protocol ended up in disabled_protos" >&2
  exit 1
fi
# Heuristic sub-dissectors of the protocols we keep (e.g. UDP/TCP heuristics) belong to disabled
# protocols and do not run. Of an enabled protocol's heuristics, those tcpscope does not follow
# are switched off here (heuristic_protos: short name, 0): DCE/RPC over SMB1 pipes, NetBIOS and
# HTTP, and the connectionless PDUs of its "udp" heuristic (dcerpc keeps dcerpc_tcp and
# dcerpc_smb2).
printf '%s,0\n' dcerpc_smb_transact dcerpc_netbios dcerpc_http dcerpc_udp >"$dir/wireshark/heuristic_protos"
