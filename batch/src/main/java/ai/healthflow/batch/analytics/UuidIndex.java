package ai.healthflow.batch.analytics;

import java.util.Arrays;
import java.util.UUID;

/**
 * Dense numbers 0, 1, 2, … for keys of a uuid and a small int tag, in first-seen order: an open-addressing table
 * over primitive arrays. A day's aggregation looks up three keys per source line (tenant, medicine, entity) for some
 * 100 000 lines; boxed keys in a HashMap cost more than the counting itself.
 */
final class UuidIndex {
    private long[] msb;
    private long[] lsb;
    private int[] tag;
    private int size;
    private int[] table; // index + 1, 0 where empty
    private int mask;

    UuidIndex(int expected) {
        int capacity = Math.max(16, Integer.highestOneBit(Math.max(expected, 8) - 1) << 1);
        msb = new long[capacity];
        lsb = new long[capacity];
        tag = new int[capacity];
        table = new int[capacity * 2];
        mask = table.length - 1;
    }

    int size() {
        return size;
    }

    /** Forgets every key, keeping the arrays (a partition reuses them day after day). */
    void clear() {
        if (size > 0) {
            Arrays.fill(table, 0);
            size = 0;
        }
    }

    long msb(int index) {
        return msb[index];
    }

    long lsb(int index) {
        return lsb[index];
    }

    int tag(int index) {
        return tag[index];
    }

    UUID uuid(int index) {
        return new UUID(msb[index], lsb[index]);
    }

    /** The key's number, or -1 when it was never added. */
    int find(int tag, long msb, long lsb) {
        for (int slot = hash(tag, msb, lsb) & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot];
            if (entry == 0) {
                return -1;
            }
            int index = entry - 1;
            if (this.msb[index] == msb && this.lsb[index] == lsb && this.tag[index] == tag) {
                return index;
            }
        }
    }

    /** The key's number, numbering it next when it is new. */
    int add(int tag, long msb, long lsb) {
        int slot = hash(tag, msb, lsb) & mask;
        for (; ; slot = (slot + 1) & mask) {
            int entry = table[slot];
            if (entry == 0) {
                break;
            }
            int index = entry - 1;
            if (this.msb[index] == msb && this.lsb[index] == lsb && this.tag[index] == tag) {
                return index;
            }
        }
        int index = size++;
        if (index == this.msb.length) {
            this.msb = Arrays.copyOf(this.msb, index * 2);
            this.lsb = Arrays.copyOf(this.lsb, index * 2);
            this.tag = Arrays.copyOf(this.tag, index * 2);
        }
        this.msb[index] = msb;
        this.lsb[index] = lsb;
        this.tag[index] = tag;
        table[slot] = index + 1;
        if (size * 2 > table.length) {
            rehash(table.length * 2);
        }
        return index;
    }

    private void rehash(int capacity) {
        table = new int[capacity];
        mask = capacity - 1;
        for (int index = 0; index < size; index++) {
            int slot = hash(tag[index], msb[index], lsb[index]) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = index + 1;
        }
    }

    private static int hash(int tag, long msb, long lsb) {
        long h = (msb * 0x9E3779B97F4A7C15L) ^ (lsb * 0xC2B2AE3D27D4EB4FL) ^ tag;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ h >>> 32);
    }

    /** PostgreSQL's uuid order (bytes as unsigned, most significant half first) of two numbered keys. */
    int compare(int a, int b) {
        int c = Long.compareUnsigned(msb[a], msb[b]);
        return c != 0 ? c : Long.compareUnsigned(lsb[a], lsb[b]);
    }

    /** The numbers 0 … size-1 sorted in PostgreSQL's uuid order. */
    int[] sorted() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, this::compare);
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }
}
