package io.arktasksync.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://db:5432/ark?user=sync&password=s3cret&ssl=true | jdbc:postgresql://db:5432/ark?user=sync&password=***&ssl=true",
        "jdbc:postgresql://db/ark?password=s3cret                         | jdbc:postgresql://db/ark?password=***",
        "jdbc:postgresql://db/ark?user=sync&PASSWORD=s3cret               | jdbc:postgresql://db/ark?user=sync&PASSWORD=***",
        "jdbc:postgresql://db/ark?password=                                | jdbc:postgresql://db/ark?password=***",
        "jdbc:sqlserver://db;user=sync;password=s3cret;encrypt=true        | jdbc:sqlserver://db;user=sync;password=***;encrypt=true",
        "jdbc:postgresql://sync:s3cret@db:5432/ark                         | jdbc:postgresql://sync:***@db:5432/ark",
        "jdbc:postgresql://sync:s3cret@db/ark?password=other               | jdbc:postgresql://sync:***@db/ark?password=***"
    })
    void shouldHideThePassword(String url, String expected) {
        // when
        String shown = JdbcUrls.withoutPassword(url);

        // then
        assertThat(shown).isEqualTo(expected).doesNotContain("s3cret").doesNotContain("other");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://localhost:5432/ark",
        "jdbc:postgresql://db/ark?user=sync&ssl=true",
        "jdbc:postgresql://sync@db/ark",
        "jdbc:postgresql://db/ark?passwordless=true"
    })
    void shouldLeaveAUrlWithoutPasswordAlone(String url) {
        // when
        String shown = JdbcUrls.withoutPassword(url);

        // then
        assertThat(shown).isEqualTo(url);
    }

    @Test
    void shouldHideEveryPasswordParameter() {
        // when
        String shown = JdbcUrls.withoutPassword("jdbc:postgresql://db/ark?password=one&user=u&password=two");

        // then
        assertThat(shown).isEqualTo("jdbc:postgresql://db/ark?password=***&user=u&password=***");
    }

    @Test
    void shouldHideTheSslPassword() {
        // when
        String shown = JdbcUrls.withoutPassword(
                "jdbc:postgresql://db/ark?sslmode=verify-full&sslkey=/k.pk8&sslpassword=keyPass");

        // then
        assertThat(shown).doesNotContain("keyPass");
    }
}
