package dev.tcpscope.tcp;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TcpRecord#copyOf} copies every field: each is given a value of its own, and the copy
 * must hold them all, so a field added to the record and forgotten in the copy fails here
 * before a packet list built from a {@link FrameCopy} shows its default.
 */
class TcpRecordCopyTest {
    @Test
    void everyFieldIsCopied() throws Exception {
        TcpRecord o = new TcpRecord();
        int k = 1;
        for (Field f : fields()) {
            Class<?> t = f.getType();
            if (t == int.class) {
                f.setInt(o, k);
            } else if (t == long.class) {
                f.setLong(o, 1000L + k);
            } else if (t == boolean.class) {
                f.setBoolean(o, true);
            } else if (t == MptcpAnalysis.Subflow.class || t == MptcpAnalysis.Seen.class) {
                continue; // shared, not copied: null stays null either way (checked below by identity)
            } else {
                throw new AssertionError("a field of a type this test does not know: " + f);
            }
            k++;
        }
        TcpRecord copy = new TcpRecord();
        copy.copyOf(o);
        for (Field f : fields()) {
            assertThat(f.get(copy)).as(f.getName()).isEqualTo(f.get(o));
        }
    }

    private static java.util.List<Field> fields() {
        java.util.List<Field> out = new java.util.ArrayList<>();
        for (Field f : TcpRecord.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                out.add(f);
            }
        }
        assertThat(out).hasSizeGreaterThan(30);
        return out;
    }
}
