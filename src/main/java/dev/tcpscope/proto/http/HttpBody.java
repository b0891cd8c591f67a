package dev.tcpscope.proto.http;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A message body as packet-http.c handles it after the headers: the chunked transfer coding
 * removed ({@code chunked_encoding_dissector}), then a gzip or deflate content coding undone
 * ({@link dev.tcpscope.wire.Zlib}), then handed to the media
 * dissector, to the data dissector, or to nothing. What it decides is kept so that the Info
 * column, the tree and {@code http.file_data} agree.
 */
public final class HttpBody {
    /** Where the body ended up (the branches of dissect_http_message after "datalen > 0"). */
    enum Outcome {
        /** Chunked, but no chunk could be read, or a single empty one: nothing more shown. */
        NO_CHUNKS,
        /** A gzip/deflate/compress transfer coding: the bytes as data. */
        TRANSFER_CODED,
        /** A content coding that could not be undone: the bytes as data under the encoded-entity item. */
        UNDECODED,
        /** File Data of zero bytes. */
        EMPTY,
        /** Handed to the media dissector (a Content-Type was given). */
        MEDIA,
        /** Handed to the data dissector (no Content-Type). */
        DATA
    }

    Outcome outcome;
    /** Offset (from the message's base) and length of the body bytes on the wire. */
    int offset, wireLength;
    /** The de-chunked bytes (null when not chunked) and the decompressed ones (null when not coded). */
    byte[] dechunked, decoded;
    /** Length of the encoded entity (after de-chunking) and whether decoding was tried and failed. */
    int encodedLength;
    /** The chunks: for each, offset of its size line, offset of its data, its size (packet-http.c clips it). */
    int[] chunkLine = new int[0], chunkData = new int[0], chunkSize = new int[0];
    int chunks;
    /** The trailer part (offset, length; length 0 when none) and the final CRLF (offset, length; −1 when not found). */
    int trailerOffset, trailerLength, finalCrlfOffset, finalCrlfLength = -1;
    /** Bytes the chunked body took on the wire (0 when none was read). */
    int chunkedLength;
    private MemorySegment s;
    private long base;

    /** The bytes after all codings, as {@code http.file_data} and the media dissector see them. */
    byte[] fileData() {
        if (decoded != null) {
            return decoded;
        }
        if (dechunked != null) {
            return dechunked;
        }
        return outcome == Outcome.MEDIA || outcome == Outcome.DATA || outcome == Outcome.EMPTY
                ? Http.bytes(s, base + offset, wireLength) : null;
    }

    /** The length of {@link #fileData()}, without copying it. */
    int fileLength() {
        return decoded != null ? decoded.length : dechunked != null ? dechunked.length : wireLength;
    }

    /**
     * The media dissector that takes the body (packet-http.c): the one {@code mediaType} names
     * if it accepts the bytes, else the first "http" heuristic that does; null when none does, or
     * the body goes elsewhere (no bytes, a transfer or content coding left undone, the data
     * dissector's own type).
     */
    dev.tcpscope.proto.Media.Dissector claimant(String mediaType) {
        if (outcome != Outcome.MEDIA && outcome != Outcome.DATA || HttpMedia.DATA.equals(mediaType) && outcome == Outcome.MEDIA) {
            return null;
        }
        MemorySegment fs = fileSegment();
        long fo = fileOffset();
        int n = fileLength();
        dev.tcpscope.proto.Media.Dissector d = outcome == Outcome.MEDIA ? dev.tcpscope.proto.Media.byType(mediaType) : null;
        if (d != null && d.accepts(fs, fo, n)) {
            return d;
        }
        return dev.tcpscope.proto.Media.heuristic(fs, fo, n);
    }

    /**
     * Where {@link #fileData()} is (the data source tshark reads it from): the decoded or
     * de-chunked array, or the dissected bytes; {@link #fileOffset()} within it.
     */
    MemorySegment fileSegment() {
        byte[] b = decoded != null ? decoded : dechunked;
        return b != null ? MemorySegment.ofArray(b) : s;
    }

    long fileOffset() {
        return decoded != null || dechunked != null ? 0 : base + offset;
    }

    /** Where {@link #entity()} is: the de-chunked array, or the dissected bytes; {@link #entityOffset()} within it. */
    MemorySegment entitySegment() {
        return dechunked != null ? MemorySegment.ofArray(dechunked) : s;
    }

    long entityOffset() {
        return dechunked != null ? 0 : base + offset;
    }

    /** The entity as it was before content decoding (de-chunked, or as on the wire). */
    byte[] entity() {
        return dechunked != null ? dechunked : Http.bytes(s, base + offset, wireLength);
    }

    /**
     * Works out the body of {@code m}, whose {@code datalen} bytes start at {@code m.headerEnd};
     * returns the bytes it takes on the wire (the chunked length when chunked).
     */
    static int dissect(HttpMessage m, int datalen) {
        HttpBody b = new HttpBody();
        m.body = b;
        b.s = m.source;
        b.base = m.base;
        b.offset = m.headerEnd;
        b.wireLength = datalen;
        int used = datalen;
        if (m.chunked) {
            // the chunks are read from all the bytes that follow, as packet-http.c hands them over
            int consumed = b.dechunk(m.headerEnd, m.rest);
            if (consumed == 0) {
                b.outcome = Outcome.NO_CHUNKS;
                return datalen;
            }
            used = consumed;
            b.wireLength = consumed;
        }
        switch (m.te) {
            case HttpMessage.TE_COMPRESS, HttpMessage.TE_DEFLATE, HttpMessage.TE_GZIP -> {
                b.outcome = Outcome.TRANSFER_CODED;
                return used;
            }
            default -> { }
        }
        byte[] entity = null;
        if (m.contentEncoding != null && !m.contentEncoding.equalsIgnoreCase("identity")) {
            entity = b.entity();
            b.encodedLength = entity.length;
            String ce = m.contentEncoding.toLowerCase(java.util.Locale.ROOT);
            if (ce.equals("gzip") || ce.equals("deflate") || ce.equals("x-gzip") || ce.equals("x-deflate")) {
                b.decoded = dev.tcpscope.wire.Zlib.uncompress(entity);
            } else if (ce.equals("br")) {
                b.decoded = brotli(entity);
            }
            if (b.decoded == null) {
                b.outcome = Outcome.UNDECODED;
                return used;
            }
        }
        byte[] file = b.fileData();
        int fileLength = file == null ? datalen : file.length;
        if (fileLength == 0) {
            b.outcome = Outcome.EMPTY;
        } else {
            b.outcome = m.contentType != null ? Outcome.MEDIA : Outcome.DATA;
        }
        return used;
    }

    /**
     * packet-http.c chunked_encoding_dissector over {@code avail} bytes from {@code start}: the
     * size line's hex number (strtol: a bad one reads as 0, the last chunk), sizes clipped to the
     * bytes there are, the trailer and the final CRLF. Returns the bytes used (0: none).
     */
    private int dechunk(int start, int avail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = start;
        int end = start + avail;
        int datalen = avail;
        int[] next = new int[1];
        while (datalen > 0) {
            int l = Http.lineEnd(s, base + at, end - at, next);
            if (l == -1) {
                l = end - at; // with no line end the line runs to the end (tvb_find_line_end)
                next[0] = end - at;
            }
            if (l <= 0) {
                break;
            }
            int size = strtolHex(Http.ascii(s, base + at, l));
            if (size > datalen || size < 0) {
                size = datalen;
            }
            int dataAt = at + next[0];
            if (dataAt + size > end) {
                size = Math.max(0, end - dataAt); // the copy would run out of bytes: take what is there
                truncatedChunk = true;
                truncatedAt = chunks;
            }
            addChunk(at, dataAt, size);
            out.write(Http.bytes(s, base + dataAt, size), 0, size);
            at = dataAt + size;
            if (size > 0) {
                at += 2;
            }
            datalen = end - at;
            if (size == 0) {
                int trailerAt = at;
                int headerFieldLen;
                int trailerLen;
                do {
                    trailerLen = trailerAt - at;
                    headerFieldLen = datalen - trailerLen <= 0 ? -1
                            : Http.lineEnd(s, base + trailerAt, datalen - trailerLen, next);
                    if (headerFieldLen >= 0) {
                        trailerAt += next[0];
                    }
                } while (headerFieldLen > 0);
                if (trailerLen > 0) {
                    trailerOffset = at;
                    trailerLength = trailerLen;
                    at += trailerLen;
                    datalen -= trailerLen;
                }
                if (headerFieldLen == 0) {
                    finalCrlfOffset = at;
                    finalCrlfLength = trailerAt - at;
                    datalen -= trailerAt - at;
                }
                break;
            }
        }
        if (datalen < avail) {
            dechunked = out.toByteArray();
        }
        chunkedLength = avail - datalen;
        return chunkedLength;
    }

    /** A chunk's data ran past the bytes there are (tshark's copy throws there). */
    boolean truncatedChunk;
    /** With {@link #truncatedChunk}: the index of that chunk, whose items tshark's exception keeps from the tree. */
    int truncatedAt;

    private void addChunk(int line, int data, int size) {
        if (chunks == chunkLine.length) {
            int n = Math.max(4, chunks * 2);
            chunkLine = Arrays.copyOf(chunkLine, n);
            chunkData = Arrays.copyOf(chunkData, n);
            chunkSize = Arrays.copyOf(chunkSize, n);
        }
        chunkLine[chunks] = line;
        chunkData[chunks] = data;
        chunkSize[chunks] = size;
        chunks++;
    }

    MemorySegment segment() { return s; }

    long base() { return base; }

    /** C's strtol(text, NULL, 16) as a 32-bit chunk size: leading space, a sign, "0x", hex digits. */
    static int strtolHex(String t) {
        int semi = t.indexOf(';');
        if (semi >= 0) {
            t = t.substring(0, semi);
        }
        int i = 0;
        int n = t.length();
        while (i < n && (t.charAt(i) == ' ' || t.charAt(i) >= 9 && t.charAt(i) <= 13)) {
            i++;
        }
        boolean negative = false;
        if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            negative = t.charAt(i) == '-';
            i++;
        }
        if (i + 1 < n && t.charAt(i) == '0' && (t.charAt(i + 1) == 'x' || t.charAt(i + 1) == 'X')
                && i + 2 < n && Character.digit(t.charAt(i + 2), 16) >= 0) {
            i += 2;
        }
        long v = 0;
        while (i < n && Character.digit(t.charAt(i), 16) >= 0) {
            v = Math.min(v * 16 + Character.digit(t.charAt(i), 16), Long.MAX_VALUE / 32);
            i++;
        }
        long r = negative ? -v : v;
        r = Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, r)); // strtol saturates at LONG_MAX
        return (int) r;
    }

    /**
     * epan/tvbuff_brotli.c tvb_uncompress_brotli: the whole stream, or, when the input ends
     * before the stream does (segments not captured), what was made of it if anything; null
     * for nothing to decode, a corrupt stream or bytes left after its end.
     */
    public static byte[] brotli(byte[] c) {
        if (c.length == 0) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (org.brotli.dec.BrotliInputStream in = new org.brotli.dec.BrotliInputStream(new java.io.ByteArrayInputStream(c))) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                if (out.size() > Integer.MAX_VALUE - 2 * buf.length) {
                    return null; // tshark gives up past INT_MAX bytes
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (java.io.IOException | RuntimeException e) {
            return inputEnded(e) && out.size() > 0 ? out.toByteArray() : null;
        }
    }

    /** Whether the decoder stopped for want of input (BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT), not on corrupt data. */
    private static boolean inputEnded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("end of input") || m.contains("No more input"))) {
                return true;
            }
        }
        return false;
    }
}
