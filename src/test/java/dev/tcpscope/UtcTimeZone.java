package dev.tcpscope;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.TimeZone;

/**
 * Runs a test class with the JVM's default time zone set to UTC, as the golden scripts run tshark
 * ({@code TZ=UTC}), and puts the previous zone back afterwards. Use with
 * {@code @ExtendWith(UtcTimeZone.class)}.
 */
public final class UtcTimeZone implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(UtcTimeZone.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("saved", TimeZone.getDefault());
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TimeZone.setDefault(context.getStore(NS).get("saved", TimeZone.class));
    }
}
