package org.qrarchive.archive.config.control;

import jakarta.ejb.ApplicationException;

/**
 * A configuration value that is refused when it is written, naming where it is: a JSON field path such as
 * {@code aes[QRSCP].quota.maxStudies}, or for a dcmqrscp.cfg text its line and column (1-based; 0 when not
 * known).
 */
@ApplicationException(rollback = true)
public class InvalidConfiguration extends RuntimeException {
    private final String field;
    private final int line;
    private final int column;

    public InvalidConfiguration(String field, String message) {
        super(field + ": " + message);
        this.field = field;
        this.line = 0;
        this.column = 0;
    }

    public InvalidConfiguration(int line, int column, String message) {
        super("line " + line + ", column " + column + ": " + message);
        this.field = null;
        this.line = line;
        this.column = column;
    }

    /** The field path, or {@code null} for a position in a text. */
    public String field() {
        return field;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
