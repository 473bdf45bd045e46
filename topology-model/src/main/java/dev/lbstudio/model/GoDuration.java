package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration written the way Kubernetes and Calico resources write it ({@code 120s}, {@code 2m30s},
 * {@code 500ms}); the text is kept so a file is written back as it was read.
 */
public record GoDuration(String text, Duration duration) {

    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:h|ms|m|s|us|ns))+");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|ns)");

    @JsonCreator
    public static GoDuration parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (!WHOLE.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 120s, 2m or 500ms");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(trimmed);
        while (m.find()) {
            double amount = Double.parseDouble(m.group(1));
            long nanosPerUnit = switch (m.group(2)) {
                case "h" -> 3_600_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "s" -> 1_000_000_000L;
                case "ms" -> 1_000_000L;
                case "us" -> 1_000L;
                default -> 1L;
            };
            total = total.plusNanos(Math.round(amount * nanosPerUnit));
        }
        return new GoDuration(trimmed, total);
    }

    public static GoDuration ofSeconds(long seconds) {
        return new GoDuration(seconds + "s", Duration.ofSeconds(seconds));
    }

    @JsonValue
    @Override
    public String toString() {
        return text;
    }
}
