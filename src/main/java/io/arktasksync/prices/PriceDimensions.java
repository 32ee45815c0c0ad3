package io.arktasksync.prices;

/**
 * What a price row narrows its tasks to, besides model and tier; null means "any". {@code withVideoInput} is not a
 * field of the task: {@code ark.price_assumptions} says it per account or model.
 */
public record PriceDimensions(Boolean generateAudio, String resolution, Boolean draft, Boolean withVideoInput) {

    public static final PriceDimensions ANY = new PriceDimensions(null, null, null, null);
}
