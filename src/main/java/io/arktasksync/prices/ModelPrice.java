package io.arktasksync.prices;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One period of a price, as a row of {@code ark.model_prices}.
 *
 * @param pricePerUnit the price of a million total tokens, or of one task when {@code perTask}
 * @param validTo exclusive; null: open (until the next period of the same model, tier and dimensions, if any)
 * @param dimensions the tasks the row is narrowed to
 * @param perTask whether the unit is a task ({@code unit = task}) rather than a million tokens
 */
public record ModelPrice(String model, String serviceTier, String currency, BigDecimal pricePerUnit,
        Instant validFrom, Instant validTo, PriceDimensions dimensions, boolean perTask) {

    /** A price per million tokens for every task of the model and tier: the rows before price dimensions. */
    public ModelPrice(String model, String serviceTier, String currency, BigDecimal pricePerMillionTokens,
            Instant validFrom, Instant validTo) {
        this(model, serviceTier, currency, pricePerMillionTokens, validFrom, validTo, PriceDimensions.ANY, false);
    }

    String unit() {
        return perTask ? "task" : "million_tokens";
    }
}
