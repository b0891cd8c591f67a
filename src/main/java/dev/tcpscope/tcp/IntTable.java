package dev.tcpscope.tcp;

import java.util.Arrays;

/**
 * A map from non-boxed {@code int} keys (TCP stream numbers) to values: open addressing with
 * linear probing, and deletion by shifting the entries that follow back (Knuth 6.4, algorithm
 * R), so no tombstones pile up. The desegmenter looks a stream up for every segment; a
 * {@code HashMap<Integer, ...>} boxed the key (a new Integer past 127) and compared it through
 * {@code equals} each time.
 */
final class IntTable<V> {
    private int[] keys;
    private Object[] values;
    private int mask;
    private int size;

    IntTable() {
        keys = new int[16];
        values = new Object[16];
        mask = 15;
    }

    int size() {
        return size;
    }

    private int slot(int key) {
        int h = key * 0x9e3779b9;
        return (h ^ h >>> 16) & mask;
    }

    @SuppressWarnings("unchecked")
    V get(int key) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null) {
                return null;
            }
            if (keys[i] == key) {
                return (V) v;
            }
        }
    }

    /** Maps {@code key} to {@code value} (not null), replacing what it mapped to. */
    void put(int key, V value) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            if (values[i] == null) {
                keys[i] = key;
                values[i] = value;
                if (++size > (mask + 1) * 3 / 4) {
                    grow();
                }
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    /** Removes {@code key}'s entry; returns its value, or null when there was none. */
    @SuppressWarnings("unchecked")
    V remove(int key) {
        int i = slot(key);
        while (true) {
            if (values[i] == null) {
                return null;
            }
            if (keys[i] == key) {
                break;
            }
            i = (i + 1) & mask;
        }
        V old = (V) values[i];
        // shift back each following entry of the run whose home slot is not between the hole and it
        int hole = i;
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = slot(keys[j]);
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = null;
        size--;
        return old;
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                @SuppressWarnings("unchecked")
                V v = (V) oldValues[i];
                put(oldKeys[i], v);
            }
        }
    }

    /** Empties the table, keeping its capacity. */
    void clear() {
        Arrays.fill(values, null);
        size = 0;
    }
}
