package dev.tcpscope.proto;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldTable;
import dev.tcpscope.proto.dns.Dns;
import dev.tcpscope.proto.dns.DnsFields;
import dev.tcpscope.proto.ftp.Ftp;
import dev.tcpscope.proto.ftp.FtpData;
import dev.tcpscope.proto.ftp.FtpFields;
import dev.tcpscope.proto.http.Http;
import dev.tcpscope.proto.http.HttpFields;
import dev.tcpscope.proto.rlogin.Rlogin;
import dev.tcpscope.proto.rlogin.RloginFields;
import dev.tcpscope.proto.smtp.Smtp;
import dev.tcpscope.proto.smtp.SmtpFields;
import dev.tcpscope.proto.ssh.Ssh;
import dev.tcpscope.proto.ssh.SshFields;
import dev.tcpscope.proto.tls.Tls;
import dev.tcpscope.proto.tls.TlsFields;

import java.util.List;

/**
 * The protocols above TCP and UDP that tcpscope dissects: one registration line each. A new
 * protocol is a package beside {@code http} (its dissector, fields, tree and Info) plus a line in
 * {@link #table} and, for its fields, one in the list of {@code Tables.FIELDS}: the method that lists
 * them and the first components of their names, by which a filter's name finds them.
 */
public final class Protocols {
    private Protocols() { }

    /**
     * The field tables, made at the first call that needs one (a filter, a colouring rule, -e, a
     * detail format) rather than with the dissector table: a plain {@code read} names no field, and
     * reading every protocol's registry was a third of its start-up (bench/README.md).
     */
    private static final class Tables {
        private Tables() { }

        static final FieldTable FIELDS = FieldTable.standard().with(List.of(
                group(HttpFields::all, "http", "ssdp"),
                group(dev.tcpscope.proto.gif.GifFields::all, "image-gif"),
                group(dev.tcpscope.proto.png.PngFields::all, "png"),
                group(dev.tcpscope.proto.jfif.JfifFields::all, "image-jfif"),
                group(dev.tcpscope.proto.multipart.MultipartFields::all, "mime_multipart"),
                group(dev.tcpscope.proto.json.JsonFields::all, "json"),
                group(dev.tcpscope.proto.text.TextLines::fields, "data-text-lines"),
                group(dev.tcpscope.proto.xml.XmlFields::all, "xml", "presence", "smil", "mscml"),
                group(Media::fields, "media"),
                group(DnsFields::all, "dns", "mdns", "llmnr"),
                group(SshFields::all, "ssh"),
                group(SmtpFields::all, "smtp", "imf"),
                group(FtpFields::all, "ftp", "ftp-data"),
                group(TlsFields::all, "tls", "ber", "pkcs1", "pkix1explicit", "pkix1implicit", "x509af", "x509ce", "x509if", "x509sat"),
                group(RloginFields::all, "rlogin"),
                group(dev.tcpscope.proto.rsh.RshFields::all, "rsh"),
                group(dev.tcpscope.proto.finger.FingerFields::all, "finger"),
                group(dev.tcpscope.proto.irc.IrcFields::all, "irc"),
                group(dev.tcpscope.proto.gryphon.GryphonFields::all, "gryphon"),
                group(dev.tcpscope.proto.pop.PopFields::all, "pop"),
                group(dev.tcpscope.proto.modbus.ModbusFields::all, "mbtcp", "modbus"),
                group(dev.tcpscope.proto.igmp.IgmpFields::all, "igmp"),
                group(dev.tcpscope.proto.vrrp.VrrpFields::all, "vrrp"),
                group(dev.tcpscope.proto.eigrp.EigrpFields::all, "eigrp"),
                group(dev.tcpscope.proto.sctp.SctpFields::all, "sctp"),
                group(dev.tcpscope.proto.llc.LlcFields::llc, "llc", "mausb", "locamation-im", "basicxid"),
                group(dev.tcpscope.proto.ppp.PppFields::all, "pppoe", "pppoed", "pppoes", "ppp", "lcp", "ipcp", "ipv6cp", "pap", "chap"),
                group(dev.tcpscope.proto.stp.StpFields::all, "stp", "mstp", "bpdu"),
                group(dev.tcpscope.proto.lldp.LldpFields::all, "lldp"),
                group(dev.tcpscope.proto.isis.IsisFields::all, "isis"),
                group(dev.tcpscope.proto.pim.PimFields::all, "pim"),
                group(dev.tcpscope.proto.ospf.OspfFields::all, "ospf"),
                group(dev.tcpscope.proto.tunnel.TunnelFields::all, "vxlan", "geneve", "gtp", "gtpprime", "teredo"),
                group(dev.tcpscope.proto.ldap.LdapFields::all, "ldap"),
                group(dev.tcpscope.proto.imap.ImapFields::all, "imap"),
                group(dev.tcpscope.proto.telnet.TelnetFields::all, "telnet"),
                group(dev.tcpscope.proto.enip.EnipFields::all, "enip", "cip", "cipcls", "cippccc"),
                group(dev.tcpscope.proto.websocket.WebSocketFields::all, "websocket"),
                group(dev.tcpscope.proto.http2.Http2Fields::all, "http2"),
                group(dev.tcpscope.proto.cotp.CotpFields::all, "tpkt", "cotp"),
                group(dev.tcpscope.proto.ntlmssp.NtlmsspFields::all, "ntlmssp", "gss-api", "gssapi"),
                group(dev.tcpscope.proto.quic.QuicFields::all, "quic"),
                group(dev.tcpscope.proto.dhcp.DhcpFields::all, "dhcp"),
                group(dev.tcpscope.proto.dhcpv6.Dhcpv6Fields::all, "dhcpv6"),
                group(dev.tcpscope.proto.tftp.TftpFields::all, "tftp"),
                group(dev.tcpscope.proto.smb2.Smb2Fields::all, "nbss", "smb2"),
                group(dev.tcpscope.proto.ntp.NtpFields::all, "ntp"),
                group(dev.tcpscope.proto.ptp.PtpFields::all, "ptp"),
                group(dev.tcpscope.proto.hsrp.HsrpFields::all, "hsrp", "hsrp2"),
                group(dev.tcpscope.proto.bfd.BfdFields::all, "bfd", "bfd_echo"),
                group(dev.tcpscope.proto.isakmp.IsakmpFields::all, "isakmp"),
                group(dev.tcpscope.proto.nbns.NbnsFields::all, "nbns"),
                group(dev.tcpscope.proto.afs.AfsFields::all, "rx", "afs"),
                group(dev.tcpscope.proto.resp.RespFields::all, "resp"),
                group(dev.tcpscope.proto.mysql.MysqlFields::all, "mysql", "mariadb"),
                group(dev.tcpscope.proto.pgsql.PgsqlFields::all, "pgsql"),
                group(dev.tcpscope.proto.bgp.BgpFields::all, "bgp"),
                group(dev.tcpscope.proto.oncrpc.RpcFields::all, "mount", "nfs", "nlm", "nfsacl", "portmap", "rpc", "sadmind"),
                group(dev.tcpscope.proto.dcerpc.DcerpcFields::all, "dcerpc", "drsuapi", "epm", "rpc_netlogon", "netlogon",
                        "svcctl", "samr", "lsarpc", "winreg", "srvsvc", "wkssvc", "mapi", "nspi", "atsvc", "spoolss", "dssetup",
                        "isystemactivator", "remunk", "remunk2"),
                group(dev.tcpscope.proto.sip.SipFields::all, "sip"),
                group(dev.tcpscope.proto.sdp.SdpFields::all, "sdp"),
                group(dev.tcpscope.proto.openflow.OpenflowFields::all, "openflow", "openflow_v1", "openflow_1_0", "openflow_v4",
                        "openflow_v5", "openflow_v6"),
                group(dev.tcpscope.proto.dnp3.Dnp3Fields::all, "dnp3", "dnp"),
                group(dev.tcpscope.proto.kerberos.KerberosFields::all, "kerberos", "krb5"),
                group(dev.tcpscope.proto.vnc.VncFields::all, "vnc"),
                group(dev.tcpscope.proto.snmp.SnmpFields::all, "snmp"),
                group(dev.tcpscope.proto.radius.RadiusFields::all, "radius")));

        static final FieldTable READ_FIELDS = FIELDS.with(List.of(group(ExpertFields::all, "_ws")));
    }

    private static FieldTable.Group group(java.util.function.Supplier<List<Field>> fields, String... components) {
        return FieldTable.Group.of(fields, components);
    }

    /** Every field: the transport stack's ({@link FieldTable#standard()}) and the application protocols'. */
    public static FieldTable fields() { return Tables.FIELDS; }

    static {
        // LLDP's layer ends where its walk leaves the rest to the Ethernet trailer
        dev.tcpscope.wire.Lldp.extent(dev.tcpscope.proto.lldp.LldpWalk::extent);
    }

    /**
     * {@link #fields()} and the expert info fields ({@link ExpertFields}), which {@code read}
     * fills by building every frame's tree when its filters or -e name them; the other commands
     * do not build those trees and refuse the names.
     */
    public static FieldTable readFields() { return Tables.READ_FIELDS; }

    /** A fresh dissector table with every protocol registered on its default ports. */
    public static DissectorTable table() {
        DissectorTable t = new DissectorTable();
        Http http = new Http(t);
        t.register(http, Http.TCP_PORTS, true);
        // on no port: HTTP hands it a connection upgraded to WebSocket (its tree follows HTTP's)
        dev.tcpscope.proto.websocket.WebSocket ws = new dev.tcpscope.proto.websocket.WebSocket();
        t.register(ws, new int[0], false);
        http.upgradesTo(ws);
        // on no port either: HTTP finds it (the connection preface, Upgrade: h2c)
        dev.tcpscope.proto.http2.Http2 h2 = new dev.tcpscope.proto.http2.Http2();
        t.register(h2, new int[0], false);
        http.http2(h2);
        t.registerUdp(new dev.tcpscope.proto.http.Ssdp(http), dev.tcpscope.proto.http.Ssdp.UDP_PORTS, false);
        // TFTP before DNS: its "udp" heuristic comes before DNS's and QUIC's in tshark's list
        dev.tcpscope.proto.tftp.Tftp tftp = new dev.tcpscope.proto.tftp.Tftp(t::expectUdp, p -> t.udpByPort(p) == t.byName("tftp"));
        t.registerUdp(tftp, dev.tcpscope.proto.tftp.Tftp.UDP_PORTS, true);
        Dns dns = new Dns(Dns.Kind.DNS);
        t.register(dns, Dns.TCP_PORTS, false);
        t.registerUdp(dns, Dns.UDP_PORTS, true);
        t.registerUdp(new Dns(Dns.Kind.MDNS), Dns.MDNS_UDP_PORTS, false);
        t.registerUdp(new Dns(Dns.Kind.LLMNR), Dns.LLMNR_UDP_PORTS, false);
        t.register(new Ssh(t::byPort), Ssh.TCP_PORTS, false);
        t.register(new Smtp(t::byPort, () -> t.byName("tls")), Smtp.TCP_PORTS, false);
        FtpData ftpData = new FtpData(t::announced);
        t.register(new Ftp(t::byPort, (port, d, data, now) -> {
            if (now) {
                t.expectConversation(port, d, data);
            } else {
                t.expect(port, d, data);
            }
        }, ftpData, () -> t.byName("tls")), Ftp.TCP_PORTS, false);
        t.register(ftpData, FtpData.TCP_PORTS, false);
        // IMAP before TLS: the bytes its heuristic hands to TLS show "imap" before "tls" in frame.protocols
        t.register(new dev.tcpscope.proto.imap.Imap(t::byPort, () -> t.byName("tls")), dev.tcpscope.proto.imap.Imap.TCP_PORTS, false);
        t.register(new Tls(), Tls.TCP_PORTS, true);
        t.register(new Rlogin(), Rlogin.TCP_PORTS, false);
        t.register(new dev.tcpscope.proto.rsh.Rsh(), dev.tcpscope.proto.rsh.Rsh.TCP_PORTS, false);
        t.register(new dev.tcpscope.proto.finger.Finger(), dev.tcpscope.proto.finger.Finger.TCP_PORTS, false);
        t.register(new dev.tcpscope.proto.gryphon.Gryphon(), dev.tcpscope.proto.gryphon.Gryphon.TCP_PORTS, false);
        t.register(new dev.tcpscope.proto.irc.Irc(), dev.tcpscope.proto.irc.Irc.TCP_PORTS, false);
        t.register(new dev.tcpscope.proto.resp.Resp(t::byPort), dev.tcpscope.proto.resp.Resp.TCP_PORTS, false);
        t.register(new dev.tcpscope.proto.pgsql.Pgsql(t::byPort, () -> t.byName("tls")), dev.tcpscope.proto.pgsql.Pgsql.TCP_PORTS, false);
        t.register(new dev.tcpscope.proto.pop.Pop(t::byPort, () -> t.byName("tls")), dev.tcpscope.proto.pop.Pop.TCP_PORTS, false);
        t.register(new dev.tcpscope.proto.modbus.Modbus(t::heuristics), dev.tcpscope.proto.modbus.Modbus.TCP_PORTS, false);
        t.register(new dev.tcpscope.proto.ldap.Ldap(() -> t.byName("tls")), dev.tcpscope.proto.ldap.Ldap.TCP_PORTS, false);
        t.register(new dev.tcpscope.proto.telnet.Telnet(() -> t.byName("tls")), dev.tcpscope.proto.telnet.Telnet.TCP_PORTS, false);
        dev.tcpscope.proto.enip.Enip enip = new dev.tcpscope.proto.enip.Enip(t::heuristics);
        t.register(enip, dev.tcpscope.proto.enip.Enip.TCP_PORTS, false);
        t.registerUdp(enip, dev.tcpscope.proto.enip.Enip.UDP_PORTS, false);
        t.register(new dev.tcpscope.proto.cotp.Tpkt(), dev.tcpscope.proto.cotp.Tpkt.TCP_PORTS, false);
        // QUIC: on no udp.port (packet-quic.c registers port 0), by its "udp" heuristic, which claims the conversation
        dev.tcpscope.proto.quic.Quic quic = new dev.tcpscope.proto.quic.Quic();
        t.registerUdp(quic, new int[0], true);
        t.heuristicClaimsConversation(quic);
        t.registerUdp(new dev.tcpscope.proto.dhcp.Dhcp(), dev.tcpscope.proto.dhcp.Dhcp.UDP_PORTS, false);
        t.registerUdp(new dev.tcpscope.proto.dhcpv6.Dhcpv6(), dev.tcpscope.proto.dhcpv6.Dhcpv6.UDP_PORTS, false);
        t.register(new dev.tcpscope.proto.smb2.Nbss(t::byPort), dev.tcpscope.proto.smb2.Nbss.TCP_PORTS, false);
        t.registerUdp(new dev.tcpscope.proto.ntp.Ntp(), dev.tcpscope.proto.ntp.Ntp.UDP_PORTS, false);
        t.registerUdp(new dev.tcpscope.proto.ptp.Ptp(t::tree), dev.tcpscope.proto.ptp.Ptp.UDP_PORTS, false);
        t.registerUdp(new dev.tcpscope.proto.hsrp.Hsrp(t::tree), dev.tcpscope.proto.hsrp.Hsrp.UDP_PORTS, false);
        t.registerUdp(new dev.tcpscope.proto.bfd.Bfd(false, t::tree), dev.tcpscope.proto.bfd.Bfd.CONTROL_PORTS, false);
        t.registerUdp(new dev.tcpscope.proto.bfd.Bfd(true, t::tree), dev.tcpscope.proto.bfd.Bfd.ECHO_PORTS, false);
        t.registerUdp(new dev.tcpscope.proto.isakmp.Isakmp(), dev.tcpscope.proto.isakmp.Isakmp.UDP_PORTS, false);
        t.registerUdp(new dev.tcpscope.proto.nbns.Nbns(t::tree, t::columns), dev.tcpscope.proto.nbns.Nbns.UDP_PORTS, false);
        t.registerUdp(new dev.tcpscope.proto.afs.Rx(t::tree), dev.tcpscope.proto.afs.Rx.UDP_PORTS, false);
        t.register(new dev.tcpscope.proto.mysql.Mysql(t::byPort, () -> t.byName("tls")), dev.tcpscope.proto.mysql.Mysql.TCP_PORTS, false);
        t.register(new dev.tcpscope.proto.bgp.Bgp(), dev.tcpscope.proto.bgp.Bgp.TCP_PORTS, false);
        // ONC RPC: port 111 on both transports, and its "tcp" and "udp" heuristics (a call to a known
        // program; over UDP also a reply to a call it saw)
        dev.tcpscope.proto.oncrpc.Rpc rpc = new dev.tcpscope.proto.oncrpc.Rpc(t::expectUdp, t::expect);
        t.register(rpc, dev.tcpscope.proto.oncrpc.Rpc.PORTS, true);
        t.registerUdp(rpc, dev.tcpscope.proto.oncrpc.Rpc.PORTS, true);
        // DCE/RPC: its "tcp" heuristic (enabled by default in 4.0.17, which registers no tcp.port for it)
        t.register(new dev.tcpscope.proto.dcerpc.Dcerpc(t::byPort, t::heuristics), dev.tcpscope.proto.dcerpc.Dcerpc.TCP_PORTS, true);
        // SIP: tcp.port and udp.port 5060 and its "tcp" and "udp" heuristics (on by default in 4.0.17)
        dev.tcpscope.proto.sip.Sip sip = new dev.tcpscope.proto.sip.Sip();
        t.register(sip, dev.tcpscope.proto.sip.Sip.PORTS, true);
        t.registerUdp(sip, dev.tcpscope.proto.sip.Sip.PORTS, true);
        // DNP 3.0: tcp.port and udp.port 20000 (its "tcp" and "udp" heuristics are off by default in 4.0.17)
        dev.tcpscope.proto.dnp3.Dnp3 dnp3 = new dev.tcpscope.proto.dnp3.Dnp3(t::heuristics);
        t.register(dnp3, dev.tcpscope.proto.dnp3.Dnp3.PORTS, false);
        t.registerUdp(dnp3, dev.tcpscope.proto.dnp3.Dnp3.PORTS, false);
        // Kerberos: udp.port and tcp.port 88 (TCP messages after their record mark)
        dev.tcpscope.proto.kerberos.Kerberos kerberos = new dev.tcpscope.proto.kerberos.Kerberos();
        t.register(kerberos, dev.tcpscope.proto.kerberos.Kerberos.PORTS, false);
        t.registerUdp(kerberos, dev.tcpscope.proto.kerberos.Kerberos.PORTS, false);
        // SNMP: udp.port 161, 162 and 8161 (its tcp.port entries, with the BER length as framing, are not built)
        t.registerUdp(new dev.tcpscope.proto.snmp.Snmp(t::wildcardUdp), dev.tcpscope.proto.snmp.Snmp.UDP_PORTS, false);
        // RADIUS: udp.port 1645, 1646, 1700, 1812, 1813 and 3799 (packet-radius.c's default range)
        t.registerUdp(new dev.tcpscope.proto.radius.Radius(), dev.tcpscope.proto.radius.Radius.UDP_PORTS, false);
        // VNC: tcp.port 5500-5501 and 5900-5901 and its "tcp" heuristic (a 12-byte RFB greeting)
        t.register(new dev.tcpscope.proto.vnc.Vnc(t::tree), dev.tcpscope.proto.vnc.Vnc.TCP_PORTS, true);
        // OpenFlow: tcp.port 6653 and its "tcp" heuristic (a segment to port 6633, 6634 or 6653),
        // which claims the conversation; last among the heuristics, as it takes any bytes
        t.register(new dev.tcpscope.proto.openflow.Openflow(t::tree), dev.tcpscope.proto.openflow.Openflow.TCP_PORTS, true);
        return t;
    }

    /**
     * Applies a {@code -d} decode-as rule, tshark's {@code tcp.port==8888,http}; returns null when
     * it was applied, else tshark's error message.
     */
    public static String decodeAs(DissectorTable t, String rule) {
        return DecodeAs.apply(t, rule);
    }
}
