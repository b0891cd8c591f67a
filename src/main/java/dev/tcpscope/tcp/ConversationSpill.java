package dev.tcpscope.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Where conversations go that have not been seen for a while, so that a capture of a million
 * connections (a SYN flood, a scan) does not keep a million conversations' state in memory
 * (about 0.9 KB each): each is written, complete, to an unlinked temporary file, and an index of
 * 12 bytes a slot finds it again by its addresses and ports. A later segment of such a
 * conversation brings it back exactly as it was, so {@code tcp.stream} numbers and every analysis
 * result are what they would have been (Wireshark keeps all conversations in memory).
 *
 * <p>A slot of the index is one {@code long}: the key's hash in its high half, so that a look-up
 * reads a record from the file only when the whole hash matches, and in its low half the record's
 * offset in units of 8 bytes, plus one (records are padded to 8 bytes: 32 GiB of records).
 *
 * <p>The file is unlinked as soon as it is created: it disappears with the process however that
 * ends. If no temporary file can be made, nothing is spilled (conversations stay in memory).
 */
final class ConversationSpill implements AutoCloseable {
    private static final long TOMBSTONE = -1;
    private static final int ALIGN = 8;
    /** Records past this offset are not written (a slot could not say where they are). */
    private static final long LAST_OFFSET = (0xffff_ffffL - 2) * ALIGN;
    private static final int BUFFER = 1 << 20;

    private final SpillFile spillFile = new SpillFile("tcpscope-conversations-");
    private FileChannel file;
    /** Whether a write failed: nothing more is spilled. */
    private boolean failed;
    private final ByteBuffer out = ByteBuffer.allocate(BUFFER);
    /** Bytes already in the file; the record at offset {@code o >= written} is in {@link #out}. */
    private long written;
    private final ByteBuffer record = ByteBuffer.allocate(64 * 1024);
    private final ByteBuffer lengthBuffer = ByteBuffer.allocate(4);
    /**
     * The index, in {@value #SHARDS} tables chosen by the hash's top bits, each growing on its own:
     * doubling one table holds its old and new slots at once, a 64th of what doubling one big
     * table would hold. Open addressing, linear probing: 0 free, {@link #TOMBSTONE} removed, else
     * the key's hash (high half) and the record's offset / {@value #ALIGN} + 1 (low half).
     */
    private final long[][] shards = new long[SHARDS][];
    private final int[] used = new int[SHARDS];
    private final int[] shardLive = new int[SHARDS];
    private static final int SHARD_BITS = 6, SHARDS = 1 << SHARD_BITS;
    private int live;

    {
        for (int k = 0; k < SHARDS; k++) {
            shards[k] = new long[64];
        }
    }

    private long spilled;

    /** Conversations held in the file. */
    int size() { return live; }

    /** Conversations written to the file so far, including those taken back. */
    long spills() { return spilled; }

    /**
     * Writes {@code c}, found under {@code key}, to the file; false when it could not (the caller
     * then keeps it in memory).
     */
    boolean put(FlowKey key, Conversation c) {
        if (!fits(c) || !open()) {
            return false;
        }
        record.clear();
        record.putInt(0);
        writeKey(key);
        writeConversation(c);
        int length = record.position();
        record.putInt(0, length);
        record.flip();
        long offset = written + out.position();
        if (offset > LAST_OFFSET) {
            return false;
        }
        try {
            int padded = (length + ALIGN - 1) & -ALIGN;
            if (out.remaining() < padded) {
                flush();
            }
            out.put(record);
            out.position(out.position() + padded - length);
        } catch (IOException e) {
            failed = true;
            return false;
        }
        int hash = key.hashCode();
        int k = hash >>> 32 - SHARD_BITS;
        int size = shards[k].length;
        if ((used[k] + 1) * 4L > size * 3L) {
            rehash(k, shardLive[k] + 1 > size / 4 ? size * 2 : size);
        }
        insert(k, hash, offset);
        shardLive[k]++;
        live++;
        spilled++;
        return true;
    }

    /**
     * Takes the conversation stored under {@code key} out of the file, or returns null.
     * {@code finals} are the first pass's values on a second pass (null on a first); {@code reuse},
     * when not null, is a conversation nothing refers to any more, filled instead of a new one.
     */
    Conversation take(FlowKey key, StreamFinals finals, Conversation reuse) {
        if (live == 0) {
            return null;
        }
        int hash = key.hashCode();
        int k = hash >>> 32 - SHARD_BITS;
        long[] slots = shards[k];
        int mask = slots.length - 1;
        for (int i = hash & mask; slots[i] != 0; i = (i + 1) & mask) {
            long s = slots[i];
            if (s == TOMBSTONE || (int) (s >>> 32) != hash) {
                continue;
            }
            long offset = ((s & 0xffff_ffffL) - 1) * ALIGN;
            if (!read(offset) || !sameKey(key)) {
                continue;
            }
            slots[i] = TOMBSTONE;
            shardLive[k]--;
            live--;
            return readConversation(finals, reuse);
        }
        return null;
    }

    private boolean open() {
        if (file == null && !failed) {
            file = spillFile.channel();
        }
        return file != null && !failed;
    }

    private void flush() throws IOException {
        out.flip();
        while (out.hasRemaining()) {
            written += file.write(out, written);
        }
        out.clear();
    }

    /** Reads the record at {@code offset} into {@link #record}, positioned after its length. */
    private boolean read(long offset) {
        record.clear();
        try {
            if (offset >= written) {
                int at = (int) (offset - written);
                int length = out.getInt(at);
                record.put(0, out, at, length).limit(length).position(4);
                return true;
            }
            lengthBuffer.clear();
            while (lengthBuffer.hasRemaining() && file.read(lengthBuffer, offset + lengthBuffer.position()) >= 0) {
                // reads the record's length
            }
            int length = lengthBuffer.getInt(0);
            if (length < 4 || length > record.capacity()) {
                return false;
            }
            record.limit(length);
            while (record.hasRemaining() && file.read(record, offset + record.position()) >= 0) {
                // reads the rest
            }
            boolean whole = !record.hasRemaining();
            record.position(4);
            return whole;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void insert(int k, int hash, long offset) {
        long[] slots = shards[k];
        int mask = slots.length - 1;
        int i = hash & mask;
        while (slots[i] != 0 && slots[i] != TOMBSTONE) {
            i = (i + 1) & mask;
        }
        if (slots[i] == 0) {
            used[k]++;
        }
        slots[i] = (long) hash << 32 | (offset / ALIGN + 1);
    }

    /** Rebuilds table {@code k} at {@code size} slots, dropping tombstones. */
    private void rehash(int k, int size) {
        long[] old = shards[k];
        long[] slots = new long[size];
        shards[k] = slots;
        int used = 0;
        int mask = size - 1;
        for (long s : old) {
            if (s != 0 && s != TOMBSTONE) {
                int i = (int) (s >>> 32) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = s;
                used++;
            }
        }
        this.used[k] = used;
    }

    private void writeKey(FlowKey k) {
        record.putLong(k.aHi).putLong(k.aLo).putLong(k.bHi).putLong(k.bLo).putInt(k.aPort).putInt(k.bPort);
    }

    private boolean sameKey(FlowKey k) {
        return record.getLong() == k.aHi && record.getLong() == k.aLo && record.getLong() == k.bHi
                && record.getLong() == k.bLo && record.getInt() == k.aPort && record.getInt() == k.bPort;
    }

    private void writeConversation(Conversation c) {
        ByteBuffer b = record;
        b.putInt(c.stream).putLong(c.synTime).putLong(c.firstRtt).putInt(c.completeness)
                .putInt(c.shownCompleteness).putLong(c.firstTime).putLong(c.previousTime)
                .put((byte) (c.precise ? 1 : 0)).putInt(c.serverPort);
        Handshake h = c.handshake;
        b.putInt(h.syn).putInt(h.synAck).putInt(h.ack).putInt(h.lowFin).putInt(h.highFin).putInt(h.rst)
                .put((byte) (h.lowClosedFirst ? 1 : 0));
        writeEndpoint(c.low);
        writeEndpoint(c.high);
    }

    private Conversation readConversation(StreamFinals finals, Conversation reuse) {
        ByteBuffer b = record;
        int stream = b.getInt();
        long synTime = b.getLong();
        long firstRtt = b.getLong();
        int completeness = b.getInt();
        int shown = b.getInt();
        long firstTime = b.getLong();
        long previousTime = b.getLong();
        boolean precise = b.get() != 0;
        int serverPort = b.getInt();
        StreamFinals.Entry entry = finals != null ? finals.get(stream) : null;
        Conversation c = reuse != null ? reuse : new Conversation(stream, firstTime, entry, precise);
        if (reuse != null) {
            c.reset(stream, firstTime, entry, precise);
        }
        c.synTime = synTime;
        c.firstRtt = firstRtt;
        c.completeness = completeness;
        c.shownCompleteness = shown;
        c.previousTime = previousTime;
        c.serverPort = serverPort;
        Handshake h = c.handshake;
        h.syn = b.getInt();
        h.synAck = b.getInt();
        h.ack = b.getInt();
        h.lowFin = b.getInt();
        h.highFin = b.getInt();
        h.rst = b.getInt();
        h.lowClosedFirst = b.get() != 0;
        readEndpoint(c.low);
        readEndpoint(c.high);
        return c;
    }

    private void writeEndpoint(Endpoint e) {
        ByteBuffer b = record;
        b.putLong(e.baseSeq).put((byte) (e.baseSet ? 1 : 0)).putInt(e.winScale)
                .putInt(e.nextSeq).putInt(e.nextSeqFrame).putLong(e.nextSeqTime).putInt(e.maxSeqToBeAcked)
                .putInt(e.lastAck).putLong(e.lastAckTime).putInt(e.dupAckNum).putInt(e.lastNonDupAck)
                .putLong(e.window).put((byte) ((e.isFirstAck ? 1 : 0) | (e.finSent ? 2 : 0) | (e.validBif ? 4 : 0)
                        | (e.pushSetLast ? 8 : 0) | (e.shownBaseSet ? 16 : 0) | (e.closingInitiator ? 32 : 0)))
                .putInt(e.lastSegmentFlags).putLong(e.pushBytesSent).putInt(e.sackCount);
        for (int i = 0; i < Endpoint.MAX_SACK; i++) {
            b.putInt(e.sackLeft[i]).putInt(e.sackRight[i]);
        }
        e.holes.write(b);
        e.sacked.write(b);
        b.putLong(e.shownBase).putInt(e.shownScale);
        int n = e.unacked; // fits(): the record has room for it
        b.putInt(n);
        for (int i = 0; i < n; i++) {
            b.putInt(e.uaFrame[i]).putInt(e.uaSeq[i]).putInt(e.uaNext[i]).putLong(e.uaTime[i])
                    .put((byte) (e.uaResent[i] ? 1 : 0));
        }
    }

    private void readEndpoint(Endpoint e) {
        ByteBuffer b = record;
        e.baseSeq = b.getLong();
        e.baseSet = b.get() != 0;
        e.winScale = b.getInt();
        e.nextSeq = b.getInt();
        e.nextSeqFrame = b.getInt();
        e.nextSeqTime = b.getLong();
        e.maxSeqToBeAcked = b.getInt();
        e.lastAck = b.getInt();
        e.lastAckTime = b.getLong();
        e.dupAckNum = b.getInt();
        e.lastNonDupAck = b.getInt();
        e.window = b.getLong();
        int bits = b.get();
        e.isFirstAck = (bits & 1) != 0;
        e.finSent = (bits & 2) != 0;
        e.validBif = (bits & 4) != 0;
        e.pushSetLast = (bits & 8) != 0;
        e.shownBaseSet = (bits & 16) != 0;
        e.closingInitiator = (bits & 32) != 0;
        e.lastSegmentFlags = b.getInt();
        e.pushBytesSent = b.getLong();
        e.sackCount = b.getInt();
        for (int i = 0; i < Endpoint.MAX_SACK; i++) {
            e.sackLeft[i] = b.getInt();
            e.sackRight[i] = b.getInt();
        }
        e.holes.read(b);
        e.sacked.read(b);
        e.shownBase = b.getLong();
        e.shownScale = b.getInt();
        int n = b.getInt();
        for (int i = 0; i < n; i++) {
            e.addUnacked(b.getInt(), b.getInt(), b.getInt(), b.getLong());
            e.uaResent[i] = b.get() != 0;
        }
    }

    /**
     * Whether {@code c} fits one record (64 KiB): its unacknowledged lists are short enough. A
     * conversation with thousands of segments in flight is busy, so kept in memory.
     */
    static boolean fits(Conversation c) {
        return c.low.unacked + c.high.unacked < 2_500;
    }

    @Override
    public void close() {
        spillFile.close();
        file = null;
    }
}
