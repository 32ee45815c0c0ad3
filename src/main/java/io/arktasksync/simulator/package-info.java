/**
 * An in-process simulation of the Ark "list content generation tasks" call
 * ({@code GET {prefix}/contents/generations/tasks}).
 *
 * <p>Why it exists: the real API cannot be driven into its awkward corners on demand (flex tasks hidden
 * by the default tier filter, totals that move between pages, rate limits, relays answering HTML,
 * items with fields nobody has seen yet). The simulator ships in the main jar because the
 * application's {@code --demo} mode serves from it, and every test and the benchmark use it too.
 *
 * <p>Entry points: {@link io.arktasksync.simulator.ArkSimulator} (the running server and its knobs),
 * {@link io.arktasksync.simulator.SimulatedTask} (one well-formed item) and
 * {@link io.arktasksync.simulator.SimulatedTaskGenerator} (deterministic realistic data).
 * Everything else in the package is package-private plumbing.
 */
package io.arktasksync.simulator;
