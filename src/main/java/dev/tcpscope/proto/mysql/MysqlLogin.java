package dev.tcpscope.proto.mysql;

import dev.tcpscope.proto.Tree;

/**
 * The login request (mysql_dissect_login, Wireshark 4.0.17): the client's capabilities, its
 * limits and character set, the user ("user=" in Info), the password, the schema ("db="), the
 * authentication plugin and the connection attributes. A login that asks for SSL (an SSL
 * request: capabilities and limits only) makes Info "Response: SSL Handshake" and hands the
 * conversation to TLS after this frame (ssl_starttls_ack).
 */
final class MysqlLogin {
    private MysqlLogin() { }

    static int login(MysqlWalk w, Tree t, int off) {
        Pdu p = w.pdu();
        Conn c = w.conn();
        MysqlWalk.Cols cols = w.cols();
        w.state(Conn.State.RESPONSE_OK);
        Tree lt = w.place(t.none("mysql.login_request", "Login Request"), off, -1);
        c.clntCaps = w.bitmaskAt(lt, "mysql.caps.client", "Client Capabilities", off, 2, Bits.CAPS);
        off += 2;
        if ((c.clntCaps & MysqlWalk.CAPS_LP) == 0) {
            c.mariadbClient = true;
        }
        if (c.frameStartSsl == 0 && (c.clntCaps & MysqlWalk.CAPS_SL) != 0) {
            cols.set("Response: SSL Handshake");
            c.frameStartSsl = p.frame;
            p.startTls = true;
        }
        if ((c.clntCaps & MysqlWalk.CAPS_CU) != 0) {
            c.clntCapsExt = w.bitmaskAt(lt, "mysql.extcaps.client", "Extended Client Capabilities", off, 2, Bits.EXTCAPS);
            off += 2;
            w.uintAt(lt, "mysql.max_packet", "MAX Packet", off, 4, p.le32(off));
            off += 4;
            w.collation(lt, c.mariadbServer ? "mariadb.charset" : "mysql.charset", "Charset", off, 1, p.u8(off));
            off++;
            if (c.mariadbClient) {
                w.bytesAt(lt, "mysql.unused", "Unused", off, 19);
                off += 19;
                c.mariadbClientExt = w.bitmaskAt(lt, "mariadb.extcaps.client", "MariaDB Extended Client Capabilities", off, 4,
                        Bits.MARIADB_EXTCAPS) & 0xffffffffL;
                off += 4;
            } else {
                w.bytesAt(lt, "mysql.unused", "Unused", off, 23);
                off += 23;
            }
        } else {
            w.uintAt(lt, "mysql.max_packet", "MAX Packet", off, 3, p.le24(off));
            off += 3;
        }
        int lenstr = p.mySize(off);
        cols.append(" user=" + w.formatAt(off, lenstr - 1) + " ");
        w.strAt(lt, "mysql.user", "Username", off, lenstr);
        off += lenstr;
        if (p.remaining(off) == 0) {
            cols.fence();
            return off;
        }
        if ((c.clntCaps & MysqlWalk.CAPS_SC) != 0) {
            lenstr = p.u8(off);
            off++;
        } else {
            lenstr = p.mySize(off);
        }
        if (lenstr > 1) {
            w.bytesAt(lt, "mysql.passwd", "Password", off, lenstr);
        }
        off += lenstr;
        if ((c.clntCaps & MysqlWalk.CAPS_CD) != 0) {
            lenstr = p.mySize(off);
            cols.append("db=" + w.formatAt(off, lenstr - 1) + " ");
            cols.fence();
            w.strAt(lt, "mysql.schema", "Schema", off, lenstr);
            off += lenstr;
        }
        off = pluginAndAttributes(w, lt, off, true);
        if ((c.clntCapsExt & MysqlWalk.EXT_ZS) != 0) {
            w.uintAt(lt, "mysql.compression.zstd_level", "ZSTD Compression Level", off, 1, p.u8(off));
            off++;
        }
        return off;
    }

    /** The authentication plugin and connection attributes of a login or COM_CHANGE_USER. */
    static int pluginAndAttributes(MysqlWalk w, Tree t, int off, boolean needBytes) {
        Pdu p = w.pdu();
        Conn c = w.conn();
        if ((c.clntCapsExt & MysqlWalk.EXT_PA) != 0) {
            w.state(Conn.State.AUTH_SWITCH_REQUEST);
            int lenstr = p.mySize(off);
            w.strAt(t, "mysql.client_auth_plugin", "Client Auth Plugin", off, lenstr);
            off += lenstr;
        }
        if ((c.clntCapsExt & MysqlWalk.EXT_CA) != 0 && (!needBytes || p.remaining(off) != 0)) {
            int n = w.fleAt(t, off);
            long total = w.lastFle();
            Tree ca = w.place(t.none("mysql.connattrs", "Connection Attributes"), off, w.checkedLength(off, total & 0xffffffffL));
            w.uintAt(ca, "mysql.connattrs.length", "Connection Attributes length", off, n, total);
            off += n;
            while (total != 0) { // each attribute takes at least two bytes: the loop ends or throws
                int l = attribute(w, ca, off);
                off += l;
                total -= l;
            }
        }
        return off;
    }

    private static int attribute(MysqlWalk w, Tree t, int start) {
        int off = start;
        Tree ti = w.place(t.none("mysql.connattrs.attr", "Connection Attribute"), off, 1);
        int n = w.fleAt(ti, off);
        long len = w.lastFle();
        w.uintAt(ti, "mysql.connattrs.name.length", "Connection Attribute Name Length", off, n, len);
        off += n;
        String name = w.strAt(ti, "mysql.connattrs.name", "Connection Attribute Name", off, (int) len);
        String label = "Connection Attribute - " + name;
        ti.relabel(label);
        off += (int) len;
        n = w.fleAt(ti, off);
        len = w.lastFle();
        w.uintAt(ti, "mysql.connattrs.value.length", "Connection Attribute Value Length", off, n, len);
        off += n;
        String value = w.strAt(ti, "mysql.connattrs.value", "Connection Attribute Value", off, (int) len);
        ti.relabel(label + ": " + value);
        off += (int) len;
        ti.length(off - start);
        if (off <= start) {
            throw new Pdu.Stop(dev.tcpscope.proto.LayerTree.End.MALFORMED);
        }
        return off - start;
    }
}
