package dev.tcpscope.proto.telnet;

/**
 * packet-telnet.c's table of options (4.0.17), by option code: the name, how long a suboption's
 * parameters must be, and which dissector shows them (none: "Option data").
 */
final class Options {
    private Options() { }

    /** tn_opt_len_type. */
    enum Length { NONE, FIXED, VARIABLE }

    /** The suboption dissectors 4.0 has; {@code DATA} for the options without one. */
    enum Kind { DATA, STRING, OUTMARK, HTSTOPS, NAWS, RFC, AUTH, ENC, STARTTLS, REGIME, TN3270E, COMPORT }

    record Option(String name, Length length, int min, Kind kind) { }

    private static Option o(String name, Length length, int min, Kind kind) {
        return new Option(name, length, min, kind);
    }

    private static final Length N = Length.NONE, F = Length.FIXED, V = Length.VARIABLE;
    private static final Kind D = Kind.DATA;

    private static final Option[] TABLE = {
        o("Binary Transmission", N, 0, D),
        o("Echo", N, 0, D),
        o("Reconnection", N, 0, D),
        o("Suppress Go Ahead", N, 0, D),
        o("Approx Message Size Negotiation", N, 0, D),
        o("Status", V, 1, D),
        o("Timing Mark", N, 0, D),
        o("Remote Controlled Trans and Echo", V, 1, D),
        o("Output Line Width", V, 0, D),
        o("Output Page Size", V, 0, D),
        o("Output Carriage-Return Disposition", F, 2, D),
        o("Output Horizontal Tab Stops", V, 1, Kind.HTSTOPS),
        o("Output Horizontal Tab Disposition", F, 2, D),
        o("Output Formfeed Disposition", F, 2, D),
        o("Output Vertical Tabstops", V, 1, D),
        o("Output Vertical Tab Disposition", F, 2, D),
        o("Output Linefeed Disposition", F, 2, D),
        o("Extended ASCII", F, 2, D),
        o("Logout", N, 0, D),
        o("Byte Macro", V, 2, D),
        o("Data Entry Terminal", V, 2, D),
        o("SUPDUP", N, 0, D),
        o("SUPDUP Output", V, 1, D),
        o("Send Location", V, 0, D),
        o("Terminal Type", V, 1, Kind.STRING),
        o("End of Record", N, 0, D),
        o("TACACS User Identification", F, 4, D),
        o("Output Marking", V, 1, Kind.OUTMARK),
        o("Terminal Location Number", V, 1, D),
        o("Telnet 3270 Regime", V, 1, Kind.REGIME),
        o("X.3 PAD", V, 1, D),
        o("Negotiate About Window Size", F, 4, Kind.NAWS),
        o("Terminal Speed", V, 1, D),
        o("Remote Flow Control", F, 1, Kind.RFC),
        o("Linemode", V, 1, D),
        o("X Display Location", V, 1, Kind.STRING),
        o("Environment Option", V, 1, D),
        o("Authentication Option", V, 1, Kind.AUTH),
        o("Encryption Option", V, 1, Kind.ENC),
        o("New Environment Option", V, 1, D),
        o("TN3270E", V, 1, Kind.TN3270E),
        o("XAUTH", V, 1, D),
        o("CHARSET", V, 1, D),
        o("Remote Serial Port", V, 1, D),
        o("COM Port Control", V, 1, Kind.COMPORT),
        o("Suppress Local Echo", N, 0, D),
        o("Start TLS", F, 1, Kind.STARTTLS),
        o("KERMIT", V, 1, D),
        o("SEND-URL", V, 1, D),
        o("FORWARD_X", V, 1, D),
    };

    private static final Option UNKNOWN = o("<unknown option>", V, 0, D);

    static Option of(int code) {
        return code < TABLE.length ? TABLE[code] : UNKNOWN;
    }

    static String name(int code) {
        return of(code).name();
    }
}
