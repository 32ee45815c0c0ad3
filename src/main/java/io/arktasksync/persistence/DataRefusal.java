package io.arktasksync.persistence;

import java.sql.SQLException;

/**
 * Tells a refusal of the data itself (the item is the problem) from every other database failure (the database is
 * the problem). Only the first may be answered by quarantining the item.
 */
public final class DataRefusal {

    private DataRefusal() {
    }

    /**
     * @return the database's message when the cause chain holds an SQL error of class 22 (data exception), 23
     *         (integrity constraint) or 54 (program limit, e.g. an index row too large), else null
     */
    public static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String sqlState = sql.getSQLState();
                if (sqlState.startsWith("22") || sqlState.startsWith("23") || sqlState.startsWith("54")) {
                    return sqlState + " " + sql.getMessage().lines().findFirst().orElse("");
                }
            }
        }
        return null;
    }
}
