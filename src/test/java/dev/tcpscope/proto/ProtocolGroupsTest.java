package dev.tcpscope.proto;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldTable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The field table makes a protocol's fields at the first name under one of its group's
 * components: each group must declare exactly the first components its names use, or a filter
 * naming one of them would call it unknown.
 */
class ProtocolGroupsTest {
    private static String component(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    @Test
    void eachGroupDeclaresTheFirstComponentsOfItsNames() {
        List<String> wrong = new ArrayList<>();
        for (FieldTable.Group g : Protocols.readFields().groups()) {
            Set<String> used = new LinkedHashSet<>();
            for (Field f : g.fields()) {
                used.add(component(f.name()));
            }
            if (!used.equals(new LinkedHashSet<>(g.components()))) {
                wrong.add(g.components() + " declared, " + used + " used");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void noComponentBelongsToTheTransportStackAndAGroup() {
        Set<String> transport = new HashSet<>();
        for (Field f : FieldTable.standard().all()) {
            transport.add(component(f.name()));
        }
        List<String> shared = new ArrayList<>();
        for (FieldTable.Group g : Protocols.readFields().groups()) {
            for (String c : g.components()) {
                if (transport.contains(c)) {
                    shared.add(c);
                }
            }
        }
        assertThat(shared).isEmpty();
    }

    @Test
    void everyNameIsFoundByItselfInAFreshTableAndOnlyOnce() {
        // a table whose groups are not made yet finds each name through its component
        List<Field> all = Protocols.readFields().all();
        Set<String> names = new HashSet<>();
        for (Field f : all) {
            assertThat(names.add(f.name())).as("declared twice: %s", f.name()).isTrue();
            assertThat(Protocols.readFields().get(f.name())).isSameAs(f);
        }
        FieldTable fresh = FieldTable.standard().with(Protocols.readFields().groups());
        for (Field f : all) {
            assertThat(fresh.get(f.name())).as(f.name()).isSameAs(f);
        }
        assertThat(fresh.get("http.nonexistent")).isNull();
        assertThat(fresh.get("nosuchprotocol.field")).isNull();
        assertThat(fresh.all()).isEqualTo(all);
    }
}
