package dev.tcpscope.frame;

/**
 * A capture file that can give back bytes it has already given: what lets TCP reassembly keep
 * where a waiting segment's payload lies in the file instead of a copy of it (see
 * {@link Frame#file()}). Reads go to the operating system's page cache, so a payload read a
 * second time costs a system call, not a disk access.
 */
public interface FileBytes {
    /**
     * Copies the {@code len} bytes at file position {@code position} into {@code dst} at
     * {@code at}; false when the file no longer has them all (it shrank), and then what is
     * missing reads as zeros.
     */
    boolean read(long position, byte[] dst, int at, int len);
}
