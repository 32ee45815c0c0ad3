package io.arktasksync.prices;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One period of a price, as a row of {@code ark.model_prices}.
 *
 * @param validTo exclusive; null: open (until the next period of the model and tier, if any)
 */
public record ModelPrice(String model, String serviceTier, String currency, BigDecimal pricePerMillionTokens,
        Instant validFrom, Instant validTo) {
}
