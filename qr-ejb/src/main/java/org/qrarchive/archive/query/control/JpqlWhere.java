package org.qrarchive.archive.query.control;

import java.util.Map;

/**
 * A JPQL WHERE condition (without the word "where") and its named parameters. Values only ever travel as
 * parameters, never inside {@code text}.
 */
public record JpqlWhere(String text, Map<String, Object> parameters) {
    public JpqlWhere {
        parameters = Map.copyOf(parameters);
    }
}
