package io.arktasksync.report;

/**
 * An assumption of {@code ark.price_assumptions} that priced tasks of the report: their price row depends on
 * {@code with_video_input}, which the tasks do not say.
 *
 * @param account the tasks' account
 * @param model the tasks' model
 * @param withVideoInput what was assumed
 * @param tasks how many tasks of the report were priced on it
 */
public record AppliedAssumption(String account, String model, boolean withVideoInput, long tasks) {
}
