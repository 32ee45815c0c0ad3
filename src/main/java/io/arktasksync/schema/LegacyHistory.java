package io.arktasksync.schema;

import javax.sql.DataSource;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * Upgrades a database made by a release that kept Flyway's history in {@code public}: the table moves into
 * {@code ark} in one transaction, rows and all, so Flyway then finds every migration it already applied. Nothing
 * else changes and nothing is lost; running it again finds nothing to move.
 */
public final class LegacyHistory {

    private LegacyHistory() {
    }

    /** @return the number of history rows moved, 0 when there was nothing of ours in {@code public} */
    public static int moveIntoArk(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        return jdbi.onDemand(LegacyHistoryDao.class).inTransaction(dao -> {
            if (!dao.legacyTablePresent() || dao.currentTablePresent()) {
                return 0;
            }
            dao.lockForMove();
            // checked again under the lock: another process may have moved it meanwhile
            if (!dao.legacyTablePresent() || dao.currentTablePresent() || !dao.legacyTableIsOurs()) {
                return 0;
            }
            dao.createSchema();
            dao.moveIntoArk();
            return dao.rowsMoved();
        });
    }
}
