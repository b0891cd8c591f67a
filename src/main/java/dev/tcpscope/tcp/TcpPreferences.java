package dev.tcpscope.tcp;

import java.util.Locale;

/**
 * tshark's TCP preferences ({@code -o tcp.NAME:VALUE}), registered in {@code packet-tcp.c}'s
 * {@code proto_register_tcp} with the defaults of Wireshark 4.0.17. {@link #set} takes one
 * {@code name:value} as tshark's {@code prefs_set_pref} does: a Boolean is true only for
 * {@code TRUE} in any case (anything else is false, without complaint, as in
 * {@code epan/prefs.c}); an unknown name is refused with tshark's message.
 *
 * <p>What tcpscope applies: {@code relative_sequence_numbers} and {@code analyze_sequence_numbers}
 * (the analysis, then, is off and numbers are absolute, as in tshark). The other preferences are
 * carried for the stages that read them (the stream reassembly reads {@code desegment_tcp_streams}).
 */
public final class TcpPreferences {
    public boolean summaryInTree = true;
    public boolean checkChecksum = false;
    public boolean desegmentTcpStreams = true;
    public boolean reassembleOutOfOrder = false;
    public boolean analyzeSequenceNumbers = true;
    public boolean relativeSequenceNumbers = true;
    /** {@code default_window_scaling}: -2 (not known), -1 (no scaling) or a shift 0..14. */
    public int defaultWindowScaling = -2;
    public boolean trackBytesInFlight = true;
    public boolean bifSeqBased = false;
    public boolean calculateTimestamps = true;
    public boolean tryHeuristicFirst = false;
    public boolean ignoreTcpTimestamps = false;
    public boolean fastrtSupersedesOoo = true;
    public boolean noSubdissectorOnError = true;
    public boolean dissectExperimentalOptionsRfc6994 = true;
    public boolean displayProcessInfoFromIpfix = false;
    public boolean readSeqAsSynCookie = false;

    /** Thrown with tshark's message (without the program name) for a bad {@code -o}. */
    public static final class PreferenceException extends Exception {
        PreferenceException(String message) {
            super(message);
        }
    }

    /**
     * Applies one {@code -o} argument. Preferences of other modules than {@code tcp} that tshark
     * knows are not tcpscope's to change; they are refused as unknown here.
     */
    public void set(String argument) throws PreferenceException {
        int colon = argument.indexOf(':');
        if (colon <= 0) {
            throw new PreferenceException("Invalid -o flag \"" + argument + "\"");
        }
        String name = argument.substring(0, colon).trim();
        String value = argument.substring(colon + 1).trim();
        boolean on = value.toUpperCase(Locale.ROOT).equals("TRUE");
        switch (name) {
            case "tcp.summary_in_tree" -> summaryInTree = on;
            case "tcp.check_checksum" -> checkChecksum = on;
            case "tcp.desegment_tcp_streams" -> desegmentTcpStreams = on;
            case "tcp.reassemble_out_of_order" -> reassembleOutOfOrder = on;
            case "tcp.analyze_sequence_numbers" -> analyzeSequenceNumbers = on;
            case "tcp.relative_sequence_numbers" -> relativeSequenceNumbers = on;
            case "tcp.track_bytes_in_flight" -> trackBytesInFlight = on;
            case "tcp.bif_seq_based" -> bifSeqBased = on;
            case "tcp.calculate_timestamps" -> calculateTimestamps = on;
            case "tcp.try_heuristic_first" -> tryHeuristicFirst = on;
            case "tcp.ignore_tcp_timestamps" -> ignoreTcpTimestamps = on;
            case "tcp.fastrt_supersedes_ooo" -> fastrtSupersedesOoo = on;
            case "tcp.no_subdissector_on_error" -> noSubdissectorOnError = on;
            case "tcp.dissect_experimental_options_rfc6994" -> dissectExperimentalOptionsRfc6994 = on;
            case "tcp.display_process_info_from_ipfix" -> displayProcessInfoFromIpfix = on;
            case "tcp.read_seq_as_syn_cookie" -> readSeqAsSynCookie = on;
            case "tcp.default_window_scaling" -> defaultWindowScaling = windowScaling(value);
            case "tcp.window_scaling" -> throw new PreferenceException("-o flag \"" + argument + "\" specifies obsolete preference");
            default -> throw new PreferenceException("-o flag \"" + argument + "\" specifies unknown preference");
        }
    }

    /** The enum of {@code default_window_scaling}: its description or its value name, as prefs.c matches either. */
    private static int windowScaling(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.equals("-2") || v.startsWith("not known")) {
            return -2;
        }
        if (v.equals("-1") || v.startsWith("no window scaling")) {
            return -1;
        }
        for (int shift = 0; shift <= 14; shift++) {
            if (v.equals(String.valueOf(shift)) || v.startsWith(shift + " (")) {
                return shift;
            }
        }
        return -2; // prefs.c leaves an enum unchanged for a value it does not know, without complaint
    }

    /** Whether Seq and Ack are shown relative to each side's first sequence number (needs the analysis, as in tshark). */
    public boolean relative() {
        return relativeSequenceNumbers && analyzeSequenceNumbers;
    }
}
