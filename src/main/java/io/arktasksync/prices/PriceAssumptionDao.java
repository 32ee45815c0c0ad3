package io.arktasksync.prices;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Writes {@code ark.price_assumptions}, maintained by the user like prices and budgets. */
public interface PriceAssumptionDao {

    /** One row per account and model (NULL for any), as V17's unique index on both says. */
    @SqlUpdate("""
            INSERT INTO ark.price_assumptions (account, model, with_video_input, note)
            VALUES (:account, :model, :withVideoInput, :note)
            ON CONFLICT (coalesce(account, ''), coalesce(model, ''))
            DO UPDATE SET account = excluded.account, model = excluded.model,
                          with_video_input = excluded.with_video_input, note = excluded.note
            """)
    int upsert(@Bind("account") String account, @Bind("model") String model,
            @Bind("withVideoInput") boolean withVideoInput, @Bind("note") String note);
}
