package io.arktasksync.prices;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transactional;

/**
 * Writes {@code ark.model_prices}, the only table the user maintains. The periods of one series (model, tier and
 * the same dimensions) follow each other: a new period closes the one before it and ends where the next one starts,
 * so that a price list can be imported in any order.
 */
public interface PriceDao extends Transactional<PriceDao> {

    /** The rows of the price's series, by unqualified column names; binds {@code model}, {@code tier}, {@code d.*}. */
    String SERIES = " (" + """
            model = :model AND service_tier = :tier
            AND generate_audio IS NOT DISTINCT FROM CAST(:d.generateAudio AS boolean)
            AND resolution IS NOT DISTINCT FROM CAST(:d.resolution AS text)
            AND draft IS NOT DISTINCT FROM CAST(:d.draft AS boolean)
            AND with_video_input IS NOT DISTINCT FROM CAST(:d.withVideoInput AS boolean)
            """ + ") ";

    /** Inserts or replaces the period of the series that starts at {@code from}. */
    @SqlUpdate("WITH next AS (SELECT min(valid_from) AS valid_from FROM ark.model_prices WHERE " + SERIES
            + " AND valid_from > :from), "
            + """
            replaced AS (
                UPDATE ark.model_prices
                SET currency = :currency, price_per_million_tokens = :price, unit = :unit,
                    valid_to = coalesce(:to, (SELECT valid_from FROM next))
                WHERE valid_from = :from AND """ + SERIES + """
                RETURNING 1)
            INSERT INTO ark.model_prices (model, service_tier, currency, price_per_million_tokens, valid_from, valid_to,
                                          generate_audio, resolution, draft, with_video_input, unit)
            SELECT :model, :tier, :currency, :price, :from, coalesce(:to, (SELECT valid_from FROM next)),
                   CAST(:d.generateAudio AS boolean), CAST(:d.resolution AS text), CAST(:d.draft AS boolean),
                   CAST(:d.withVideoInput AS boolean), :unit
            WHERE NOT EXISTS (SELECT 1 FROM replaced)
            """)
    int upsert(@Bind("model") String model, @Bind("tier") String tier, @BindMethods("d") PriceDimensions dimensions,
            @Bind("currency") String currency, @Bind("price") BigDecimal price, @Bind("unit") String unit,
            @Bind("from") OffsetDateTime from, @Bind("to") OffsetDateTime to);

    /** Ends the period before {@code from} of the series where the new one starts, if it ran past it. */
    @SqlUpdate("UPDATE ark.model_prices SET valid_to = :from WHERE valid_from < :from "
            + "AND (valid_to IS NULL OR valid_to > :from) AND " + SERIES)
    int closePrevious(@Bind("model") String model, @Bind("tier") String tier,
            @BindMethods("d") PriceDimensions dimensions, @Bind("from") OffsetDateTime from);
}
