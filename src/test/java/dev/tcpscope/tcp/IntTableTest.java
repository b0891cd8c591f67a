package dev.tcpscope.tcp;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link IntTable} against a HashMap under random puts, gets and removals, with colliding keys. */
class IntTableTest {
    @Test
    void behavesAsAHashMapUnderRandomOperations() {
        SplittableRandom random = new SplittableRandom(3);
        for (int range : new int[] {8, 100, 5000, 1 << 20}) {
            IntTable<String> table = new IntTable<>();
            Map<Integer, String> model = new HashMap<>();
            for (int op = 0; op < 60_000; op++) {
                int key = random.nextInt(4) == 0 ? random.nextInt(range) << 16 : random.nextInt(range); // runs of equal low bits
                switch (random.nextInt(3)) {
                    case 0 -> {
                        String v = "v" + op;
                        table.put(key, v);
                        model.put(key, v);
                    }
                    case 1 -> assertThat(table.remove(key)).isEqualTo(model.remove(key));
                    default -> assertThat(table.get(key)).isEqualTo(model.get(key));
                }
                assertThat(table.size()).isEqualTo(model.size());
            }
            for (var e : model.entrySet()) {
                assertThat(table.get(e.getKey())).isEqualTo(e.getValue());
            }
            table.clear();
            assertThat(table.size()).isZero();
            assertThat(table.get(model.keySet().stream().findFirst().orElse(1))).isNull();
        }
    }
}
