package dev.tcpscope.spark;

import dev.tcpscope.capture.CaptureInterface;
import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.frame.Frame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several captures read as the one capture {@code mergecap} would write from them: records in
 * time order (the earliest first; on equal times the file named first), numbered from 1 across
 * all files. A ring buffer of files is so read back as the capture it was cut from, and a TCP
 * connection that spans two files is analysed as one.
 */
final class MergedReader implements CaptureReader {
    private final List<String> names;
    private final CaptureReader[] readers;
    private final Frame[] heads;
    private final boolean[] live;
    private int last = -1;
    private long number;

    MergedReader(List<String> paths) throws IOException {
        this.names = List.copyOf(paths);
        this.readers = new CaptureReader[paths.size()];
        this.heads = new Frame[paths.size()];
        this.live = new boolean[paths.size()];
        try {
            for (int i = 0; i < readers.length; i++) {
                readers[i] = Captures.open(Path.of(paths.get(i)), paths.get(i));
                heads[i] = new Frame();
                live[i] = readers[i].next(heads[i]);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The file of the record {@link #next} returned last. */
    String currentName() {
        return last < 0 ? names.getFirst() : names.get(last);
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        if (last >= 0) {
            // the record handed out last may point into its reader's buffer: advance only now
            live[last] = readers[last].next(heads[last]);
        }
        int best = -1;
        for (int i = 0; i < readers.length; i++) {
            if (live[i] && (best < 0 || earlier(heads[i], heads[best]))) {
                best = i;
            }
        }
        last = best;
        if (best < 0) {
            return false;
        }
        Frame h = heads[best];
        frame.set(++number, h.seconds(), h.nanos(), h.timestampDigits(), h.linkType(), h.interfaceId(),
                h.segment(), h.offset(), h.capturedLength(), h.originalLength());
        if (h.fcsLength() >= 0) {
            frame.setFcsLength(h.fcsLength());
        }
        if (h.kind() != Frame.Kind.PACKET || !h.hasTimestamp()) {
            frame.setRecord(h.kind(), h.hasTimestamp());
            frame.setCustomBlock(h.customBlockPen(), h.customBlockCopyable());
        }
        return true;
    }

    private static boolean earlier(Frame a, Frame b) {
        return a.seconds() < b.seconds() || (a.seconds() == b.seconds() && a.nanos() < b.nanos());
    }

    @Override
    public List<CaptureInterface> interfaces() {
        return last < 0 ? List.of() : readers[last].interfaces();
    }

    @Override
    public String format() {
        return "merged";
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (CaptureReader r : readers) {
            if (r != null) {
                try {
                    r.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
