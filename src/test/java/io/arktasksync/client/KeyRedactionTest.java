package io.arktasksync.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class KeyRedactionTest {

    private static final String KEY = "sk-test-5f0c1d2e3a4b";

    @Test
    void shouldMaskEveryOccurrenceOfTheKeyByteForByte() {
        // given: the key at the start, twice in the middle, at the end; a near miss; non-ASCII text around it
        String body = KEY + " é " + KEY + KEY + " sk-test-5f0c1d2e3a4 ü " + KEY;

        // when
        byte[] masked = new KeyRedaction(KEY).apply(body.getBytes(StandardCharsets.UTF_8));

        // then
        assertThat(new String(masked, StandardCharsets.UTF_8)).isEqualTo("*** é ****** sk-test-5f0c1d2e3a4 ü ***");
    }

    @Test
    void shouldHandBackABodyWithoutTheKeyAsItIs() {
        byte[] clean = "no key here".getBytes(StandardCharsets.UTF_8);

        assertThat(new KeyRedaction(KEY).apply(clean)).isSameAs(clean);
    }

    @Test
    void shouldLeaveShortKeysAlone() {
        byte[] body = "a short key: abc".getBytes(StandardCharsets.UTF_8);

        assertThat(new KeyRedaction("abc").apply(body)).isSameAs(body);
    }
}
