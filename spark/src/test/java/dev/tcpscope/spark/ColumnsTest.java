package dev.tcpscope.spark;

import dev.tcpscope.proto.Protocols;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema of every field tcpscope knows: one column each, with distinct names, each mapped back to its field. */
class ColumnsTest {
    @Test
    void everyFieldGetsAColumnOfItsOwn() {
        var fields = Columns.fields("*", Protocols.fields());
        StructType schema = Columns.schema(fields, false);
        assertThat(schema.fields()).hasSize(fields.size() + 2);
        assertThat(Arrays.stream(schema.fieldNames()).distinct().count()).isEqualTo(schema.fields().length);
        StructField clash = schema.apply("dhcp_option_classless_static_route_2");
        assertThat(Columns.sourceOf(clash)).isEqualTo("dhcp.option.classless_static.route");
    }
}
