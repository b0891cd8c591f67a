package dev.tcpscope.present;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

/** Test fixtures: hex text (spaces and newlines allowed) to a heap segment. */
final class Hex {
    private Hex() {}

    static MemorySegment seg(String hex) {
        return MemorySegment.ofArray(HexFormat.of().parseHex(hex.replaceAll("\\s+", "")));
    }
}
