package io.arktasksync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardTest {

    private static final List<String> ACCOUNTS = IntStream.range(0, 500).mapToObj(i -> "team-" + i).toList();

    @ParameterizedTest(name = "{0} shards")
    @ValueSource(ints = { 1, 2, 3, 4, 5, 6, 7, 8 })
    void shouldPutEveryAccountIntoExactlyOneShard(int count) {
        for (String account : ACCOUNTS) {
            // when
            List<Integer> shards = IntStream.range(0, count)
                .filter(index -> new Shard(index, count).includes(account))
                .boxed()
                .toList();

            // then
            assertThat(shards).as(account).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0} shards")
    @ValueSource(ints = { 2, 3, 4, 5, 6, 7, 8 })
    void shouldSpreadManyAccountsEvenly(int count) {
        for (int index = 0; index < count; index++) {
            Shard shard = new Shard(index, count);
            long mine = ACCOUNTS.stream().filter(shard::includes).count();
            // 500 / n accounts each, within 40%
            assertThat(mine).as("shard %s", shard).isBetween((long) (500 / count * 0.6), (long) (500 / count * 1.4));
        }
    }

    @Test
    void shouldSplitTheSameWayInEveryProcess() {
        // the shard of an account must not depend on the JVM, the order of the list or the other accounts: a pod
        // that computed it differently would sync an account twice or never
        assertThat(Shard.shardOf("team-a", 8)).isEqualTo(Shard.shardOf("team-a", 8));
        assertThat(IntStream.range(0, 8).filter(i -> new Shard(i, 8).includes("team-a")).boxed().toList())
            .containsExactly(Shard.shardOf("team-a", 8));
        assertThat(List.of(Shard.shardOf("team-a", 8), Shard.shardOf("team-b", 8), Shard.shardOf("default", 8)))
            .as("SHA-256 of the name, first four bytes, modulo 8: fixed once and for all")
            .containsExactly(expectedShard("team-a"), expectedShard("team-b"), expectedShard("default"));
    }

    /** The same arithmetic written out independently of {@link Shard}. */
    private static int expectedShard(String name) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            int first = ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8)
                    | (digest[3] & 0xff);
            return Math.floorMod(first, 8);
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldReadTheShardFromArkShardOrFromTheIndexedJobsCompletionIndex() {
        assertThat(Shard.of("2/8", null, null)).isEqualTo(new Shard(2, 8));
        assertThat(Shard.of(" 0/1 ", null, "5")).isEqualTo(Shard.ALL);
        assertThat(Shard.of(null, 8, "7")).isEqualTo(new Shard(7, 8));
        assertThat(Shard.of("", null, "3")).as("an index alone says nothing of n").isEqualTo(Shard.ALL);
        assertThat(Shard.of(null, null, null)).isEqualTo(Shard.ALL);
    }

    @Test
    void shouldRefuseAShardThatCannotBe() {
        assertThatThrownBy(() -> Shard.of("8/8", null, null)).hasMessageContaining("ARK_SHARD");
        assertThatThrownBy(() -> Shard.of("-1/8", null, null)).hasMessageContaining("ARK_SHARD");
        assertThatThrownBy(() -> Shard.of("2", null, null)).hasMessageContaining("ARK_SHARD");
        assertThatThrownBy(() -> Shard.of("a/b", null, null)).hasMessageContaining("ARK_SHARD");
        assertThatThrownBy(() -> Shard.of(null, 8, null)).hasMessageContaining("JOB_COMPLETION_INDEX");
        assertThatThrownBy(() -> Shard.of(null, 8, "8")).hasMessageContaining("JOB_COMPLETION_INDEX");
        assertThatThrownBy(() -> Shard.of(null, 0, "0")).hasMessageContaining("JOB_COMPLETION_INDEX");
    }
}
