package io.arktasksync.simulator;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator as its own process, for the benchmark and for trying the job by hand (test code, like the
 * simulator's knobs: after {@code ./mvnw test-compile}, {@code java -cp target/test-classes:target/classes:$(cat
 * target/bench-classpath.txt) io.arktasksync.simulator.SimulatorMain [tasks] [prefix] [key]}, the class path file as
 * {@code src/bench/benchmark.sh} writes it).
 * Prints the base URL on the first line of standard output, then serves until killed.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        String prefix = args.length > 1 ? args[1] : "/api/v3";
        String key = args.length > 2 ? args[2] : "demo-key";
        ArkSimulator simulator = ArkSimulator.start(prefix, key);
        simulator.putAll(SimulatedTaskGenerator.generate(tasks, 42L, Instant.now()));
        System.out.println(simulator.baseUrl());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        new CountDownLatch(1).await();
    }
}
