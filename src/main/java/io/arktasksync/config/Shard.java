package io.arktasksync.config;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which accounts this process syncs when N processes (the pods of one Kubernetes Indexed Job) split them: shard
 * {@code index} of {@code count}. An account belongs to the shard of a stable hash of its name (SHA-256, not
 * {@code String.hashCode}, so the split does not depend on the Java version), the same in every pod and every run:
 * no coordination, no shared state, and adding an account moves no other.
 *
 * @param index 0-based
 * @param count number of shards, at least 1
 */
public record Shard(int index, int count) {

    /** Every account: one process. */
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("a shard is i/n with 0 <= i < n, got " + index + "/" + count);
        }
    }

    /**
     * @param shard {@code ARK_SHARD} ({@code i/n}), or blank
     * @param shardCount {@code ARK_SHARD_COUNT}, used with {@code completionIndex} when {@code shard} is blank
     * @param completionIndex the Indexed Job's {@code JOB_COMPLETION_INDEX}, or blank
     * @throws IllegalArgumentException with a message for the operator
     */
    public static Shard of(String shard, Integer shardCount, String completionIndex) {
        if (shard != null && !shard.isBlank()) {
            String[] parts = shard.trim().split("/", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("ARK_SHARD (ark.shard) must be i/n such as 2/8, got '" + shard + "'");
            }
            return parse(parts[0], parts[1], "ARK_SHARD (ark.shard) must be i/n with 0 <= i < n, got '" + shard + "'");
        }
        if (shardCount == null) {
            return ALL;
        }
        if (completionIndex == null || completionIndex.isBlank()) {
            throw new IllegalArgumentException("ARK_SHARD_COUNT (ark.shard-count) is set but JOB_COMPLETION_INDEX is "
                    + "not (it is set in the pods of an Indexed Job); or set ARK_SHARD=i/n");
        }
        return parse(completionIndex, String.valueOf(shardCount), "JOB_COMPLETION_INDEX (" + completionIndex
                + ") must be between 0 and ARK_SHARD_COUNT - 1 (" + shardCount + " - 1)");
    }

    private static Shard parse(String index, String count, String problem) {
        try {
            return new Shard(Integer.parseInt(index.trim()), Integer.parseInt(count.trim()));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Whether this shard syncs the account. */
    public boolean includes(String account) {
        return shardOf(account, count) == index;
    }

    /** The shard of an account among {@code count}. */
    public static int shardOf(String account, int count) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(account.getBytes(StandardCharsets.UTF_8));
            return Math.floorMod(ByteBuffer.wrap(digest).getInt(), count);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
