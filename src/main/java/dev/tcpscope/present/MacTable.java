package dev.tcpscope.present;

/**
 * A hash table from 48-bit addresses (or 24-bit OUIs) to non-negative ints, with open addressing
 * over two arrays: what {@link MacNames} keeps of manuf's 50,000 lines without a boxed key or an
 * entry object per line.
 */
final class MacTable {
    private long[] keys;
    /** The value plus one; 0 marks an empty slot. */
    private int[] values;
    private int size;

    /** A table sized for about {@code expected} entries; it grows past them. */
    MacTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(2, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new int[capacity];
    }

    int size() {
        return size;
    }

    /** The value of {@code key}, or -1. */
    int get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); values[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == key) return values[i] - 1;
        }
        return -1;
    }

    /** Sets {@code key}'s value ({@code value >= 0}), replacing one it had. */
    void put(long key, int value) {
        set(key, value, true);
    }

    /** Sets {@code key}'s value unless it has one. */
    void putIfAbsent(long key, int value) {
        set(key, value, false);
    }

    private void set(long key, int value, boolean replace) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        for (; values[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == key) {
                if (replace) values[i] = value + 1;
                return;
            }
        }
        keys[i] = key;
        values[i] = value + 1;
        if (++size * 2 > keys.length) grow();
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldValues[j] == 0) continue;
            int i = slot(oldKeys[j], mask);
            while (values[i] != 0) i = (i + 1) & mask;
            keys[i] = oldKeys[j];
            values[i] = oldValues[j];
        }
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }
}
