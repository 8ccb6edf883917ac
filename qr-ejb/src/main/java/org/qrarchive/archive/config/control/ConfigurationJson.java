package org.qrarchive.archive.config.control;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;

/** The JSON form of the settings kept as one value in the database (JSON-B, as the REST API uses). */
public final class ConfigurationJson {
    private static final Jsonb JSONB = JsonbBuilder.create();

    private ConfigurationJson() {
    }

    public static String write(Object value) {
        return JSONB.toJson(value);
    }

    /** Reads a stored value; a row that does not parse is a broken database, not a user error. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return JSONB.fromJson(json, type);
        } catch (JsonbException e) {
            throw new IllegalStateException("stored configuration is not valid " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }
}
