package dev.optimizr.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.slf4j.event.KeyValuePair;

/**
 * One log event as one line of JSON: {@code timestamp} (RFC 3339, UTC), {@code level}, {@code logger},
 * {@code thread}, {@code message}, then the event's SLF4J key-value pairs as top-level fields ({@code path},
 * {@code error_type}, {@code duration_ms}, …; numbers stay numbers) and {@code stack_trace} when there is one.
 * Stateless and thread-safe.
 */
public final class JsonLineLayout {
  private static final JsonFactory JSON = new JsonFactory();

  private JsonLineLayout() {}

  public static String format(ILoggingEvent e) {
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("timestamp", e.getInstant().toString());
      g.writeStringField("level", e.getLevel().toString());
      g.writeStringField("logger", e.getLoggerName());
      g.writeStringField("thread", e.getThreadName());
      g.writeStringField("message", e.getFormattedMessage());
      if (e.getKeyValuePairs() != null) {
        for (KeyValuePair kv : e.getKeyValuePairs()) {
          field(g, kv.key, kv.value);
        }
      }
      IThrowableProxy t = e.getThrowableProxy();
      if (t != null) {
        g.writeStringField("stack_trace", ThrowableProxyUtil.asString(t));
      }
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex); // a StringWriter does not fail
    }
    return w.append('\n').toString();
  }

  private static void field(JsonGenerator g, String key, Object value) throws IOException {
    if (value == null) {
      g.writeNullField(key);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      g.writeNumberField(key, ((Number) value).longValue());
    } else if (value instanceof Number n) {
      g.writeNumberField(key, n.doubleValue());
    } else if (value instanceof Boolean b) {
      g.writeBooleanField(key, b);
    } else {
      g.writeStringField(key, value.toString());
    }
  }
}
