package io.arktasksync.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * What decides whether a task seen again needs a write: its stored content hash, when it was last seen, and whether
 * it is marked gone. Read for a whole full run at once by {@link UnchangedTaskDao#storedTasks}.
 *
 * @param lastSeenMicros {@code last_seen_at} in microseconds since the epoch, as PostgreSQL keeps it
 */
public record StoredTask(String id, UUID contentHash, long lastSeenMicros, boolean gone) {

    /** By column position, without reflection or date parsing: a full run reads one row per stored task. */
    public static final class Mapper implements RowMapper<StoredTask> {

        @Override
        public StoredTask map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new StoredTask(rs.getString(1), rs.getObject(2, UUID.class), rs.getLong(3), rs.getBoolean(4));
        }
    }
}
