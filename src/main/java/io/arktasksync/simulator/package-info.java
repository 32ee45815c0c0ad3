/**
 * An in-process simulation of the Ark "list content generation tasks" call
 * ({@code GET {prefix}/contents/generations/tasks}).
 *
 * <p>Why it exists: the real API cannot be driven into its awkward corners on demand (flex tasks hidden
 * by the default tier filter, totals that move between pages, rate limits, relays answering HTML,
 * items with fields nobody has seen yet). What ships in the main jar is the plain simulated account that
 * {@code --demo} serves from: {@link io.arktasksync.simulator.SimulatedApi} (the running server),
 * {@link io.arktasksync.simulator.SimulatedTask} (one well-formed item) and
 * {@link io.arktasksync.simulator.SimulatedTaskGenerator} (deterministic realistic data). The knobs of the tests and
 * the benchmark (canned faults, damage on the wire, relay quirks, listing churn, the outputs' storage host) are
 * test code in the same package ({@code ArkSimulator} in {@code src/test}), plugged in through
 * {@link io.arktasksync.simulator.Misbehaviour}. Everything else in the package is package-private plumbing.
 */
package io.arktasksync.simulator;
