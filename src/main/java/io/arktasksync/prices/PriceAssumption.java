package io.arktasksync.prices;

/**
 * One row of {@code ark.price_assumptions}: what the price of this account's and/or model's tasks depends on but the
 * tasks do not say.
 *
 * @param account null: every account
 * @param model null: every model
 * @param withVideoInput whether their requests are assumed to carry a reference video (priced apart on some models)
 * @param note why it is assumed, for the people who read it later; null: none
 */
public record PriceAssumption(String account, String model, boolean withVideoInput, String note) {
}
