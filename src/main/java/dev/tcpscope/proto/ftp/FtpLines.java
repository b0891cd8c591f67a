package dev.tcpscope.proto.ftp;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;

import java.lang.foreign.MemorySegment;

/**
 * The parts of packet-ftp.c that read a line: the detail tree of a control segment, the data
 * connection a PORT, EPRT, PASV (227) or EPSV (229) line announces ({@code parse_port_pasv},
 * {@code parse_eprt_request}, {@code parse_extended_pasv_response}), and the working directory
 * of CWD/CDUP and PWD answers.
 */
final class FtpLines {
    private FtpLines() { }

    /** A data connection announced by a line: its port and how (PORT, PASV, EPRT, EPASV). */
    record Announce(int port, String method, long ip, int ipOffset, int ipLen, int portOffset, int portLen) { }

    /** The announcement in the first line {@code [off, off + linelen)}, or null. */
    static Announce announce(MemorySegment s, long off, int linelen, boolean request, int dstPort) {
        String line = Text.latin1(s, off, linelen);
        if (request) {
            int tokenLen = Ftp.tokenLen(s, off, linelen);
            if (tokenLen == 0) {
                return null;
            }
            int argAt = tokenLen;
            while (argAt < linelen && line.charAt(argAt) == ' ') {
                argAt++;
            }
            String token = line.substring(0, tokenLen);
            String arg = line.substring(argAt);
            if ("PORT".startsWith(token) && tokenLen <= 4) {
                Announce a = portPasv(arg, argAt);
                // the server connects from port 20: conversation server:20 <-> client:any
                return a == null ? null : new Announce(20, "PORT", a.ip, a.ipOffset, a.ipLen, a.portOffset, a.portLen);
            }
            if ("EPRT".startsWith(token) && tokenLen <= 4) {
                int port = eprtPort(arg);
                return port < 0 ? null : new Announce(port, "EPRT", 0, 0, 0, 0, 0);
            }
            return null;
        }
        if (linelen < 4 || !Ftp.digit(s, off) || !Ftp.digit(s, off + 1) || !Ftp.digit(s, off + 2)) {
            return null;
        }
        String code = line.substring(0, 3);
        String arg = line.substring(4);
        if (code.equals("227")) {
            Announce a = portPasv(arg, 4);
            return a == null ? null : new Announce(a.port, "PASV", a.ip, a.ipOffset, a.ipLen, a.portOffset, a.portLen);
        }
        if (code.equals("229")) {
            int[] at = new int[2];
            int port = epsvPort(arg, at);
            return port < 0 ? null : new Announce(port, "EPASV", 0, 0, 0, 4 + at[0], at[1]);
        }
        return null;
    }

    /** parse_port_pasv: six numbers "h1,h2,h3,h4,p1,p2" somewhere in the text. */
    private static Announce portPasv(String args, int base) {
        int p = 0;
        int n = args.length();
        while (true) {
            while (p < n && !isDigit(args.charAt(p))) {
                p++;
            }
            if (p >= n) {
                return null;
            }
            int[] v = new int[6];
            int q = p;
            int got = 0;
            while (got < 6) {
                int start = q;
                boolean neg = false;
                if (got > 0) {
                    while (q < n && Character.isWhitespace(args.charAt(q))) {
                        q++;
                    }
                    if (q < n && (args.charAt(q) == '-' || args.charAt(q) == '+')) {
                        neg = args.charAt(q) == '-';
                        q++;
                    }
                    start = q;
                }
                long x = 0;
                while (q < n && isDigit(args.charAt(q))) {
                    x = Math.min(x * 10 + (args.charAt(q) - '0'), Integer.MAX_VALUE);
                    q++;
                }
                if (q == start) {
                    break;
                }
                v[got++] = (int) (neg ? -x : x);
                if (got < 6) {
                    if (q < n && args.charAt(q) == ',') {
                        q++;
                    } else {
                        break;
                    }
                }
            }
            if (got == 6) {
                int port = ((v[4] & 0xff) << 8) | (v[5] & 0xff);
                long ip = ((long) (v[0] & 0xff) << 24) | ((v[1] & 0xff) << 16) | ((v[2] & 0xff) << 8) | (v[3] & 0xff);
                int ipLen = digits(v[0]) + 1 + digits(v[1]) + 1 + digits(v[2]) + 1 + digits(v[3]);
                int portLen = digits(v[4]) + 1 + digits(v[5]);
                return new Announce(port, null, ip, base + p, ipLen, base + p + ipLen + 1, portLen);
            }
            while (p < n && isDigit(args.charAt(p))) {
                p++;
            }
        }
    }

    private static int digits(int v) {
        return v < 10 ? 1 : v < 100 ? 2 : 3;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean delimiter(char c) {
        return c > 0x20 && c < 0x7f && "0123456789abcdef.:".indexOf(Character.toLowerCase(c)) < 0;
    }

    /** parse_eprt_request: "|af|address|port|"; the port, or −1. */
    private static int eprtPort(String args) {
        if (args.length() < 4 || !delimiter(args.charAt(0))) {
            return -1;
        }
        char d = args.charAt(0);
        String[] f = args.split(java.util.regex.Pattern.quote(String.valueOf(d)), -1);
        if (f.length != 5 || f[1].isEmpty() || f[2].isEmpty() || f[3].isEmpty()) {
            return -1;
        }
        if (!f[1].equals("1") && !f[1].equals("2")) {
            return -1;
        }
        return u16(f[3]);
    }

    /** parse_extended_pasv_response: "(|||port|)"; the port, or −1; {@code at} its offset and length. */
    private static int epsvPort(String args, int[] at) {
        int p = args.indexOf('(');
        if (p < 0) {
            return -1;
        }
        p++;
        char d = 0;
        for (int n = 0; n < 3 && p < args.length(); n++) {
            char c = args.charAt(p);
            if (d == 0 && delimiter(c)) {
                d = c;
            }
            if (c != d) {
                break;
            }
            p++;
        }
        if (p >= args.length()) {
            return -1;
        }
        int e = p;
        while (e < args.length() && isDigit(args.charAt(e))) {
            e++;
        }
        if (e == p) {
            return -1;
        }
        int port = u16(args.substring(p, e));
        if (port < 0 || e < args.length() && args.charAt(e) != '|' && args.charAt(e) != ')'
                && !Character.isWhitespace(args.charAt(e))) {
            return -1;
        }
        int close = args.indexOf(')', p);
        if (close < 0) {
            return -1;
        }
        at[0] = p;
        at[1] = close - 1 - p;
        return port;
    }

    private static int u16(String digits) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int v = Integer.parseInt(digits);
        return v > 0xffff ? -1 : v;
    }

    /** process_cwd_success: an absolute path replaces, a relative one is added and normalised. */
    static String cwd(String current, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        if (current.isEmpty()) {
            return path;
        }
        String appended = current.endsWith("/") ? current + path : current + "/" + path;
        StringBuilder out = new StringBuilder();
        int i = 0;
        if (current.startsWith("/")) {
            out.append('/');
            i = 1;
        }
        StringBuilder folder = new StringBuilder();
        for (; i <= appended.length(); i++) {
            char ch = i == appended.length() ? '\0' : appended.charAt(i);
            if (i == appended.length() || ch == '/' || ch == '\0') {
                if (i > 0 && !folder.isEmpty()) {
                    String f = folder.toString();
                    if (f.equals("..")) {
                        while (!out.isEmpty() && out.charAt(out.length() - 1) != '/') {
                            out.setLength(out.length() - 1);
                        }
                        if (out.length() > 1 && out.charAt(out.length() - 1) == '/') {
                            out.setLength(out.length() - 1);
                        }
                    } else if (!f.equals(".")) {
                        if (!out.isEmpty() && out.charAt(out.length() - 1) != '/') {
                            out.append('/');
                        }
                        out.append(f);
                    }
                    folder.setLength(0);
                }
            } else {
                folder.append(ch);
            }
            if (ch == '\0') {
                break;
            }
        }
        return out.toString();
    }

    /** process_pwd_success: the quoted directory of a 257 answer ("" doubled inside), or null. */
    static String pwd(String arg) {
        if (arg.length() < 2 || arg.charAt(0) != '"') {
            return null;
        }
        StringBuilder out = new StringBuilder();
        boolean started = false;
        int i = 0;
        for (; i < arg.length() && arg.charAt(i) != '\r' && arg.charAt(i) != '\n'; i++) {
            char c = arg.charAt(i);
            if (c == '"') {
                if (i + 1 < arg.length() && arg.charAt(i + 1) == '"') {
                    out.append('"');
                    i++;
                } else {
                    if (started) {
                        break;
                    }
                    started = true;
                }
            } else {
                out.append(c);
            }
        }
        if (i >= arg.length() || arg.charAt(i) != '"') {
            return null;
        }
        return out.toString();
    }

    /** An FT_STRING item, with proto.c's "Trailing stray characters" for bytes after a NUL. */
    private static void string(Tree parent, String key, String title, MemorySegment s, long off, int n) {
        Tree item = parent.string(key, title, Text.ascii(s, off, n)).at(s, off, n);
        if (Text.trailingStray(s, off, n)) {
            item.expert("_ws.string.trailing_stray_characters", Tree.Severity.WARNING, Tree.Group.UNDECODED,
                    "Trailing stray characters");
        }
    }

    /** The items of one control segment (dissect_ftp's tree). */
    static void tree(Ftp.Call c, Tree root) {
        MemorySegment s = c.s();
        long off = c.base();
        int len = c.len();
        Tree ftp = root.protocol("ftp", "File Transfer Protocol (FTP)").at(s, off, len);
        ftp.hidden("ftp.request", c.request() ? "1" : "0");
        ftp.hidden("ftp.response", c.request() ? "0" : "1");
        int[] next = new int[1];
        int linelen = Text.lineEnd(s, off, len, next, false);
        Tree line = ftp.line(null, Text.format(s, off, next[0]), null).at(s, off, next[0]);
        int argAt;
        int tokenLen = 0;
        if (c.request()) {
            tokenLen = Ftp.tokenLen(s, off, linelen);
            if (tokenLen != 0) {
                string(line, "ftp.request.command", "Request command", s, off, tokenLen);
            }
            argAt = tokenLen;
            while (argAt < linelen && Text.u8(s, off + argAt) == ' ') {
                argAt++;
            }
        } else if (linelen >= 3 && Ftp.digit(s, off) && Ftp.digit(s, off + 1) && Ftp.digit(s, off + 2)) {
            int code = (Text.u8(s, off) - '0') * 100 + (Text.u8(s, off + 1) - '0') * 10 + (Text.u8(s, off + 2) - '0');
            String d = Ftp.describe(code);
            line.field("ftp.response.code", "Response code: " + (d.equals("Unknown") ? "Unknown (" + code + ")" : d)
                    + " (" + code + ")", Integer.toString(code)).at(s, off, 3);
            argAt = linelen >= 4 ? 4 : linelen;
        } else {
            argAt = 0;
        }
        if (linelen - argAt != 0) {
            string(line, c.request() ? "ftp.request.arg" : "ftp.response.arg", c.request() ? "Request arg" : "Response arg",
                    s, off + argAt, linelen - argAt);
        }
        Announce a = announce(s, off, linelen, c.request(), 0);
        if (a != null) {
            announced(c, line, a, tokenLen, argAt, linelen);
        }
        int at = next[0];
        while (at < len) {
            int[] n2 = new int[1];
            Text.lineEnd(s, off + at, len - at, n2, false);
            ftp.line(null, Text.format(s, off + at, n2[0]), null).at(s, off + at, n2[0]);
            at += n2[0];
        }
        root.string("ftp.current-working-directory", "Current working directory", c.cwd()).generated().at(s, off, 0);
        dataConnection(c, root);
    }


    /*
     * tree is cut in three (announced, dataConnection): each label's string concatenation is a call
     * site that C1 inlines whole, and the method in one piece took 10.5 MB to compile, past the
     * launcher's 10 MB cap (MemLimit), so it ran interpreted (bench/README.md, session 40).
     */

    /** The items of a PORT, PASV or EPSV line: the address and port it names, and whether a NAT sits between. */
    private static void announced(Ftp.Call c, Tree line, Announce a, int tokenLen, int argAt, int linelen) {
        MemorySegment s = c.s();
        long off = c.base();
        switch (a.method()) {
            case "PORT" -> {
                // packet-ftp.c places them as if one space followed the command (pasv_offset + tokenlen + 1)
                long shift = tokenLen + 1 - argAt;
                line.field("ftp.active.cip", "Active IP address: " + ip(a.ip()), ip(a.ip())).at(s, off + a.ipOffset() + shift, a.ipLen());
                int port = portOf(s, off, linelen);
                line.field("ftp.active.port", "Active port: " + port, Integer.toString(port))
                        .at(s, off + a.portOffset() + shift, a.portLen());
                if (differs(c.source(), a.ip())) { // the client names another address than its own: a NAT between
                    line.field("ftp.active.nat", "Active IP NAT: True", "1").at(c.s(), c.base(), 0);
                }
            }
            case "PASV" -> {
                line.field("ftp.passive.ip", "Passive IP address: " + ip(a.ip()), ip(a.ip())).at(s, off + a.ipOffset(), a.ipLen());
                line.field("ftp.passive.port", "Passive port: " + a.port(), Integer.toString(a.port()))
                        .at(s, off + a.portOffset(), a.portLen());
                if (differs(c.source(), a.ip())) {
                    // the announced address is not the answering server's: a NAT between (at the buffer's start)
                    line.field("ftp.passive.nat", "Passive IP NAT: True", "1").at(c.s(), c.base(), 0);
                }
            }
            case "EPASV" -> {
                byte[] src = c.source();
                if (src != null) { // the answering server's own address, which EPSV leaves out
                    String key = src.length == 4 ? "ftp.epsv.ip" : "ftp.epsv.ipv6";
                    String text = src.length == 4 ? ip(ipv4(src)) : Text.ipv6(src);
                    line.field(key, "Extended passive IPv" + (src.length == 4 ? "4" : "6") + " address: " + text, text)
                            .generated().at(c.s(), c.base(), 0);
                }
                line.field("ftp.epsv.port", "Extended passive port: " + a.port(), Integer.toString(a.port()))
                        .at(s, off + a.portOffset(), a.portLen());
            }
            default -> { }
        }
    }

    /** tshark -2: what the data connection carried, under its command and its announcement. */
    private static void dataConnection(Ftp.Call c, Tree root) {
        MemorySegment s = c.s();
        long off = c.base();
        FtpData.Conv d = c.data();
        if (d == null) {
            return;
        }
        if (c.frame() == d.commandFrame) {
            // tshark -2: what the data connection carried, shown with the command
            root.field("ftp.command-response.frames", "Command response frames: " + d.frames, Integer.toString(d.frames)).generated();
            root.field("ftp.command-response.bytes", "Command response bytes: " + d.bytes, Long.toString(d.bytes)).generated();
            root.field("ftp.command-response.first-frame-num", "Command response first frame: " + d.firstFrame,
                    Integer.toString(d.firstFrame)).generated();
            root.field("ftp.command-response.last-frame-num", "Command response last frame: " + d.lastFrame,
                    Integer.toString(d.lastFrame)).generated();
            if (d.frames > 1) {
                // rounded to the nearest millisecond as packet-ftp.c does (C division truncates)
                long seconds = Math.floorDiv(d.lastTime, 1_000_000_000L) - Math.floorDiv(d.firstTime, 1_000_000_000L);
                long nanos = Math.floorMod(d.lastTime, 1_000_000_000L) - Math.floorMod(d.firstTime, 1_000_000_000L);
                int gap = (int) (seconds * 1000 + (nanos + 500_000) / 1_000_000);
                root.field("ftp.command-response.duration", "Response duration: " + Integer.toUnsignedString(gap) + "ms",
                        Integer.toUnsignedString(gap)).generated();
                double kbps = d.bytes * 8.0 / (gap / 1000.0) / 1000;
                long bitrate = Double.isFinite(kbps) ? (long) kbps & 0xffffffffL : 0; // (guint) of the double
                root.field("ftp.command-response.bitrate", "Response bitrate: " + bitrate + "Kbps", Long.toString(bitrate))
                        .generated().at(s, off + c.len(), 0);
            }
            root.field("ftp.setup-frame", "Setup frame: " + d.dataSetupFrame, Integer.toString(d.dataSetupFrame)).generated();
        }
        if (c.frame() == d.dataSetupFrame) {
            root.string("ftp.command", "Command", d.command).generated();
            root.field("ftp.command-frame", "Command frame: " + d.commandFrame, Integer.toString(d.commandFrame)).generated();
        }
    }

    /** The client's port of a PORT request (the announcement keeps the server's port 20). */
    private static int portOf(MemorySegment s, long off, int linelen) {
        int tokenLen = Ftp.tokenLen(s, off, linelen);
        int argAt = tokenLen;
        while (argAt < linelen && Text.u8(s, off + argAt) == ' ') {
            argAt++;
        }
        Announce a = portPasv(Text.latin1(s, off + argAt, linelen - argAt), argAt);
        return a == null ? 0 : a.port();
    }

    /** Whether an IPv4 source address is known and is not {@code ip}. */
    private static boolean differs(byte[] source, long ip) {
        return source != null && source.length == 4 && ip != ipv4(source);
    }

    /** Four address bytes as the unsigned number {@link Announce#ip} holds. */
    private static long ipv4(byte[] a) {
        return java.nio.ByteBuffer.wrap(a).getInt() & 0xffffffffL;
    }

    private static String ip(long v) {
        return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
    }
}
