package dev.catalog.graphql.execution;

import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a GraphQL response (the specification's map of {@code data}, {@code errors}, {@code extensions}) as
 * JSON. The values are maps, lists, strings, numbers, booleans and nulls; writing them straight to the
 * generator skips the per-value serializer lookups of a general object mapper, which cost as much as the rest
 * of a list page's answer.
 */
public final class GraphQlJson {

    private GraphQlJson() {
    }

    public static void write(JsonGenerator json, Object value) {
        switch (value) {
            case null -> json.writeNull();
            case String text -> json.writeString(text);
            case Map<?, ?> map -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    json.writeName(String.valueOf(entry.getKey()));
                    write(json, entry.getValue());
                }
                json.writeEndObject();
            }
            case List<?> list -> {
                json.writeStartArray();
                for (Object item : list) {
                    write(json, item);
                }
                json.writeEndArray();
            }
            case Integer number -> json.writeNumber(number);
            case Long number -> json.writeNumber(number);
            case Double number -> json.writeNumber(number);
            case Boolean bool -> json.writeBoolean(bool);
            case java.math.BigDecimal number -> json.writeNumber(number);
            case java.math.BigInteger number -> json.writeNumber(number);
            case Number number -> json.writeNumber(number.doubleValue());
            case Iterable<?> items -> {
                json.writeStartArray();
                for (Object item : items) {
                    write(json, item);
                }
                json.writeEndArray();
            }
            default -> json.writePOJO(value);
        }
    }
}
