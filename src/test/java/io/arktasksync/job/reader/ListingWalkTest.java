package io.arktasksync.job.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.arktasksync.client.TaskPageResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The end rules of one listing's walk, one page judged at a time. */
class ListingWalkTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest(name = "page {0} of {1} asked, {2} served of total {3}: {5}")
    @CsvSource({
        // page, asked, served, total, created_from, end, next page, page size
        "1, 10, 0, 0, , EMPTY, 1, 10",
        "1, 10, 4, 4, , LAST_PAGE, 1, 10",
        "3, 10, 10, 30, , NONE, 4, 10",
        "3, 10, 7, 27, , LAST_PAGE, 3, 10",
        "1, 500, 100, 1200, , NONE, 2, 100",
        "2, 300, 100, 1200, , NONE, 4, 100",
        "3, 300, 100, 1200, , PAGE_LIMIT, 7, 100",
        "2, 500, 400, 2000, , NONE, 3, 400",
        "5, 10, 10, 900, , PAGE_LIMIT, 5, 10",
        "1, 10, 10, 100, 1000000005, CREATED_FROM, 1, 10",
        "1, 10, 10, 100, 1000000000, NONE, 2, 10",
    })
    void shouldJudgeAForwardPage(int page, int asked, int served, long total, Long createdFrom, ListingWalk.End end,
            int nextPage, int pageSize) {
        // given a walk at that page, items served newest first, created 1000000000 + 9 down to + 0
        ListingWalk walk = new ListingWalk(createdFrom, asked, 5, page);

        // when
        boolean handOn = walk.accept(page, asked, new TaskPageResponse(total, items("p" + page + "-", served, false)));

        // then
        assertThat(walk.end()).isEqualTo(end);
        assertThat(walk.nextPage()).isEqualTo(nextPage);
        assertThat(walk.pageSize()).isEqualTo(pageSize);
        assertThat(handOn).isEqualTo(served > 0);
    }

    @ParameterizedTest(name = "oldest first: {0}")
    @CsvSource({ "false, CREATED_FROM", "true, NONE" })
    void shouldIgnoreTheFloorOfAListingFoundOldestFirst(boolean oldestFirst, ListingWalk.End end) {
        // given an incremental walk whose floor lies inside page 1
        ListingWalk walk = new ListingWalk(1_000_000_005L, 10, 5, 1);

        // when
        walk.accept(1, 10, new TaskPageResponse(100, items("a-", 10, oldestFirst)));

        // then
        assertThat(walk.oldestFirst()).isEqualTo(oldestFirst);
        assertThat(walk.end()).isEqualTo(end);
    }

    @ParameterizedTest(name = "second page repeats the first: {0}")
    @CsvSource({ "true, PAGE_NUM_IGNORED", "false, NONE" })
    void shouldEndWhenAPageRepeatsThePreviousOne(boolean repeat, ListingWalk.End end) {
        // given
        ListingWalk walk = new ListingWalk(null, 10, 5, 1);
        walk.accept(1, 10, new TaskPageResponse(100, items("a-", 10, false)));

        // when
        boolean handOn = walk.accept(2, 10, new TaskPageResponse(100, items(repeat ? "a-" : "b-", 10, false)));

        // then
        assertThat(walk.end()).isEqualTo(end);
        assertThat(handOn).isEqualTo(!repeat);
    }

    @ParameterizedTest(name = "{0} caps learnt before")
    @CsvSource({ "2, NONE", "3, LAST_PAGE" })
    void shouldStopLearningCapsFromPagesThatKeepShrinking(int capsBefore, ListingWalk.End end) {
        // given a walk whose pages shrank already
        ListingWalk walk = new ListingWalk(null, 64, 500, 1);
        int size = 64;
        for (int i = 0; i < capsBefore; i++) {
            walk.accept(walk.nextPage(), size, new TaskPageResponse(10_000, items("c" + i + "-", size / 2, false)));
            size = walk.pageSize();
        }

        // when
        walk.accept(walk.nextPage(), size, new TaskPageResponse(10_000, items("last-", size / 2, false)));

        // then
        assertThat(walk.end()).isEqualTo(end);
    }

    private static List<JsonNode> items(String prefix, int count, boolean oldestFirst) {
        List<JsonNode> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode item = JSON.createObjectNode();
            item.put("id", prefix + i);
            item.put("created_at", 1_000_000_000L + (oldestFirst ? i : count - 1 - i));
            items.add(item);
        }
        return items;
    }
}
