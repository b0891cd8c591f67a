package dev.tcpscope.present.explain;

import java.util.Locale;

/**
 * Every sentence of the explanations, in English and Chinese side by side, so that no sentence
 * exists in one language only. Arguments are numbers and names already formatted by the caller.
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

    private String t(String en, String zh, Object... args) {
        return String.format(Locale.ROOT, lang == Lang.EN ? en : zh, args);
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
                "（没有抓到握手：端口号较大的一方被当作客户端）");
    }

    // ---- roles ------------------------------------------------------------------------------
    String handshakeSyn(String client, String server) {
        return t("Handshake 1/3, SYN: the client %s asks the server %s to open a connection and announces its initial sequence number.",
                "握手 1/3，SYN：客户端 %s 请求与服务端 %s 建立连接，并告知自己的初始序号。", client, server);
    }

    String handshakeSynAck() {
        return t("Handshake 2/3, SYN/ACK: the server accepts; it acknowledges the client's SYN and announces its own initial sequence number in the same segment.",
                "握手 2/3，SYN/ACK：服务端同意建立连接；在同一个报文段里确认客户端的 SYN，并告知自己的初始序号。");
    }

    String handshakeAck() {
        return t("Handshake 3/3, ACK: the client acknowledges the server's SYN; both sides are now ESTABLISHED and data may flow.",
                "握手 3/3，ACK：客户端确认服务端的 SYN；双方进入 ESTABLISHED 状态，可以传数据了。");
    }

    String data(boolean fromClient, long len) {
        return t("Data: %s sends %d byte%s to %s.", "数据：%s向%s发送 %d 字节。",
                lang == Lang.EN ? new Object[] {side(fromClient), len, len == 1 ? "" : "s", side(!fromClient)}
                        : new Object[] {side(fromClient), side(!fromClient), len});
    }

    String pureAck(boolean fromClient) {
        return t("Pure ACK: %s sends no data, it only confirms what it has received.",
                "纯 ACK：%s不带数据，只确认已经收到的内容。", side(fromClient));
    }

    String finFirst(boolean fromClient) {
        return t("Close 1/4, FIN: %s has nothing more to send and closes its direction first (active close, FIN_WAIT_1).",
                "挥手 1/4，FIN：%s没有数据要发了，先关闭自己这个方向（主动关闭，进入 FIN_WAIT_1）。", side(fromClient));
    }

    String finSecond(boolean fromClient) {
        return t("Close 3/4, FIN: %s closes its direction too (passive close: from CLOSE_WAIT to LAST_ACK).",
                "挥手 3/4，FIN：%s也关闭自己这个方向（被动关闭：从 CLOSE_WAIT 进入 LAST_ACK）。", side(fromClient));
    }

    String finCombined(boolean fromClient) {
        return t("Close 2+3/4, FIN/ACK: %s acknowledges the peer's FIN and closes its own direction in the same segment.",
                "挥手 2+3/4，FIN/ACK：%s在同一个报文段里确认对方的 FIN，并关闭自己这个方向。", side(fromClient));
    }

    String finAckFirst(boolean fromClient) {
        return t("Close 2/4, ACK of the FIN: %s confirms the peer's FIN; that direction is closed (half-close) but %s may still send.",
                "挥手 2/4，确认 FIN：%s确认对方的 FIN；对方那个方向关闭了（半关闭），%s仍可以继续发送。",
                side(fromClient), side(fromClient));
    }

    String finAckLast(boolean fromClient) {
        return t("Close 4/4, ACK of the last FIN: %s confirms the peer's FIN; it now waits in TIME_WAIT (2 × MSL) while the peer is CLOSED.",
                "挥手 4/4，确认最后一个 FIN：%s确认对方的 FIN；自己进入 TIME_WAIT（等待 2 × MSL），对方进入 CLOSED。",
                side(fromClient));
    }

    String reset(boolean fromClient) {
        return t("Reset, RST: %s aborts the connection at once; there is no FIN exchange and unread data is discarded.",
                "复位，RST：%s立即中止连接；不经过 FIN 挥手，未读的数据被丢弃。", side(fromClient));
    }

    String retransmission(boolean fromClient, String what) {
        return t("Retransmission: %s sends %s again because no acknowledgement came in time (retransmission timeout).",
                "重传：%s再次发送%s，因为没有及时收到确认（重传超时）。", side(fromClient), what);
    }

    String fastRetransmission(boolean fromClient, String what) {
        return t("Fast retransmission: %s sends %s again at once, because the peer's duplicate ACKs said it was missing.",
                "快速重传：对方的重复 ACK 表明数据缺失，%s立刻再次发送%s。", side(fromClient), what);
    }

    String spuriousRetransmission(boolean fromClient, String what) {
        return t("Spurious retransmission: %s sends %s again although the peer had already acknowledged it.",
                "虚假重传：对方其实已经确认过了，%s仍再次发送%s。", side(fromClient), what);
    }

    String outOfOrder(boolean fromClient, String what) {
        return t("Out-of-order: %s's %s starts before data already seen and came soon after it: reordered on the way rather than lost.",
                "乱序：%s的%s的序号在已出现的数据之前，且紧随其后到达：是途中顺序被打乱，而不是丢失。", side(fromClient), what);
    }

    String keepAlive(boolean fromClient) {
        return t("Keep-alive: %s sends a segment whose Seq is one below its next sequence number, to check that the peer is still there.",
                "保活（Keep-Alive）：%s发送一个序号比下一个序号小 1 的报文段，探测对方是否还在。", side(fromClient));
    }

    String keepAliveAck(boolean fromClient) {
        return t("Keep-alive ACK: %s answers the keep-alive; the connection is alive.",
                "保活确认：%s回应了保活报文，连接仍然有效。", side(fromClient));
    }

    String zeroWindowProbe(boolean fromClient) {
        return t("Zero-window probe: the peer's window is 0, so %s probes with one byte to learn when it opens again.",
                "零窗口探测：对方窗口为 0，%s用 1 字节探测窗口何时重新打开。", side(fromClient));
    }

    String zeroWindowProbeAck(boolean fromClient) {
        return t("ACK of a zero-window probe: %s's window is still 0.", "零窗口探测的确认：%s的窗口仍然是 0。", side(fromClient));
    }

    String duplicateAck(boolean fromClient, int n, long frame) {
        return t("Duplicate ACK #%d: %s repeats the acknowledgement of packet %d; it received a segment beyond a gap and asks again for the missing bytes.",
                "重复 ACK #%d：%s重复第 %d 号包的确认；它收到了缺口之后的报文段，再次索要缺失的数据。", n, side(fromClient), frame);
    }

    String zeroWindow(boolean fromClient) {
        return t("Zero window: %s's receive buffer is full (Win=0); the peer must stop sending until the window opens.",
                "零窗口：%s的接收缓冲区满了（Win=0）；对方必须暂停发送，直到窗口重新打开。", side(fromClient));
    }

    String windowUpdate(boolean fromClient) {
        return t("Window update: %s repeats its Seq and Ack and only changes the window: it has room to receive again.",
                "窗口更新：%s的 Seq 和 Ack 不变，只改变了窗口：又有空间接收数据了。", side(fromClient));
    }

    String other(String protocol) {
        return t("Not a TCP segment that tcpscope analyses (%s).", "不是 tcpscope 分析的 TCP 报文段（%s）。", protocol);
    }

    String whatSyn() { return t("its SYN", "SYN"); }

    String whatFin() { return t("its FIN", "FIN"); }

    String whatBytes(long from, long to) { return t("bytes %d..%d", "第 %d..%d 字节", from, to); }

    // ---- flags ------------------------------------------------------------------------------
    String flags(String hex, String bits) {
        return t("Flags %s = %s.", "标志位 %s = %s。", hex, bits);
    }

    String synFilter(String hex) {
        return t("%s & 0x02 = 0x02, not zero: that is why the filter tcp.flags & 0x02 matches SYNs (and SYN/ACKs).",
                "%s & 0x02 = 0x02，不为 0：这就是过滤器 tcp.flags & 0x02 能选出 SYN（以及 SYN/ACK）的原因。", hex);
    }

    String finFilter() {
        return t("The FIN bit (0x001) is set, so tcp.flags.fin == 1.", "FIN 位（0x001）置 1，所以 tcp.flags.fin == 1。");
    }

    String pushNote() {
        return t("PSH asks the receiver to hand the data to the application without waiting for more.",
                "PSH 要求接收方立即把数据交给应用程序，不必等待更多数据。");
    }

    // ---- sequence numbers --------------------------------------------------------------------
    String seqIsn(boolean client, long raw) {
        return t("Seq=0 (raw %d): %s's initial sequence number (ISN), chosen at random; relative numbers count from it, so it shows as 0. A SYN occupies one sequence number, so the first data byte will be Seq 1.",
                "Seq=0（原始值 %d）：%s的初始序号（ISN），随机选取；相对序号从它算起，所以显示为 0。SYN 占用一个序号，所以第一个数据字节的序号是 1。",
                raw, side(client));
    }

    String raw(long raw, long isn, long rel) {
        return t("raw %d = ISN %d + %d", "原始值 %d = ISN %d + %d", raw, isn, rel);
    }

    String seqContinues(long rel, String raw, long frame, String sum) {
        return t("Seq=%d (%s): continues after this side's packet %d: %s.",
                "Seq=%d（%s）：接在本方第 %d 号包之后：%s。", rel, raw, frame, sum);
    }

    String seqBehind(long rel, String raw, long expected) {
        return t("Seq=%d (%s) is below this side's next sequence number %d: these bytes were sent before.",
                "Seq=%d（%s）小于本方的下一个序号 %d：这些字节之前已经发过。", rel, raw, expected);
    }

    String seqAhead(long rel, String raw, long expected) {
        return t("Seq=%d (%s) is above this side's next sequence number %d: bytes %d..%d are missing from the capture.",
                "Seq=%d（%s）大于本方的下一个序号 %d：第 %d..%d 字节不在抓包里。", rel, raw, expected, expected, rel - 1);
    }

    String seqFirstSeen(long rel, long raw) {
        return t("Seq=%d (raw %d): the first segment seen from this side, without its SYN; relative numbers start at 1 here.",
                "Seq=%d（原始值 %d）：本方第一个被看到的报文段，没有看到它的 SYN；相对序号从这里的 1 开始。", rel, raw);
    }

    String nextData(long len, long first, long last, long seq, long next) {
        return t("It carries %d byte%s (sequence numbers %d..%d); the next Seq of this side is %d + %d = %d.",
                "携带 %d 字节（序号 %d..%d）；本方下一个 Seq 为 %d + %d = %d。",
                lang == Lang.EN ? new Object[] {len, len == 1 ? "" : "s", first, last, seq, len, next}
                        : new Object[] {len, first, last, seq, len, next});
    }

    String nextFin(long seq, long len, long next) {
        return t("The FIN occupies one sequence number: next Seq = %d + %d + 1 = %d.",
                "FIN 占用一个序号：下一个 Seq = %d + %d + 1 = %d。", seq, len, next);
    }

    String noData(long seq) {
        return t("No payload: the sequence number does not advance (next Seq is still %d).",
                "没有载荷：序号不前进（下一个 Seq 仍是 %d）。", seq);
    }

    // ---- acknowledgements -------------------------------------------------------------------
    String ackOfSyn(long rel, String raw, long frame, long peerSeq) {
        return t("Ack=%d (%s) = Seq %d + 1 of the SYN in packet %d (a SYN counts as one byte): it acknowledges packet %d.",
                "Ack=%d（%s）= 第 %d 号包中 SYN 的 Seq %d + 1（SYN 算一个字节）：确认第 %d 号包。", rel, raw,
                lang == Lang.EN ? peerSeq : frame, lang == Lang.EN ? frame : peerSeq, frame);
    }

    String ackOfData(long rel, String raw, long frame, long peerSeq, long peerLen) {
        return t("Ack=%d (%s) = Seq %d + Len %d of packet %d, the next byte expected: it acknowledges packet %d.",
                "Ack=%d（%s）= 第 %d 号包的 Seq %d + Len %d，即期望收到的下一个字节：确认第 %d 号包。", rel, raw,
                lang == Lang.EN ? peerSeq : frame, lang == Lang.EN ? peerLen : peerSeq, lang == Lang.EN ? frame : peerLen,
                frame);
    }

    String ackOfFin(long rel, String raw, long frame, long peerSeq, long peerLen) {
        return t("Ack=%d (%s) = Seq %d + Len %d + 1 for the FIN of packet %d: it acknowledges packet %d.",
                "Ack=%d（%s）= 第 %d 号包的 Seq %d + Len %d + 1（FIN 算一个序号）：确认第 %d 号包。", rel, raw,
                lang == Lang.EN ? peerSeq : frame, lang == Lang.EN ? peerLen : peerSeq, lang == Lang.EN ? frame : peerLen,
                frame);
    }

    String ackCovers(long first, long last) {
        return t("Together with it, packets %d to %d are now acknowledged.", "连同它一起，第 %d 到 %d 号包都已被确认。", first, last);
    }

    String ackSame(long rel, String raw, long frame) {
        return t("Ack=%d (%s): the same as in this side's packet %d; nothing new from the peer to acknowledge.",
                "Ack=%d（%s）：与本方第 %d 号包相同；对方没有新的数据需要确认。", rel, raw, frame);
    }

    String ackPartial(long rel, String raw, long frame) {
        return t("Ack=%d (%s): acknowledges part of packet %d.", "Ack=%d（%s）：确认了第 %d 号包的一部分。", rel, raw, frame);
    }

    String ackUnseen(long rel, String raw) {
        return t("Ack=%d (%s): acknowledges bytes that are not in the capture.", "Ack=%d（%s）：确认的字节不在抓包里。", rel, raw);
    }

    String ackPlain(long rel, String raw) {
        return t("Ack=%d (%s): the next byte expected from the peer.", "Ack=%d（%s）：期望从对方收到的下一个字节。", rel, raw);
    }

    String noAck(long raw) {
        return t("No ACK flag: the acknowledgement field (raw %d) means nothing yet.",
                "没有 ACK 标志：确认号字段（原始值 %d）此时没有意义。", raw);
    }

    // ---- options, window, payload -----------------------------------------------------------
    String options(String list) { return t("Options: %s.", "选项：%s。", list); }

    String optMss(int mss) {
        return t("MSS=%d, the largest payload this side accepts in one segment", "MSS=%d，本方一个报文段最多接收的载荷字节数", mss);
    }

    String optSackPerm() {
        return t("SACK_PERM, it can acknowledge non-contiguous blocks (selective ACK, RFC 2018)",
                "SACK_PERM，本方支持确认不连续的数据块（选择确认，RFC 2018）");
    }

    String optTimestamps(long val, long ecr) {
        return t("TSval=%d TSecr=%d, timestamps (RFC 7323) for measuring the RTT and rejecting old duplicates; TSecr echoes the peer's last TSval",
                "TSval=%d TSecr=%d，时间戳（RFC 7323），用于测量 RTT 和识别旧的重复报文；TSecr 回显对方最近的 TSval", val, ecr);
    }

    String optWindowScale(int shift, int factor) {
        return t("WS=%2$d, window scale shift %1$d: once both SYNs carry it, this side's Win field is multiplied by 2^%1$d = %2$d",
                "WS=%2$d，窗口扩大因子移位 %1$d：双方的 SYN 都带这个选项时，本方的 Win 字段要乘以 2^%1$d = %2$d", shift, factor);
    }

    String optSack(String blocks) {
        return t("SACK %s, blocks received beyond the acknowledged point", "SACK %s，在确认点之后已经收到的数据块", blocks);
    }

    String winSyn(long win) {
        return t("Win=%d: the receive space this side offers; the window of a SYN is never scaled.",
                "Win=%d：本方提供的接收空间；SYN 里的窗口从不扩大。", win);
    }

    String winScaled(long win, int raw, long factor, long frame) {
        return t("Win=%d = field %d × %d (window scale from this side's SYN, packet %d): bytes it can still receive.",
                "Win=%d = 字段值 %d × %d（窗口扩大因子来自本方第 %d 号包的 SYN）：本方还能接收的字节数。", win, raw, factor, frame);
    }

    String winPlain(long win) {
        return t("Win=%d: bytes this side can still receive (no window scaling).", "Win=%d：本方还能接收的字节数（未使用窗口扩大）。", win);
    }

    String winUnknown(long win) {
        return t("Win=%d: the raw field; the scale factor is unknown because the handshake was not captured.",
                "Win=%d：原始字段值；没有抓到握手，不知道窗口扩大因子。", win);
    }

    String winZero() {
        return t("Win=0: this side's receive buffer is full; the peer must pause.", "Win=0：本方接收缓冲区已满；对方必须暂停发送。");
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
                "前一个报文段没有抓到：在它之前有报文段不在抓包里。");
    }

    String ackLostSegment() {
        return t("ACKed unseen segment: it acknowledges data that the capture never showed.",
                "确认了未见过的报文段：它确认的数据从未出现在抓包里。");
    }

    String windowFull() {
        return t("Window full: this segment fills the receiver's advertised window exactly.",
                "窗口已满：这个报文段正好填满了接收方通告的窗口。");
    }

    String reusedPorts() {
        return t("Port numbers reused: a new connection on the same addresses and ports as an earlier one.",
                "端口复用：与之前的连接使用相同地址和端口的新连接。");
    }

    String zeroWindowNote() {
        return t("It also announces a zero window.", "它同时通告了零窗口。");
    }

    String ackRtt(String ms, long frame) {
        return t("Round-trip time from packet %2$d to this acknowledgement: %1$s ms.", "从第 %2$d 号包到这个确认的往返时间：%1$s 毫秒。", ms, frame);
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

    String reasonRst() { return t("the RST bit is set", "RST 位置 1"); }

    String reasonSyn() { return t("the SYN bit is set", "SYN 位置 1"); }

    String reasonFin() { return t("the FIN bit is set", "FIN 位置 1"); }

    String reasonHttp() { return t("one of the ports is 80", "其中一个端口是 80"); }

    String reasonTcp() {
        return t("a TCP segment that no earlier rule matches (no analysis problem, no SYN, FIN or RST)",
                "普通 TCP 报文段，前面的规则都不匹配（没有分析问题，没有 SYN、FIN、RST）");
    }

    String reasonFirst() { return t("the first rule in order whose filter matches", "按顺序第一条匹配的规则"); }

    // ---- summary ----------------------------------------------------------------------------
    String summaryTitle(int stream, String client, String server) {
        return t("Stream %d: client %s, server %s", "流 %d：客户端 %s，服务端 %s", stream, client, server);
    }

    String sumHandshake(long a, long b, long c, String rtt) {
        return t("Handshake: packets %d (SYN), %d (SYN/ACK), %d (ACK); initial RTT %s ms.",
                "握手：第 %d 号包（SYN）、第 %d 号包（SYN/ACK）、第 %d 号包（ACK）；初始 RTT %s 毫秒。", a, b, c, rtt);
    }

    String sumHandshakePartial(String seen) {
        return t("Handshake: only partly captured (%s).", "握手：只抓到一部分（%s）。", seen);
    }

    String sumNoHandshake() { return t("Handshake: not captured.", "握手：没有抓到。"); }

    String sumData(boolean fromClient, long bytes, long segments, long retransmitted) {
        return t("Data from %s to %s: %d bytes in %d segments%s.", "数据 %s → %s：%d 字节，%d 个报文段%s。",
                side(fromClient), side(!fromClient), bytes, segments,
                retransmitted == 0 ? "" : t(", %d bytes sent again", "，重发 %d 字节", retransmitted));
    }

    String sumClose(String steps) { return t("Close: %s.", "挥手：%s。", steps); }

    String sumFin(boolean fromClient, long frame) { return t("%s's FIN (packet %d)", "%s的 FIN（第 %d 号包）", side(fromClient), frame); }

    String sumAck(boolean fromClient, long frame) { return t("%s's ACK (packet %d)", "%s的 ACK（第 %d 号包）", side(fromClient), frame); }

    String sumFinAck(boolean fromClient, long frame) {
        return t("%s's FIN/ACK (packet %d)", "%s的 FIN/ACK（第 %d 号包）", side(fromClient), frame);
    }

    String sumFourWay() { return t("the four-way close", "四次挥手"); }

    String sumClosedFirst(boolean fromClient) {
        return t("%s closed first (active close), so %s keeps the connection in TIME_WAIT for 2 × MSL (60 s on Linux); %s went through CLOSE_WAIT and LAST_ACK.",
                "%s先关闭（主动关闭），所以%s在 TIME_WAIT 中保留连接 2 × MSL（Linux 上为 60 秒）；%s经过 CLOSE_WAIT 和 LAST_ACK。",
                Side(fromClient), side(fromClient), side(!fromClient));
    }

    String sumHalfClosed(boolean fromClient) {
        return t("Only %s closed its direction in the capture (half-close); the other direction stayed open.",
                "抓包中只有%s关闭了自己的方向（半关闭）；另一个方向仍然打开。", side(fromClient));
    }

    String sumReset(boolean fromClient, long frame) {
        return t("Ended by a reset from %s (packet %d); no TIME_WAIT.", "由%s的复位结束（第 %d 号包）；没有 TIME_WAIT。", side(fromClient), frame);
    }

    String sumOpen() { return t("Close: not in the capture; the connection was still open.", "挥手：不在抓包里；连接仍然打开。"); }

    String sumAnalysis(String list) { return t("Analysis: %s.", "分析：%s。", list); }

    String sumClean() {
        return t("Analysis: no retransmissions, duplicate ACKs, zero windows or resets.", "分析：没有重传、重复 ACK、零窗口或复位。");
    }

    String count(long n, String en, String zh) {
        return lang == Lang.EN ? n + " " + en + (n == 1 ? "" : "s") : n + " 个" + zh;
    }

    String countRetransmissions(long n) { return count(n, "retransmission", "重传"); }

    String countDupAcks(long n) { return count(n, "duplicate ACK", "重复 ACK"); }

    String countZeroWindows(long n) { return count(n, "zero window", "零窗口"); }

    String countKeepAlives(long n) { return count(n, "keep-alive", "保活"); }

    String countOutOfOrder(long n) { return count(n, "out-of-order segment", "乱序报文段"); }

    String countLost(long n) { return count(n, "missing segment", "缺失报文段"); }

    String ladderTitle(int stream, String client, String server) {
        return t("Ladder of stream %d (left: client %s, right: server %s)", "流 %d 的时序图（左：客户端 %s，右：服务端 %s）",
                stream, client, server);
    }

    String ladderTruncated(long n) {
        return t("... %d more packets not drawn", "…… 还有 %d 个包没有画出", n);
    }
}
