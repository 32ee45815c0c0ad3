package io.arktasksync.prices;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transactional;

/**
 * Writes {@code ark.model_prices}, the only table the user maintains. A new period closes the one before it and
 * ends where the next one starts, so that a price list can be imported in any order.
 */
public interface PriceDao extends Transactional<PriceDao> {

    /** Inserts or replaces the period of the model and tier that starts at {@code from}. */
    @SqlUpdate("""
            INSERT INTO ark.model_prices (model, service_tier, currency, price_per_million_tokens, valid_from, valid_to)
            VALUES (:model, :tier, :currency, :price, :from,
                    coalesce(:to, (SELECT min(n.valid_from) FROM ark.model_prices n
                                   WHERE n.model = :model AND n.service_tier = :tier AND n.valid_from > :from)))
            ON CONFLICT (model, service_tier, valid_from) DO UPDATE
               SET currency = excluded.currency,
                   price_per_million_tokens = excluded.price_per_million_tokens,
                   valid_to = excluded.valid_to
            """)
    int upsert(@Bind("model") String model, @Bind("tier") String tier, @Bind("currency") String currency,
            @Bind("price") BigDecimal price, @Bind("from") OffsetDateTime from, @Bind("to") OffsetDateTime to);

    /** Ends the period before {@code from} of the model and tier where the new one starts, if it ran past it. */
    @SqlUpdate("""
            UPDATE ark.model_prices SET valid_to = :from
            WHERE model = :model AND service_tier = :tier AND valid_from < :from
              AND (valid_to IS NULL OR valid_to > :from)
            """)
    int closePrevious(@Bind("model") String model, @Bind("tier") String tier, @Bind("from") OffsetDateTime from);
}
