package io.arktasksync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.arktasksync.client.ReceivedDigest;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** What an item's digest stands for: its bytes, its listing's tier, the mapping's version. */
class ItemDigestTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String ITEM = "{\"id\":\"cgt-1\",\"status\":\"succeeded\"}";

    @Test
    void shouldTellApartTheListingsTier() {
        // an item that names no tier is mapped to its listing's
        UUID received = received(ITEM);
        assertThat(ItemDigest.of(received, "flex")).isEqualTo(ItemDigest.of(received(ITEM), "flex"))
            .isNotEqualTo(ItemDigest.of(received, "default"))
            .isNotEqualTo(ItemDigest.of(received, null));
        assertThat(ItemDigest.of(received, "")).isEqualTo(ItemDigest.of(received, null));
    }

    @Test
    void shouldDigestAnItemWithoutReceivedBytesFromItsTextAsMapped() {
        // given
        TaskMapper mapper = new TaskMapper(JSON);

        // when: the same item received as bytes, and built in memory
        var received = (MappingResult.Mapped) mapper.map(
                new RawTaskItem(JSON.readTree(ITEM), "default", "default", 1, received(ITEM)));
        var inMemory = (MappingResult.Mapped) mapper.map(new RawTaskItem(JSON.readTree(ITEM), "default", "default", 1));
        var other = (MappingResult.Mapped) mapper.map(
                new RawTaskItem(JSON.readTree(ITEM.replace("succeeded", "failed")), "default", "default", 1));

        // then: compact JSON re-serializes to its own bytes; another item never digests alike
        assertThat(inMemory.itemDigest()).isEqualTo(received.itemDigest()).isNotEqualTo(other.itemDigest());
        assertThat(received.itemDigest()).isEqualTo(ItemDigest.of(received(ITEM), "default"));
    }

    private static UUID received(String item) {
        byte[] bytes = item.getBytes(StandardCharsets.UTF_8);
        return ReceivedDigest.of(bytes, 0, bytes.length);
    }
}
