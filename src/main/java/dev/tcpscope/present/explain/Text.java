package dev.tcpscope.present.explain;

import java.util.Locale;

/**
 * Every sentence of the explanations, in English and Chinese side by side, so that no sentence
 * exists in one language only. Arguments are numbers and names already formatted by the caller.
 *
 * <p>The Chinese follows the terms of Chinese TCP textbooks (三次握手, 四次挥手, 序号, 确认号,
 * 窗口扩大选项, 时序图) and the usual typesetting of Chinese technical writing: a space between a
 * Chinese character and a Latin word or a number, none next to full-width punctuation.
 */
final class Text {
    private final Lang lang;

    Text(Lang lang) {
        this.lang = lang;
    }

    Lang lang() { return lang; }

    /** Between two sentences: a space in English, nothing in Chinese. */
    String sep() { return lang == Lang.EN ? " " : ""; }

    /** Between the items of a list of clauses. */
    String listSep() { return lang == Lang.EN ? "; " : "；"; }

    /** Between the items of a list of names or numbers. */
    String commaSep() { return lang == Lang.EN ? ", " : "，"; }

    /**
     * The sentence in this language with its arguments in place: {@code %s} and {@code %d} (all
     * but two of the patterns) are put in here, as {@link String#format} with {@link Locale#ROOT}
     * would put them; any other conversion goes to String.format. Explaining a long capture made
     * several of these per packet, and Formatter's parsing of each pattern was a good part of the
     * time (and the largest compilation of the run).
     */
    private String t(String en, String zh, Object... args) {
        String p = lang == Lang.EN ? en : zh;
        int i = p.indexOf('%');
        if (i < 0) {
            return p;
        }
        StringBuilder b = new StringBuilder(p.length() + 16 * args.length);
        int from = 0;
        int a = 0;
        for (; i >= 0; i = p.indexOf('%', from)) {
            char c = i + 1 < p.length() ? p.charAt(i + 1) : 0;
            Object v = a < args.length ? args[a] : null;
            boolean plain = a < args.length && (c == 's' && !(v instanceof java.util.Formattable)
                    || c == 'd' && (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte));
            if (!plain) {
                return String.format(Locale.ROOT, p, args);
            }
            b.append(p, from, i).append(v);
            a++;
            from = i + 2;
        }
        return b.append(p, from, p.length()).toString();
    }

    // ---- names ------------------------------------------------------------------------------
    String client() { return t("the client", "客户端"); }

    String server() { return t("the server", "服务端"); }

    String side(boolean client) { return client ? client() : server(); }

    String Side(boolean client) {
        String s = side(client);
        return lang == Lang.EN ? Character.toUpperCase(s.charAt(0)) + s.substring(1) : s;
    }

    String clientColumn() { return t("client", "客户端"); }

    String serverColumn() { return t("server", "服务端"); }

    String guessedRoles() {
        return t("(handshake not captured: the side with the higher port is taken as the client)",
                "（没有抓到握手，端口号较大的一方当作客户端）");
    }

    // ---- states -----------------------------------------------------------------------------
    String states(String client, String server) {
        return t("State after it: client %s, server %s.", "此后的状态：客户端 %s，服务端 %s。", client, server);
    }

    String listenIf(int port) {
        return t("LISTEN if a program listens on port %d (its answer will tell)",
                "LISTEN（如果 %d 端口上有程序在监听，下一个包会揭晓）", port);
    }

    String noListener() { return t("CLOSED (nothing listens)", "CLOSED（没有程序监听）"); }

    String assumed(String state) { return t("%s (assumed)", "%s（推测）", state); }

    // ---- roles ------------------------------------------------------------------------------
    String handshakeSyn(String client, String server) {
        return t("Three-way handshake, step 1, SYN: the client %s asks the server %s to open a connection and announces its initial sequence number.",
                "三次握手第 1 步，SYN：客户端 %s 请求与服务端 %s 建立连接，并告知自己的初始序号。", client, server);
    }

    String handshakeSynAck() {
        return t("Three-way handshake, step 2, SYN/ACK: the server accepts; in the same segment it acknowledges the client's SYN and announces its own initial sequence number.",
                "三次握手第 2 步，SYN/ACK：服务端同意建立连接，用同一个报文段确认客户端的 SYN，并告知自己的初始序号。");
    }

    String handshakeAck() {
        return t("Three-way handshake, step 3, ACK: the client acknowledges the server's SYN; once it arrives, both sides are ESTABLISHED and data may flow.",
                "三次握手第 3 步，ACK：客户端确认服务端的 SYN。服务端收到后，双方都进入 ESTABLISHED 状态，可以传输数据了。");
    }

    String refused(int port) {
        return t("Connection refused: nothing listens on port %d, so the server's kernel answers the SYN with RST/ACK; the client's connect() fails (ECONNREFUSED).",
                "连接被拒绝：%d 端口上没有程序监听，服务端的内核用 RST/ACK 回应这个 SYN，客户端的 connect() 失败（ECONNREFUSED）。", port);
    }

    String data(boolean fromClient, long len) {
        return t("Data: %s sends %d byte%s to %s.", "数据：%s向%s发送 %d 字节。",
                lang == Lang.EN ? new Object[] {side(fromClient), len, len == 1 ? "" : "s", side(!fromClient)}
                        : new Object[] {side(fromClient), side(!fromClient), len});
    }

    String pureAck(boolean fromClient) {
        return t("Pure ACK: %s sends no data, it only confirms what it has received.",
                "纯 ACK：%s不带数据，只确认已经收到的数据。", side(fromClient));
    }

    String finFirst(boolean fromClient) {
        return t("Four-way close, step 1, FIN: %s has nothing more to send and closes its direction first (active close).",
                "四次挥手第 1 步，FIN：%s没有数据要发了，率先关闭自己的发送方向（主动关闭）。", side(fromClient));
    }

    String finSecond(boolean fromClient) {
        return t("Four-way close, step 3, FIN: %s closes its direction too (passive close).",
                "四次挥手第 3 步，FIN：%s也关闭自己的发送方向（被动关闭）。", side(fromClient));
    }

    String finCombined(boolean fromClient) {
        return t("Four-way close, steps 2 and 3, FIN/ACK: %s acknowledges the peer's FIN and closes its own direction in the same segment.",
                "四次挥手第 2、3 步合并，FIN/ACK：%s用同一个报文段确认对方的 FIN，并关闭自己的发送方向。", side(fromClient));
    }

    String finAckFirst(boolean fromClient) {
        return t("Four-way close, step 2, ACK of the FIN: %s confirms the peer's FIN; that direction is closed (half-close) but %s may still send.",
                "四次挥手第 2 步，确认 FIN：%s确认对方的 FIN。对方的发送方向已关闭（半关闭），%s仍然可以发送数据。",
                side(fromClient), side(fromClient));
    }

    String finAckLast(boolean fromClient) {
        return t("Four-way close, step 4, ACK of the last FIN: %s confirms the peer's FIN and stays in TIME_WAIT (60 s on Linux); the peer is CLOSED once this ACK arrives.",
                "四次挥手第 4 步，确认最后一个 FIN：%s确认对方的 FIN，随后停留在 TIME_WAIT 状态（Linux 上为 60 秒）；对方收到这个 ACK 后进入 CLOSED。",
                side(fromClient));
    }

    String reset(boolean fromClient) {
        return t("Reset, RST: %s aborts the connection at once; there is no FIN exchange and unread data is discarded.",
                "复位，RST：%s立即中止连接，不经过四次挥手，尚未读取的数据被丢弃。", side(fromClient));
    }

    String copy(long frame, String same, double micros) {
        return t("Captured again: this is packet %d again, byte for byte (%s), %.0f µs later. The capture recorded one packet more than once (capturing on several interfaces, or through a mirror port, does that); the sender sent it once.",
                "重复抓到的包：与第 %d 号包逐字节相同（%s），晚了 %.0f 微秒。同一个包被抓包程序记录了不止一次（在多个网卡上同时抓包或者经过端口镜像都会这样），发送方只发了一次。",
                frame, same, micros);
    }

    String copyFlagged(String tsharkSays) {
        return t("tshark flags it as %s only because the same sequence numbers appear again; no timer fired and nothing was lost.",
                "tshark 把它标为%s，只是因为同样的序号又出现了一次；并没有定时器超时，也没有丢包。", tsharkSays);
    }

    String sameIpId(int id) {
        return t("same IP ID 0x%04x, same TCP header and checksum", "IP ID 同为 0x%04x，TCP 首部和校验和都相同", id);
    }

    String sameHeader() {
        return t("same TCP header and checksum", "TCP 首部和校验和都相同");
    }

    String tsharkRetransmission() { return t("a retransmission", "重传"); }

    String tsharkOutOfOrder() { return t("out-of-order", "乱序"); }

    String tsharkDupAck() { return t("a duplicate ACK", "重复 ACK"); }

    String retransmission(boolean fromClient, String what, long frame, String ms) {
        return t("Retransmission: %s sends %s again, first sent in packet %d %s ms earlier; no duplicate ACKs asked for them, so the sender's retransmission timer most likely fired.",
                "重传：%s再次发送%s。它们第一次在第 %d 号包里发出，已过去 %s 毫秒；没有重复 ACK 索要它们，所以多半是发送方的重传定时器超时了。",
                side(fromClient), what, frame, ms);
    }

    String retransmissionUnknown(boolean fromClient, String what) {
        return t("Retransmission: %s sends %s again; no duplicate ACKs asked for them, so the sender's retransmission timer most likely fired.",
                "重传：%s再次发送%s；没有重复 ACK 索要它们，所以多半是发送方的重传定时器超时了。", side(fromClient), what);
    }

    String fastRetransmission(boolean fromClient, String what) {
        return t("Fast retransmission: %s sends %s again at once, because the peer's duplicate ACKs said they were missing.",
                "快速重传：对方的重复 ACK 表明这些数据缺失，%s立即再次发送%s。", side(fromClient), what);
    }

    String spuriousRetransmission(boolean fromClient, String what) {
        return t("Spurious retransmission: %s sends %s again although the peer had already acknowledged them.",
                "虚假重传：对方其实已经确认过，%s仍再次发送%s。", side(fromClient), what);
    }

    String outOfOrder(boolean fromClient, String what) {
        return t("Out-of-order: %s sends %s, which lie before data already seen from it; tshark calls that out-of-order rather than a retransmission because it came within a round-trip time (or 3 ms) of the later data.",
                "乱序：%s发送%s，它们的序号在已经出现过的数据之前。由于它距离后面那段数据不到一个往返时间（或 3 毫秒），tshark 把它算作乱序而不是重传。",
                side(fromClient), what);
    }

    String keepAlive(boolean fromClient) {
        return t("Keep-alive: %s sends a segment whose Seq is one below its next sequence number, to check that the peer is still there.",
                "保活（keep-alive）：%s发送一个序号比下一个序号小 1 的报文段，探测对方是否还在。", side(fromClient));
    }

    String keepAliveAck(boolean fromClient) {
        return t("Keep-alive ACK: %s answers the keep-alive; the connection is alive.",
                "保活确认：%s回应了保活报文段，连接仍然有效。", side(fromClient));
    }

    String zeroWindowProbe(boolean fromClient) {
        return t("Zero-window probe: the peer's window is 0, so %s probes with one byte to learn when it opens again.",
                "零窗口探测：对方的窗口为 0，%s用 1 个字节探测窗口何时重新打开。", side(fromClient));
    }

    String zeroWindowProbeAck(boolean fromClient) {
        return t("ACK of a zero-window probe: %s's window is still 0.", "零窗口探测的确认：%s的窗口仍然为 0。", side(fromClient));
    }

    String duplicateAck(boolean fromClient, int n, long frame) {
        return t("Duplicate ACK #%d: %s repeats the acknowledgement of packet %d (same Ack, same window, no data). A receiver sends one for each segment that does not extend what it holds in order, such as a segment beyond a gap (RFC 5681 §4.2); three in a row make the sender resend at once.",
                "重复 ACK #%d：%s重复第 %d 号包的确认（确认号和窗口都相同，不带数据）。接收方每收到一个不能让有序数据增长的报文段（例如缺口之后的报文段），就发送一个重复 ACK（RFC 5681 §4.2）；连续三个会让发送方立即重传。",
                n, side(fromClient), frame);
    }

    String zeroWindow(boolean fromClient) {
        return t("Zero window: %s's receive buffer is full (Win=0); the peer must stop sending until the window opens.",
                "零窗口：%s的接收缓冲区已满（Win=0），对方必须暂停发送，直到窗口重新打开。", side(fromClient));
    }

    String windowUpdate(boolean fromClient) {
        return t("Window update: %s repeats its Seq and Ack and only changes the window: it has room to receive again.",
                "窗口更新：%s的序号和确认号都不变，只改变了窗口，表示又有空间接收数据了。", side(fromClient));
    }

    String other(String protocol) {
        return t("Not a TCP segment that tcpscope analyses (%s).", "不是 tcpscope 分析的 TCP 报文段（%s）。", protocol);
    }

    String whatSyn() { return t("its SYN", "它的 SYN"); }

    String whatFin() { return t("its FIN", "它的 FIN"); }

    String whatBytes(long from, long to) { return t("bytes %d..%d", "第 %d～%d 字节", from, to); }

    // ---- flags ------------------------------------------------------------------------------
    String flags(String hex, String bits) {
        return t("Flags %s = %s.", "标志位 %s = %s。", hex, bits);
    }

    String synFilter(String hex) {
        return t("%s & 0x02 = 0x02, not zero: that is why the filter tcp.flags & 0x02 matches SYNs (and SYN/ACKs).",
                "%s & 0x02 = 0x02，结果不为 0，所以过滤器 tcp.flags & 0x02 能选出 SYN（以及 SYN/ACK）。", hex);
    }

    String finFilter() {
        return t("The FIN bit (0x001) is set, so tcp.flags.fin == 1.", "FIN 位（0x001）为 1，所以 tcp.flags.fin == 1。");
    }

    String pushNote() {
        return t("PSH asks the receiver to hand the data to the application without waiting for more.",
                "PSH 要求接收方立即把数据交给应用程序，不必等待更多数据。");
    }

    // ---- sequence numbers --------------------------------------------------------------------
    String seqIsn(boolean client, long raw) {
        return t("Seq=0 (raw %d): %s's initial sequence number (ISN). A fresh connection gets one that looks random (Linux hashes the addresses and ports with a secret and adds a clock, RFC 6528); relative numbers count from it, so it shows as 0. A SYN takes one sequence number, so the first data byte will be Seq 1.",
                "Seq=0（原始值 %d）：%s的初始序号（ISN）。新连接的 ISN 看起来是随机的（Linux 用一个密钥对地址和端口做哈希，再加上时钟，见 RFC 6528）；相对序号从它算起，所以显示为 0。SYN 占用一个序号，所以第一个数据字节的序号是 1。",
                raw, side(client));
    }

    String seqIsnReused(boolean client, long raw, int oldStream, long oldNextRaw, long diff, boolean linux) {
        String why = linux
                ? t(" = old + 65535 + 2: the rule Linux uses when a new connection takes over one in TIME_WAIT (tcp_tw_reuse, on for loopback by default), so that no segment of the old connection can fall into the new one's sequence space",
                        "，即旧值 + 65535 + 2：这是 Linux 让新连接接替 TIME_WAIT 中的旧连接时的规则（tcp_tw_reuse，默认对回环地址开启），保证旧连接的报文段不会落进新连接的序号空间")
                : t(": above it, so that no segment of the old connection can fall into the new one's sequence space",
                        "，比它大，保证旧连接的报文段不会落进新连接的序号空间");
        return t("Seq=0 (raw %d): %s's initial sequence number (ISN), not a random one: the same addresses and ports carried stream %d, whose next sequence number on this side was raw %d; %d is that + %d%s. Relative numbers count from the ISN, so it shows as 0; the SYN takes one sequence number, so the first data byte will be Seq 1.",
                "Seq=0（原始值 %d）：%s的初始序号（ISN），不是随机选的：同样的地址和端口之前承载过流 %d，本方在那条连接上的下一个序号是原始值 %d；%d 等于它加 %d%s。相对序号从 ISN 算起，所以显示为 0；SYN 占用一个序号，所以第一个数据字节的序号是 1。",
                raw, side(client), oldStream, oldNextRaw, raw, diff, why);
    }

    String seqIsnEcho(boolean client, long raw, long tsecr) {
        return t("Seq=0 (raw %d): %s's initial sequence number (ISN). This SYN echoes a timestamp (TSecr=%d, not 0), which happens when the kernel takes over a connection on the same addresses and ports that is still in TIME_WAIT; Linux then gives no random-looking ISN but the old connection's next sequence number + 65535 + 2 (the old connection is not in this capture). Relative numbers count from the ISN, so it shows as 0; the SYN takes one sequence number, so the first data byte will be Seq 1.",
                "Seq=0（原始值 %d）：%s的初始序号（ISN）。这个 SYN 回显了一个时间戳（TSecr=%d，不为 0）：内核接替了同一组地址和端口上仍处于 TIME_WAIT 的旧连接时会这样。此时 Linux 不再给出看似随机的 ISN，而是取旧连接的下一个序号 + 65535 + 2（旧连接不在这个抓包文件里）。相对序号从 ISN 算起，所以显示为 0；SYN 占用一个序号，所以第一个数据字节的序号是 1。",
                raw, side(client), tsecr);
    }

    String raw(long raw, long isn, long rel) {
        return t("raw %d = ISN %d + %d", "原始值 %d = ISN %d + %d", raw, isn, rel);
    }

    String seqContinues(long rel, String raw, long frame, String sum) {
        return t("Seq=%d (%s): continues after this side's packet %d: %s.",
                "Seq=%d（%s）：接着本方第 %d 号包：%s。", rel, raw, frame, sum);
    }

    String seqBehind(long rel, String raw, long expected) {
        return t("Seq=%d (%s) is below this side's next sequence number %d: these sequence numbers were sent before.",
                "Seq=%d（%s）小于本方的下一个序号 %d：这些序号之前已经发送过。", rel, raw, expected);
    }

    String seqAhead(long rel, String raw, long expected) {
        return t("Seq=%d (%s) is above this side's next sequence number %d: bytes %d..%d are missing from the capture.",
                "Seq=%d（%s）大于本方的下一个序号 %d：第 %d～%d 字节不在抓包文件里。", rel, raw, expected, expected, rel - 1);
    }

    String seqFirstSeen(long rel, long raw) {
        return t("Seq=%d (raw %d): the first segment seen from this side, without its SYN; relative numbers start at 1 here.",
                "Seq=%d（原始值 %d）：本方第一个被抓到的报文段，没有抓到它的 SYN，相对序号从这里的 1 开始。", rel, raw);
    }

    String nextData(long len, long first, long last, long seq, long next) {
        return t("It carries %d byte%s (sequence numbers %d..%d); the next Seq of this side is %d + %d = %d.",
                "它携带 %d 字节（序号 %d～%d），本方下一个序号为 %d + %d = %d。",
                lang == Lang.EN ? new Object[] {len, len == 1 ? "" : "s", first, last, seq, len, next}
                        : new Object[] {len, first, last, seq, len, next});
    }

    String nextFin(long seq, long len, long next) {
        return t("The FIN takes one sequence number: next Seq = %d + %d + 1 = %d.",
                "FIN 占用一个序号：下一个序号 = %d + %d + 1 = %d。", seq, len, next);
    }

    String noData(long seq) {
        return t("No payload: the sequence number does not advance (next Seq is still %d).",
                "没有载荷，序号不增加（下一个序号仍是 %d）。", seq);
    }

    // ---- acknowledgements -------------------------------------------------------------------
    String ackOfSyn(long rel, String raw, long frame, long peerSeq) {
        return t("Ack=%d (%s) = Seq %d + 1 of the SYN in packet %d (a SYN takes one sequence number): it acknowledges packet %d.",
                "Ack=%d（%s）= 第 %d 号包里 SYN 的序号 %d + 1（SYN 占用一个序号）：它确认第 %d 号包。", rel, raw,
                lang == Lang.EN ? peerSeq : frame, lang == Lang.EN ? frame : peerSeq, frame);
    }

    String ackOfData(long rel, String raw, long frame, long peerSeq, long peerLen) {
        return t("Ack=%d (%s) = Seq %d + Len %d of packet %d, the next byte expected: it acknowledges packet %d.",
                "Ack=%d（%s）= 第 %d 号包的 Seq %d + Len %d，即期望收到的下一个字节：它确认第 %d 号包。", rel, raw,
                lang == Lang.EN ? peerSeq : frame, lang == Lang.EN ? peerLen : peerSeq, lang == Lang.EN ? frame : peerLen,
                frame);
    }

    String ackOfFin(long rel, String raw, long frame, long peerSeq, long peerLen) {
        return t("Ack=%d (%s) = Seq %d + Len %d + 1 for the FIN of packet %d (a FIN takes one sequence number): it acknowledges packet %d.",
                "Ack=%d（%s）= 第 %d 号包的 Seq %d + Len %d + 1（FIN 占用一个序号）：它确认第 %d 号包。", rel, raw,
                lang == Lang.EN ? peerSeq : frame, lang == Lang.EN ? peerLen : peerSeq, lang == Lang.EN ? frame : peerLen,
                frame);
    }

    String ackCovers(long first, long last) {
        return t("Together with it, packets %d to %d are now acknowledged.", "第 %d 号到第 %d 号包因此全部得到确认。", first, last);
    }

    String ackSame(long rel, String raw, long frame) {
        return t("Ack=%d (%s): the same as in this side's packet %d; nothing new from the peer to acknowledge.",
                "Ack=%d（%s）：与本方第 %d 号包相同，对方没有新数据需要确认。", rel, raw, frame);
    }

    String ackPartial(long rel, String raw, long frame) {
        return t("Ack=%d (%s): acknowledges part of packet %d.", "Ack=%d（%s）：确认了第 %d 号包的一部分。", rel, raw, frame);
    }

    String ackUnseen(long rel, String raw) {
        return t("Ack=%d (%s): acknowledges bytes that are not in the capture.", "Ack=%d（%s）：确认的字节不在抓包文件里。", rel, raw);
    }

    String ackPlain(long rel, String raw) {
        return t("Ack=%d (%s): the next byte expected from the peer.", "Ack=%d（%s）：期望从对方收到的下一个字节。", rel, raw);
    }

    String noAck(long raw) {
        return t("No ACK flag: the acknowledgement field (raw %d) means nothing yet.",
                "ACK 位为 0：确认号字段（原始值 %d）没有意义。", raw);
    }

    String ackTime(String ms, long frame) {
        return t("It was captured %s ms after packet %d (tcp.analysis.ack_rtt).",
                "它在第 %2$d 号包之后 %1$s 毫秒被抓到（tcp.analysis.ack_rtt）。", ms, frame);
    }

    String delayedAck(String ms, long frame, String fastest) {
        return t("Delayed ACK: it left %s ms after packet %d, while this side acknowledged earlier data within %s ms. Linux acknowledges at once in quick-ACK mode (the first data of a connection, data after an idle time longer than the retransmission timeout, out-of-order data) or when more than one full-sized segment waits to be acknowledged; otherwise it holds the ACK back for the delayed-ACK timeout (40 ms at least, 200 ms at most) hoping to send it with data.",
                "延迟确认（delayed ACK）：它在第 %2$d 号包之后 %1$s 毫秒才发出，而本方之前确认数据只用了不到 %3$s 毫秒。Linux 只在快速确认模式下（连接的第一批数据、空闲超过重传超时后的数据、乱序数据）或者有超过一个满长报文段等待确认时立即确认；否则把 ACK 推迟到延迟确认定时器到期（最少 40 毫秒，最多 200 毫秒），希望能和数据一起发送。",
                ms, frame, fastest);
    }

    String delayedAckOfFin() {
        return t("Receiving the FIN put this side into CLOSE_WAIT and into Linux's interactive (ping-pong) mode, where it expects its application to answer or close soon; no data or FIN of its own left within that time, so the timer sent the ACK alone.",
                "收到 FIN 后，本方进入 CLOSE_WAIT 状态，Linux 同时把它切换到交互（ping-pong）模式，等待应用程序很快回复或关闭；在这段时间里本方既没有数据也没有 FIN 要发，于是定时器到期时单独发出了这个 ACK。");
    }

    // ---- options, window, payload -----------------------------------------------------------
    String options(String list) { return t("Options: %s.", "选项：%s。", list); }

    String optMss(int mss) {
        return t("MSS=%d, the largest payload this side accepts in one segment", "MSS=%d，本方在一个报文段里最多接收 %d 字节载荷", mss, mss);
    }

    String optSackPerm() {
        return t("SACK_PERM, it can acknowledge non-contiguous blocks (selective ACK, RFC 2018)",
                "SACK_PERM，本方能确认不连续的数据块（选择确认，RFC 2018）");
    }

    String optTimestamps(long val, long ecr) {
        return t("TSval=%d TSecr=%d, timestamps (RFC 7323) for measuring the RTT and rejecting old duplicates; TSecr echoes the peer's last TSval",
                "TSval=%d TSecr=%d，时间戳选项（RFC 7323），用于测量往返时间、识别旧的重复报文段；TSecr 回显对方最近的 TSval", val, ecr);
    }

    String optTimestampsSyn(long val) {
        return t("TSval=%d TSecr=0, timestamps (RFC 7323) for measuring the RTT and rejecting old duplicates; TSecr is 0 because there is no peer TSval to echo yet",
                "TSval=%d TSecr=0，时间戳选项（RFC 7323），用于测量往返时间、识别旧的重复报文段；还没有对方的 TSval 可以回显，所以 TSecr 为 0", val);
    }

    String optTimestampsReused(long val, long ecr, long frame) {
        return t("TSval=%d TSecr=%d, timestamps (RFC 7323); a SYN usually has TSecr=0, but this one echoes TSval %d of packet %d, the peer's last timestamp on the old connection, which the kernel kept with the TIME_WAIT connection and copied into the new one",
                "TSval=%d TSecr=%d，时间戳选项（RFC 7323）；SYN 的 TSecr 通常为 0，这里却回显了第 %4$d 号包的 TSval %3$d，即对方在旧连接上最后的时间戳：内核把它和 TIME_WAIT 连接一起保留下来，又复制给了新连接",
                val, ecr, ecr, frame);
    }

    String optTimestampsSynEcho(long val, long ecr) {
        return t("TSval=%d TSecr=%d, timestamps (RFC 7323); a SYN usually has TSecr=0, and a non-zero one echoes a timestamp from an earlier connection on the same addresses and ports",
                "TSval=%d TSecr=%d，时间戳选项（RFC 7323）；SYN 的 TSecr 通常为 0，不为 0 时回显的是同一组地址和端口上一条旧连接的时间戳",
                val, ecr);
    }

    String optWindowScale(int shift, int factor) {
        return t("WS=%2$d, window scale shift %1$d: once both SYNs carry it, this side's Win field is multiplied by 2^%1$d = %2$d",
                "WS=%2$d，窗口扩大选项，移位数为 %1$d：双方的 SYN 都带这个选项时，本方的 Win 字段要乘以 2^%1$d = %2$d", shift, factor);
    }

    String optSack(String blocks) {
        return t("SACK %s, blocks received beyond the acknowledged point", "SACK %s，确认号之后已经收到的数据块", blocks);
    }

    String winSyn(long win) {
        return t("Win=%d: the receive space this side offers; the window of a SYN is never scaled.",
                "Win=%d：本方提供的接收空间；SYN 里的窗口值不做扩大。", win);
    }

    String winScaled(long win, int raw, long factor, long frame) {
        return t("Win=%d = field %d × %d (window scale from this side's SYN, packet %d): bytes it can still receive.",
                "Win=%d = 字段值 %d × %d（扩大倍数来自本方第 %d 号包的 SYN），即本方还能接收的字节数。", win, raw, factor, frame);
    }

    String winPlain(long win) {
        return t("Win=%d: bytes this side can still receive (no window scaling).", "Win=%d：本方还能接收的字节数（未使用窗口扩大选项）。", win);
    }

    String winUnknown(long win) {
        return t("Win=%d: the raw field; the scale factor is unknown because the handshake was not captured.",
                "Win=%d：字段原始值。没有抓到握手，所以不知道窗口扩大倍数。", win);
    }

    String winZero() {
        return t("Win=0: this side's receive buffer is full; the peer must pause.", "Win=0：本方的接收缓冲区已满，对方必须暂停发送。");
    }

    String payloadText(long len, String text) {
        return t("Payload (%d bytes, text): %s", "载荷（%d 字节，文本）：%s", len, text);
    }

    String payloadBinary(long len, String hex) {
        return t("Payload (%d bytes, binary), starting %s", "载荷（%d 字节，二进制），开头为 %s", len, hex);
    }

    // ---- analysis notes ---------------------------------------------------------------------
    String lostSegment() {
        return t("Previous segment not captured: a segment before this one is missing from the capture.",
                "前一个报文段没有抓到：在它之前有报文段不在抓包文件里。");
    }

    String ackLostSegment() {
        return t("ACKed unseen segment: it acknowledges data that the capture never showed.",
                "确认了没有抓到的报文段：它确认的数据从未出现在抓包文件里。");
    }

    String windowFull() {
        return t("Window full: this segment fills the receiver's advertised window exactly.",
                "窗口已满：这个报文段正好填满接收方通告的窗口。");
    }

    String reusedPorts() {
        return t("Port numbers reused: a new connection on the same addresses and ports as an earlier one.",
                "端口复用：这条新连接与之前的一条连接地址和端口都相同。");
    }

    String zeroWindowNote() {
        return t("It also announces a zero window.", "它同时通告了零窗口。");
    }

    // ---- coloring ---------------------------------------------------------------------------
    String color(String name, String filter, String reason) {
        return t("Color: rule \"%s\" (%s): %s.", "颜色：规则“%s”（%s）：%s。", name, filter, reason);
    }

    String colorNone() { return t("Color: none of the default coloring rules matches.", "颜色：没有匹配的默认着色规则。"); }

    String reasonBadTcp(String fields) {
        return t("the analysis raised %s, which is neither a window update nor a keep-alive",
                "分析标记了 %s，它既不是窗口更新也不是保活", fields);
    }

    String reasonRst() { return t("the RST bit is set", "RST 位为 1"); }

    String reasonSyn() { return t("the SYN bit is set", "SYN 位为 1"); }

    String reasonFin() { return t("the FIN bit is set", "FIN 位为 1"); }

    String reasonHttp() { return t("one of the ports is 80", "其中一个端口是 80"); }

    String reasonTcp() {
        return t("a TCP segment that no earlier rule matches (no analysis problem, no SYN, FIN or RST)",
                "前面的规则都不匹配的普通 TCP 报文段（分析没有发现问题，没有 SYN、FIN 或 RST）");
    }

    String reasonFirst() { return t("the first rule in order whose filter matches", "按顺序第一条匹配的规则"); }

    // ---- summary ----------------------------------------------------------------------------
    String summaryTitle(int stream, String client, String server) {
        return t("Stream %d: client %s, server %s", "流 %d：客户端 %s，服务端 %s", stream, client, server);
    }

    String sumHandshake(long a, long b, long c, String rtt) {
        return t("Handshake: packets %d (SYN), %d (SYN/ACK), %d (ACK); initial RTT %s ms.",
                "三次握手：第 %d 号包（SYN）、第 %d 号包（SYN/ACK）、第 %d 号包（ACK），初始往返时间 %s 毫秒。", a, b, c, rtt);
    }

    String sumHandshakePartial(String seen) {
        return t("Handshake: only partly captured (%s).", "三次握手：只抓到一部分（%s）。", seen);
    }

    String sumNoHandshake() { return t("Handshake: not captured.", "三次握手：没有抓到。"); }

    String sumRefused(long syn, long rst, int port) {
        return t("Connection refused: the SYN (packet %d) was answered with RST/ACK (packet %d); nothing listened on port %d.",
                "连接被拒绝：SYN（第 %d 号包）得到的回应是 RST/ACK（第 %d 号包），%d 端口上没有程序监听。", syn, rst, port);
    }

    String sumData(boolean fromClient, long bytes, long segments, long retransmitted) {
        String again = retransmitted == 0 ? "" : t(", %d bytes sent again", "，重传 %d 字节", retransmitted);
        return t("Data from %s to %s: %d bytes in %d segment%s%s.", "%s发给%s的数据：%d 字节，%d 个报文段%s。",
                lang == Lang.EN ? new Object[] {side(fromClient), side(!fromClient), bytes, segments, segments == 1 ? "" : "s", again}
                        : new Object[] {side(fromClient), side(!fromClient), bytes, segments, again});
    }

    String sumClose(String steps) { return t("Close: %s.", "四次挥手：%s。", steps); }

    String sumFin(boolean fromClient, long frame) { return t("%s's FIN (packet %d)", "%s的 FIN（第 %d 号包）", side(fromClient), frame); }

    String sumAck(boolean fromClient, long frame) { return t("%s's ACK (packet %d)", "%s的 ACK（第 %d 号包）", side(fromClient), frame); }

    String sumFinAck(boolean fromClient, long frame) {
        return t("%s's FIN/ACK (packet %d)", "%s的 FIN/ACK（第 %d 号包）", side(fromClient), frame);
    }

    String sumFourWay() { return t("the four-way close", "完整的四次挥手"); }

    String sumClosedFirst(boolean fromClient) {
        return t("%s closed first (active close), so %s keeps the connection in TIME_WAIT for 60 s (Linux; 2 × MSL in RFC 9293); %s went through CLOSE_WAIT and LAST_ACK.",
                "%s先关闭（主动关闭），所以由%s在 TIME_WAIT 状态保留这条连接 60 秒（Linux 的取值；RFC 9293 规定为 2 × MSL）；%s经历了 CLOSE_WAIT 和 LAST_ACK。",
                Side(fromClient), side(fromClient), side(!fromClient));
    }

    String sumHalfClosed(boolean fromClient) {
        return t("Only %s closed its direction in the capture (half-close); the other direction stayed open.",
                "抓包中只有%s关闭了自己的发送方向（半关闭），另一个方向仍然打开。", side(fromClient));
    }

    String sumReset(boolean fromClient, long frame) {
        return t("Ended by a reset from %s (packet %d); no TIME_WAIT.", "连接由%s的复位结束（第 %d 号包），没有 TIME_WAIT。", side(fromClient), frame);
    }

    String sumOpen() { return t("Close: not in the capture; the connection was still open.", "四次挥手：不在抓包文件里，连接仍然打开。"); }

    String sumAnalysis(String list) { return t("Analysis: %s.", "分析：%s。", list); }

    String sumClean() {
        return t("Analysis: no retransmissions, duplicate ACKs or zero windows.", "分析：没有重传、重复 ACK 或零窗口。");
    }

    String count(long n, String en, String zh) {
        return lang == Lang.EN ? n + " " + en + (n == 1 ? "" : "s") : n + " 个" + zh;
    }

    String countRetransmissions(long n) { return count(n, "retransmission", "重传"); }

    String countDupAcks(long n) { return count(n, "duplicate ACK", "重复 ACK"); }

    String countZeroWindows(long n) { return count(n, "zero window", "零窗口"); }

    String countKeepAlives(long n) { return count(n, "keep-alive", "保活报文段"); }

    String countOutOfOrder(long n) { return count(n, "out-of-order segment", "乱序报文段"); }

    String countLost(long n) { return count(n, "missing segment", "缺失的报文段"); }

    String countCopies(long n) {
        return t("%d packet%s recorded again by the capture (copies, not counted above; tshark counts them as retransmissions, out-of-order segments or duplicate ACKs)",
                "%d 个重复抓到的包（只是副本，不计入上面的数字；tshark 把它们算作重传、乱序或重复 ACK）", n, n == 1 ? "" : "s");
    }

    String ladderTitle(int stream, String client, String server) {
        return t("Ladder of stream %d (left: client %s, right: server %s)", "流 %d 的时序图（左：客户端 %s，右：服务端 %s）",
                stream, client, server);
    }

    String ladderTruncated(long n) {
        return t("... %d more packets not drawn", "……还有 %d 个包没有画出", n);
    }
}
