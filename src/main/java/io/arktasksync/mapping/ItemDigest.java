package io.arktasksync.mapping;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;

import io.arktasksync.client.ReceivedDigest;

/**
 * 128 bits of SHA-256 over all that {@link TaskMapper} maps an item from: the item (by the {@link ReceivedDigest}
 * of its bytes), the tier of the listing it came from (the tier of an item that names none), and the version of the
 * mapping itself. Equal digests map to equal rows, so a full run can recognise an item it stored before without
 * mapping it.
 * <p>
 * {@link #MAPPING_VERSION} is part of the digest: change it whenever the mapping or the staged columns change what
 * an item becomes (StagedRowFingerprintTest fails until it is), so that stored tasks are not judged unchanged by a
 * digest of the old mapping but written by the new one (at the latest at their next {@code last_seen_at} refresh).
 * Stateless and thread-safe.
 */
public final class ItemDigest {

    /** The version of what an item maps to (TaskMapper, the columns ChunkStaging stages). */
    public static final String MAPPING_VERSION = "ark-task-sync mapping 2";

    private static final byte[] VERSION = MAPPING_VERSION.getBytes(StandardCharsets.UTF_8);

    private ItemDigest() {
    }

    /**
     * @param received the item's digest as received
     * @param listingTier the listing's tier, null for the API's default listing
     */
    public static UUID of(UUID received, String listingTier) {
        MessageDigest sha256 = ReceivedDigest.sha256();
        sha256.update(VERSION);
        byte[] tier = (listingTier == null ? "" : listingTier).getBytes(StandardCharsets.UTF_8);
        // Lengths first: no two (tier, item) pairs feed the same bytes.
        sha256.update(ByteBuffer.allocate(4 + 16).putInt(tier.length).putLong(received.getMostSignificantBits())
            .putLong(received.getLeastSignificantBits()).array());
        sha256.update(tier);
        ByteBuffer digest = ByteBuffer.wrap(sha256.digest());
        return new UUID(digest.getLong(), digest.getLong());
    }

    /**
     * For an item that came without the digest of its bytes (built in memory): the digest of its JSON text as
     * mapping re-serialized it. Equal texts parse to equal items, as equal received bytes do, so the two kinds of
     * digest never call two different items equal; they only differ for the same item, which costs a comparison.
     */
    static UUID ofText(String itemJson, String listingTier) {
        byte[] text = itemJson.getBytes(StandardCharsets.UTF_8);
        return of(ReceivedDigest.of(text, 0, text.length), listingTier);
    }
}
