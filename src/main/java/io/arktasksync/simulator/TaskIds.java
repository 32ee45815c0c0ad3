package io.arktasksync.simulator;

import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Issues unique ids shaped like Ark's: {@code cgt-<creation time, Beijing>-<5 random [a-z0-9]>}.
 *
 * <p>Why unique by construction: the dataset is keyed by id, so a collision would silently drop a task and
 * skew every count a test makes.
 */
final class TaskIds {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SUFFIX_LENGTH = 5;
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private final Random random;
    private final Set<String> issued = new HashSet<>();

    TaskIds(Random random) {
        this.random = random;
    }

    String next(long createdAt) {
        String prefix = "cgt-" + CompactTimestamps.dayAndTime(createdAt, BEIJING) + "-";
        while (true) {
            StringBuilder id = new StringBuilder(prefix);
            for (int i = 0; i < SUFFIX_LENGTH; i++) {
                id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String candidate = id.toString();
            if (issued.add(candidate)) {
                return candidate;
            }
        }
    }
}
