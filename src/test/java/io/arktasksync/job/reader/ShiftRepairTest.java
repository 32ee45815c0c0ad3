package io.arktasksync.job.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which pages a drop of {@code total} sends the reader back to, and when the budget ends it. */
class ShiftRepairTest {

    @ParameterizedTest(name = "forward page {0}, total {1} -> {2}: {3}")
    @CsvSource({
        // forward page, total before, total now, verdict, pages queued (highest first)
        "3, 100, 100, STEADY, ''",
        "3, 100, 120, STEADY, ''",
        "3, 100, 98, DROPPED, 3",
        "3, 100, 85, DROPPED, 3 2",
        "3, 100, 10, DROPPED, 3 2 1",
    })
    void shouldQueueThePagesADropCanHaveShiftedTasksInto(int forwardPage, long before, long now,
            ShiftRepair.Verdict verdict, String queued) {
        // given pages of 10
        ShiftRepair repair = new ShiftRepair(10);
        repair.totalSeen(before);
        repair.forwardRead(forwardPage);

        // when
        ShiftRepair.Verdict seen = repair.totalSeen(now);

        // then
        assertThat(seen).isEqualTo(verdict);
        assertThat(drain(repair)).isEqualTo(queued.isEmpty() ? List.of()
                : List.of(queued.split(" ")).stream().map(Integer::valueOf).toList());
    }

    @Test
    void shouldSpendItsBudgetWhenTheTotalKeepsDropping() {
        // given a listing of 5 pages of 10: a budget of 20 re-reads
        ShiftRepair repair = new ShiftRepair(10);
        repair.totalSeen(50);
        repair.forwardRead(2);
        List<ShiftRepair.Verdict> verdicts = new ArrayList<>();

        // when every read shows one task fewer
        for (long total = 49; total > 20; total--) {
            verdicts.add(repair.totalSeen(total));
            if (repair.hasRereads()) {
                repair.nextReread();
            }
        }

        // then
        assertThat(repair.budget()).isEqualTo(20);
        assertThat(verdicts.subList(0, 20)).containsOnly(ShiftRepair.Verdict.DROPPED);
        assertThat(verdicts.subList(20, verdicts.size())).containsOnly(ShiftRepair.Verdict.BUDGET_SPENT);
    }

    @Test
    void shouldMoveQueuedPagesToANewPageSize() {
        // given page 3 of 10 queued (offsets 20-29)
        ShiftRepair repair = new ShiftRepair(10);
        repair.totalSeen(100);
        repair.forwardRead(3);
        repair.totalSeen(95);

        // when the upstream turns out to serve pages of 5
        repair.resize(5, 6);

        // then pages 5 and 6 of 5 hold those offsets
        assertThat(drain(repair)).containsExactly(6, 5);
        assertThat(repair.forwardPage()).isEqualTo(6);
    }

    @Test
    void shouldNoticeADropAgainstTheRestoredTotal() {
        // given a resumed listing at page 4 whose failed run last saw 100 and still owed page 2
        ShiftRepair repair = new ShiftRepair(10);
        repair.restore(100, 4, List.of(2));

        // when
        ShiftRepair.Verdict verdict = repair.totalSeen(97);

        // then page 3, the last before the restart page, and the owed page 2 are read again
        assertThat(verdict).isEqualTo(ShiftRepair.Verdict.DROPPED);
        assertThat(drain(repair)).containsExactly(3, 2);
    }

    private static List<Integer> drain(ShiftRepair repair) {
        List<Integer> pages = new ArrayList<>();
        while (repair.hasRereads()) {
            pages.add(repair.nextReread());
        }
        return pages;
    }

    @Test
    void shouldCoverASmallDropByTheNextOverlappingReadInsteadOfAReread() {
        // given pages of 100, page 3 read (frontier 300), then page 4 read showing a drop of 3
        ShiftRepair repair = new ShiftRepair(100);
        repair.totalSeen(1000);
        repair.windowRead(0, 100);
        repair.windowRead(100, 100);
        repair.windowRead(200, 100);

        // when
        ShiftRepair.Verdict verdict = repair.totalSeen(997);
        boolean covered = repair.windowRead(300, 100);

        // then nothing is re-read, the frontier stays, and the next read starts low enough
        assertThat(verdict).isEqualTo(ShiftRepair.Verdict.DROPPED);
        assertThat(covered).isFalse();
        assertThat(repair.hasRereads()).isFalse();
        assertThat(repair.frontier()).isEqualTo(300);
        OverlapWindow next = repair.nextWindow(500);
        assertThat(next.start()).isLessThanOrEqualTo(300 - 3);
        repair.totalSeen(995);
        assertThat(repair.windowRead(next.start(), next.size())).isTrue();
        assertThat(repair.frontier()).isEqualTo(next.start() + next.size());
    }
}
