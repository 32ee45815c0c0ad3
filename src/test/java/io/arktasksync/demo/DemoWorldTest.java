package io.arktasksync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.arktasksync.simulator.SimulatedTask;
import org.junit.jupiter.api.Test;

class DemoWorldTest {

    private static final Instant EPOCH = Instant.parse("2026-11-30T08:00:00Z");

    @Test
    void shouldServeTheSameTasksForTheSameDatabaseAndStep() {
        assertThat(DemoWorld.at(500, EPOCH, 3)).isEqualTo(DemoWorld.at(500, EPOCH, 3));
    }

    @Test
    void shouldKeepEveryTaskAndItsIdFromOneStepToTheNextAndAddNewOnes() {
        // given
        Map<String, SimulatedTask> before = byId(DemoWorld.at(500, EPOCH, 1));

        // when
        Map<String, SimulatedTask> after = byId(DemoWorld.at(500, EPOCH, 2));

        // then
        assertThat(after.keySet()).containsAll(before.keySet()).hasSize(before.size() + 5);
        assertThat(after.values()).filteredOn(t -> !before.containsKey(t.id()))
            .allSatisfy(t -> assertThat(t.createdAt()).isGreaterThan(DemoWorld.time(EPOCH, 1).getEpochSecond()));
    }

    @Test
    void shouldMoveSomeUnfinishedTasksOnAndLeaveFinishedOnesAlone() {
        // given
        Map<String, SimulatedTask> before = byId(DemoWorld.at(2_000, EPOCH, 0));

        // when
        Map<String, SimulatedTask> after = byId(DemoWorld.at(2_000, EPOCH, 1));

        // then
        List<SimulatedTask> changed = before.values().stream().filter(t -> !t.equals(after.get(t.id()))).toList();
        assertThat(changed).isNotEmpty()
            .allSatisfy(t -> assertThat(t.status()).isIn("queued", "running"));
        assertThat(changed).map(t -> after.get(t.id()).status()).contains("succeeded");
        assertThat(after.values()).filteredOn(t -> "succeeded".equals(t.status()))
            .allSatisfy(t -> assertThat(t.totalTokens()).isPositive());
    }

    @Test
    void shouldBeginWithTheSameTasksWhateverTheirCount() {
        assertThat(DemoWorld.at(3_000, EPOCH, 0).subList(0, 1_000)).isEqualTo(DemoWorld.at(1_000, EPOCH, 0));
    }

    private static Map<String, SimulatedTask> byId(List<SimulatedTask> tasks) {
        return tasks.stream().collect(Collectors.toMap(SimulatedTask::id, Function.identity()));
    }
}
