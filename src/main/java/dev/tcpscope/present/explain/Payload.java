package dev.tcpscope.present.explain;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The payload line of an explanation: the bytes as quoted text when they are text, else their first bytes in hex. */
final class Payload {
    /** Payload shown as text up to this many characters. */
    private static final int MAX_TEXT = 80;

    private Payload() { }

    static String line(Text text, MemorySegment s, long at, long captured, long len) {
        byte[] bytes = new byte[(int) Math.min(captured, 4096)];
        MemorySegment.copy(s, java.lang.foreign.ValueLayout.JAVA_BYTE, at, bytes, 0, bytes.length);
        String decoded = printable(bytes);
        if (decoded != null) {
            return text.payloadText(len, quote(decoded));
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(16, bytes.length); i++) {
            hex.append(String.format(Locale.ROOT, "%02x ", bytes[i] & 0xff));
        }
        return text.payloadBinary(len, hex.append("...").toString());
    }

    /** The bytes as text when they are UTF-8 without control characters (tab and line ends allowed). */
    static String printable(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isISOControl(c) && c != '\r' && c != '\n' && c != '\t') {
                    return null;
                }
            }
            return s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        int n = 0;
        for (int i = 0; i < s.length() && n < MAX_TEXT; i++, n++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> q.append("\\r");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                case '"' -> q.append("\\\"");
                default -> q.append(c);
            }
        }
        q.append('"');
        if (n < s.length()) {
            q.append("...");
        }
        return q.toString();
    }

}
