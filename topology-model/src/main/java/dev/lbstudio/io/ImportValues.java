package dev.lbstudio.io;

import com.fasterxml.jackson.databind.JsonMappingException;
import dev.lbstudio.model.Version;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Parsers for the values the importers read, and the one place where a value that does not parse
 * turns into a reason for a warning instead of an exception: an import never fails on one bad
 * value, it skips it and says why.
 */
final class ImportValues {

    static final long MAX_ASN = 4_294_967_295L;
    // Kubernetes object names are DNS-1123 subdomains, namespaces DNS-1123 labels
    // (k8s.io/apimachinery pkg/util/validation IsDNS1123Subdomain / IsDNS1123Label).
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(DNS_LABEL + "(\\." + DNS_LABEL + ")*");

    private ImportValues() {
    }

    /** What {@code parser} makes of {@code input}, or null after {@code refused} is told why it does not parse. */
    static <S, T> T parse(S input, Function<S, T> parser, Consumer<String> refused) {
        try {
            return parser.apply(input);
        } catch (IllegalArgumentException e) {
            refused.accept(reason(e));
            return null;
        }
    }

    /** The exception's message; for a failed Jackson binding, the field path and the gist without Jackson's source location. */
    private static String reason(IllegalArgumentException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (!(e.getCause() instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return TopologyReader.readable(message);
        }
        String path = TopologyReader.yamlPath(mapping.getPath());
        if (mapping.getOriginalMessage().startsWith("Missing required creator property")) {
            return path + " is missing";
        }
        int source = message.indexOf(" at [Source:");
        return path + ": " + TopologyReader.readable(source > 0 ? message.substring(0, source) : message);
    }

    static long asn(String text) {
        return wholeNumber(text, 1, MAX_ASN);
    }

    static int port(String text) {
        return (int) wholeNumber(text, 1, 65_535);
    }

    private static long wholeNumber(String text, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number between " + min + " and " + max, e);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(value + " is outside " + min + "-" + max);
        }
        return value;
    }

    static boolean bool(String text) {
        return switch (text.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        };
    }

    /** The text itself, once it reads as a version: validation and the simulator compare versions. */
    static String version(String text) {
        Version.parse(text);
        return text;
    }

    static String objectName(String text) {
        if (text.length() > 253 || !DNS_SUBDOMAIN.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a Kubernetes name (lower-case letters, digits, '-' and '.')");
        }
        return text;
    }

    static String namespace(String text) {
        if (text.length() > 63 || !DNS_LABEL.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a Kubernetes namespace (lower-case letters, digits and '-')");
        }
        return text;
    }
}
