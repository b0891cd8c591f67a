package dev.tcpscope.proto.oncrpc;

import dev.tcpscope.proto.Tree;

/**
 * An ONC RPC program as packet-rpc.c's table knows it (rpc_init_prog, rpc_init_proc_table): its
 * number, the names it shows, its procedures' names per version and the walkers of their
 * arguments and results. A program without walkers shows only its header items.
 */
abstract class Program {
    final long number;
    /** The Protocol column and the name {@code Program: NFS (100003)} shows. */
    final String shortName;
    /** The protocol's filter name, its item's key. */
    final String filter;
    /** The protocol item's label ("Network File System"). */
    final String title;

    Program(long number, String shortName, String filter, String title) {
        this.number = number;
        this.shortName = shortName;
        this.filter = filter;
        this.title = title;
    }

    /** The procedure's name in version {@code vers}, or null when the program has no name for it. */
    abstract String procedure(long vers, long proc);

    /**
     * Whether the program registers a procedure field for version {@code vers}
     * ({@code nfs.procedure_v3}): it does for each version it names procedures of (every table
     * starts with NULL).
     */
    final boolean hasProcedureField(long vers) {
        return procedure(vers, 0) != null;
    }

    /**
     * Whether packet-rpc.c calls a dissector of the program's own for this procedure (which makes
     * the program a layer of {@code frame.protocols}): a named procedure other than NULL, whose
     * reply is not void.
     */
    boolean layer(long vers, long proc, boolean call) {
        return proc != 0 && procedure(vers, proc) != null;
    }

    /** What a call's or reply's body adds: the Info column's and the protocol item's texts. */
    static final class Out {
        final StringBuilder info = new StringBuilder();
        final StringBuilder item = new StringBuilder();
        /** The call the message is or answers ({@link Rpc.Call#arg} carries what a reply needs of it). */
        Rpc.Call call;
        /** A port mapper's answer: the port and protocol (6 or 17) the program listens on, else 0. */
        int announcePort;
        long announceProto;
    }

    /** Walks a call's arguments from {@code x}'s position under {@code p}; nothing by default. */
    void call(long vers, long proc, Xdr x, Tree p, Out out) {
    }

    /** Walks a reply's results from {@code x}'s position under {@code p}; nothing by default. */
    void reply(long vers, long proc, Xdr x, Tree p, Out out) {
    }

    /** The procedure name shown in Info and the tree: the program's, else "proc-N". */
    final String procName(long vers, long proc) {
        String n = procedure(vers, proc);
        return n != null ? n : "proc-" + proc;
    }

    /** A program known by its number and names only (SADMIND): procedures "proc-N", no body. */
    static Program named(long number, String shortName, String filter, String title) {
        return new Program(number, shortName, filter, title) {
            @Override
            String procedure(long vers, long proc) { return null; }
        };
    }

    static String at(String[] names, long i) {
        return i >= 0 && i < names.length ? names[(int) i] : null;
    }
}
