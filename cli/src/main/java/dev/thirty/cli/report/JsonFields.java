package dev.thirty.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Typed access to the fields of one JSON object read from a run folder; every failure is a
 * {@link RunFolderException} naming the file and the field, e.g. {@code config.json: missing field 'seed'}.
 */
record JsonFields(String file, String prefix, JsonNode node) {

    JsonFields {
        if (node == null || !node.isObject()) {
            throw new RunFolderException(file + ": " + (prefix.isEmpty() ? "expected a JSON object"
                    : "field '" + prefix + "' must be an object"));
        }
    }

    static JsonFields root(String file, JsonNode node) {
        return new JsonFields(file, "", node);
    }

    JsonFields object(String field) {
        return new JsonFields(file, path(field), required(field));
    }

    Optional<JsonFields> optionalObject(String field) {
        return present(field).map(n -> new JsonFields(file, path(field), n));
    }

    JsonNode required(String field) {
        return present(field).orElseThrow(() -> new RunFolderException(file + ": missing field '" + path(field) + "'"));
    }

    String text(String field) {
        return asText(field, required(field));
    }

    Optional<String> optionalText(String field) {
        return present(field).map(n -> asText(field, n));
    }

    long integer(String field) {
        JsonNode n = required(field);
        if (!n.canConvertToExactIntegral() || !n.canConvertToLong()) {
            throw wrongType(field, "a whole number", n);
        }
        return n.asLong();
    }

    /** A number; {@code NaN} and {@code Infinity} are accepted bare or as strings. */
    double number(String field) {
        return asNumber(field, required(field));
    }

    Optional<Double> optionalNumber(String field) {
        return present(field).map(n -> asNumber(field, n));
    }

    double asNumber(String field, JsonNode n) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            switch (n.asText()) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw wrongType(field, "a number", n);
    }

    private Optional<JsonNode> present(String field) {
        JsonNode n = node.get(field);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
    }

    private String asText(String field, JsonNode n) {
        if (!n.isValueNode()) {
            throw wrongType(field, "a string", n);
        }
        return n.asText();
    }

    private RunFolderException wrongType(String field, String expected, JsonNode n) {
        return new RunFolderException(file + ": field '" + path(field) + "' must be " + expected + ", got " + n);
    }

    private String path(String field) {
        return prefix.isEmpty() ? field : prefix + "." + field;
    }
}
