package dev.tcpscope.capture.ffi;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A stream that decompresses a zstd or LZ4-frame compressed capture with the system's libzstd or
 * liblz4, the libraries wiretap itself reads {@code .zst} and {@code .lz4} captures with. Both are
 * streaming decoders: compressed bytes go into a native input buffer, decoded bytes come out of a
 * native output buffer and are copied to the caller, so memory stays at two buffers whatever the
 * size of the file. Concatenated frames are decoded one after another.
 *
 * <p>Where the compressed input ends early, the stream ends with what could be decoded, as wiretap
 * does; the capture reader then reports a record cut short. Corrupt input is a
 * {@link CorruptException} with the library's own error name ("Data corruption detected").
 */
public abstract sealed class NativeInflater extends InputStream {
    /** Input and output buffer size, each. */
    private static final int BUFFER = 128 * 1024;

    private final InputStream source;
    final Arena arena = Arena.ofConfined();
    private final byte[] staging = new byte[BUFFER];
    final MemorySegment in = arena.allocate(BUFFER);
    final MemorySegment out = arena.allocate(BUFFER);
    /** Compressed bytes in {@link #in} from {@code inPos} to {@code inEnd}. */
    long inPos;
    long inEnd;
    private long outPos;
    private long outEnd;
    private boolean sourceDone;
    /** The last decode filled the output buffer, so the decoder may hold more without new input. */
    private boolean outputPending;
    private boolean closed;

    private NativeInflater(InputStream source) {
        this.source = source;
    }

    /** A zstd decoder over {@code source}; the library is libzstd.so.1 (Debian: libzstd1). */
    public static InputStream zstd(InputStream source) throws IOException {
        return new Zstd(source);
    }

    /** An LZ4 frame decoder over {@code source}; the library is liblz4.so.1 (Debian: liblz4-1). */
    public static InputStream lz4(InputStream source) throws IOException {
        return new Lz4(source);
    }

    /**
     * Decodes from {@code in[inPos, inEnd)} into {@code out[0, BUFFER)}, advancing {@link #inPos}.
     *
     * @return the number of bytes written to {@link #out}
     */
    abstract long decode() throws IOException;

    /** Frees the library's decoder state. */
    abstract void release();

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (outPos == outEnd) {
            if (inPos == inEnd && !outputPending && (sourceDone || !refill())) {
                return -1;
            }
            long before = inPos;
            outPos = 0;
            outEnd = decode();
            outputPending = outEnd == BUFFER;
            if (outEnd == 0 && inPos == before && inPos < inEnd) {
                // the decoder took nothing and gave nothing: more input is needed than is buffered
                compactAndRefill();
            }
        }
        int n = (int) Math.min(len, outEnd - outPos);
        MemorySegment.copy(out, ValueLayout.JAVA_BYTE, outPos, b, off, n);
        outPos += n;
        return n;
    }

    private boolean refill() throws IOException {
        inPos = 0;
        inEnd = 0;
        int got = source.read(staging, 0, BUFFER);
        if (got <= 0) {
            sourceDone = true;
            return false;
        }
        MemorySegment.copy(staging, 0, in, ValueLayout.JAVA_BYTE, 0, got);
        inEnd = got;
        return true;
    }

    private void compactAndRefill() throws IOException {
        long left = inEnd - inPos;
        MemorySegment.copy(in, inPos, in, 0, left);
        inPos = 0;
        inEnd = left;
        int got = source.read(staging, 0, (int) (BUFFER - left));
        if (got <= 0) {
            sourceDone = true;
            inEnd = 0; // an incomplete frame at the end: stop with what was decoded
            return;
        }
        MemorySegment.copy(staging, 0, in, ValueLayout.JAVA_BYTE, left, got);
        inEnd = left + got;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            release();
        } finally {
            arena.close();
            source.close();
        }
    }

    static SymbolLookup library(String name) {
        try {
            return SymbolLookup.libraryLookup(name, Arena.global());
        } catch (IllegalArgumentException notFound) {
            return null;
        }
    }

    static MethodHandle down(SymbolLookup lib, String name, FunctionDescriptor fd) {
        return lib == null ? null
                : lib.find(name).map(a -> Linker.nativeLinker().downcallHandle(a, fd)).orElse(null);
    }

    /** The library found the compressed data corrupt; the message is its error name. */
    public static final class CorruptException extends IOException {
        CorruptException(String libraryError) {
            super(libraryError);
        }
    }

    /**
     * Both libraries report an error as a {@code size_t} their {@code isError} recognises and
     * their {@code getErrorName} names.
     */
    static void checkResult(MethodHandle isError, MethodHandle errorName, long rc) throws IOException {
        try {
            if ((int) isError.invokeExact(rc) != 0) {
                throw new CorruptException(cString((MemorySegment) errorName.invokeExact(rc)));
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static String cString(MemorySegment p) {
        return p.equals(MemorySegment.NULL) ? "unknown error" : p.reinterpret(1024).getString(0);
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /** libzstd's streaming decoder: {@code ZSTD_decompressStream} over in/out buffer structs. */
    private static final class Zstd extends NativeInflater {
        private static final SymbolLookup LIB = library("libzstd.so.1");
        private static final MethodHandle CREATE = down(LIB, "ZSTD_createDStream", FunctionDescriptor.of(ADDRESS));
        private static final MethodHandle FREE = down(LIB, "ZSTD_freeDStream", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        private static final MethodHandle INIT = down(LIB, "ZSTD_initDStream", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        private static final MethodHandle DECOMPRESS = down(LIB, "ZSTD_decompressStream",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, ADDRESS));
        private static final MethodHandle IS_ERROR = down(LIB, "ZSTD_isError", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
        private static final MethodHandle ERROR_NAME = down(LIB, "ZSTD_getErrorName", FunctionDescriptor.of(ADDRESS, JAVA_LONG));

        /** ZSTD_inBuffer and ZSTD_outBuffer: pointer, size, pos (24 bytes on LP64). */
        private final MemorySegment inBuffer;
        private final MemorySegment outBuffer;
        private final MemorySegment stream;

        Zstd(InputStream source) throws IOException {
            super(source);
            if (DECOMPRESS == null || ERROR_NAME == null || CREATE == null) {
                throw new IOException("reading zstd-compressed captures needs libzstd "
                        + "(apt-get install libzstd1)");
            }
            inBuffer = arena.allocate(24);
            outBuffer = arena.allocate(24);
            try {
                stream = (MemorySegment) CREATE.invokeExact();
                check((long) INIT.invokeExact(stream));
            } catch (IOException e) {
                throw e;
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        private static void check(long rc) throws IOException {
            checkResult(IS_ERROR, ERROR_NAME, rc);
        }

        @Override
        long decode() throws IOException {
            inBuffer.set(ADDRESS, 0, in);
            inBuffer.set(JAVA_LONG, 8, inEnd);
            inBuffer.set(JAVA_LONG, 16, inPos);
            outBuffer.set(ADDRESS, 0, out);
            outBuffer.set(JAVA_LONG, 8, out.byteSize());
            outBuffer.set(JAVA_LONG, 16, 0L);
            try {
                check((long) DECOMPRESS.invokeExact(stream, outBuffer, inBuffer));
            } catch (IOException e) {
                throw e;
            } catch (Throwable t) {
                throw rethrow(t);
            }
            inPos = inBuffer.get(JAVA_LONG, 16);
            return outBuffer.get(JAVA_LONG, 16);
        }

        @Override
        void release() {
            try {
                long ignored = (long) FREE.invokeExact(stream);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }

    /** liblz4's frame decoder: {@code LZ4F_decompress} with in/out sizes passed by pointer. */
    private static final class Lz4 extends NativeInflater {
        private static final SymbolLookup LIB = library("liblz4.so.1");
        private static final int LZ4F_VERSION = 100;
        private static final MethodHandle CREATE = down(LIB, "LZ4F_createDecompressionContext",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_INT));
        private static final MethodHandle FREE = down(LIB, "LZ4F_freeDecompressionContext",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        private static final MethodHandle DECOMPRESS = down(LIB, "LZ4F_decompress",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        private static final MethodHandle IS_ERROR = down(LIB, "LZ4F_isError", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
        private static final MethodHandle ERROR_NAME = down(LIB, "LZ4F_getErrorName", FunctionDescriptor.of(ADDRESS, JAVA_LONG));

        private final MemorySegment context;
        /** The two {@code size_t} in/out sizes LZ4F_decompress reads and updates. */
        private final MemorySegment sizes = arena.allocate(16);

        Lz4(InputStream source) throws IOException {
            super(source);
            if (DECOMPRESS == null || CREATE == null || ERROR_NAME == null) {
                throw new IOException("reading lz4-compressed captures needs liblz4 "
                        + "(apt-get install liblz4-1)");
            }
            MemorySegment holder = arena.allocate(ADDRESS);
            try {
                check((long) CREATE.invokeExact(holder, LZ4F_VERSION));
            } catch (IOException e) {
                throw e;
            } catch (Throwable t) {
                throw rethrow(t);
            }
            context = holder.get(ADDRESS, 0);
        }

        private static void check(long rc) throws IOException {
            checkResult(IS_ERROR, ERROR_NAME, rc);
        }

        @Override
        long decode() throws IOException {
            sizes.set(JAVA_LONG, 0, out.byteSize());
            sizes.set(JAVA_LONG, 8, inEnd - inPos);
            try {
                check((long) DECOMPRESS.invokeExact(context, out, sizes, in.asSlice(inPos),
                        sizes.asSlice(8), MemorySegment.NULL));
            } catch (IOException e) {
                throw e;
            } catch (Throwable t) {
                throw rethrow(t);
            }
            inPos += sizes.get(JAVA_LONG, 8);
            return sizes.get(JAVA_LONG, 0);
        }

        @Override
        void release() {
            try {
                long ignored = (long) FREE.invokeExact(context);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }
}
