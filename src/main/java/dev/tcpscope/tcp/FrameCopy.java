package dev.tcpscope.tcp;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.EtherTrailer;
import dev.tcpscope.wire.SegmentCopies;

/**
 * A copy of what the packet list reads of the frame a {@link Decoder} has just decoded, with the
 * bytes its layers lie in, so that the list line can be built after the decoder has gone on to
 * later frames (on another thread: {@code cli.ListPipeline}). Reused: each {@link #copyOf}
 * replaces the previous copy.
 */
public final class FrameCopy implements Decoded {
    private final Frame frame = new Frame();
    private final Dissection dissection = new Dissection();
    private Dissection quote;
    private final TcpRecord record = new TcpRecord();
    private boolean hasTcp;
    private AppColumns app;
    private boolean hasApp;
    private final IcmpEchoes echoes = new IcmpEchoes();
    private final EtherTrailer trailer = new EtherTrailer();
    private boolean trailerDone;
    private boolean tree;
    private long[] sctpBases = {-1, -1};

    @Override
    public long[] sctpBases() { return sctpBases; }

    /** Copies the frame {@code d} decoded last, its bytes into {@code copies}. */
    public void copyOf(Decoder d, SegmentCopies copies) {
        Frame f = d.frame();
        Dissection layers = d.dissection();
        copies.begin();
        copies.need(f.segment(), f.offset(), f.offset());
        layers.gather(copies, f.segment(), f.offset(), f.offset() + f.capturedLength());
        copies.copy();
        frame.copyOf(f, copies.to(f.segment()), f.offset() - copies.shift(f.segment()));
        if (layers.quote() != null && quote == null) {
            quote = new Dissection();
        }
        dissection.copyOf(layers, copies, quote);
        TcpRecord r = d.tcp();
        hasTcp = r != null;
        if (hasTcp) {
            record.copyOf(r);
        }
        AppColumns a = d.appColumns();
        hasApp = a != null;
        if (hasApp) {
            if (app == null) {
                app = new AppColumns();
            }
            app.copyOf(a);
        }
        echoes.copyAnswer(d.echoes());
        sctpBases = d.sctpBases();
        trailerDone = false;
        tree = d.treeWanted();
    }

    /** Copies only the frame's record (number, times, lengths) of the frame {@code d} decoded last: for a frame a filter hides. */
    public void copyHidden(Decoder d) {
        frame.copyOf(d.frame(), java.lang.foreign.MemorySegment.NULL, 0);
        hasTcp = false;
        hasApp = false;
    }

    @Override
    public Frame frame() { return frame; }

    @Override
    public Dissection dissection() { return dissection; }

    @Override
    public TcpRecord tcp() { return hasTcp ? record : null; }

    @Override
    public AppColumns appColumns() { return hasApp ? app : null; }

    @Override
    public IcmpEchoes echoes() { return echoes; }

    /** Worked out from the copy when the list asks (the bytes after the datagram are in it). */
    @Override
    public EtherTrailer.Outcome trailerOutcome() {
        if (!trailerDone) {
            trailer.compute(frame, dissection);
            trailerDone = true;
        }
        return trailer.outcome();
    }

    @Override
    public boolean treeWanted() { return tree; }
}
