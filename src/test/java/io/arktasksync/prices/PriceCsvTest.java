package io.arktasksync.prices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceCsvTest {

    private static final String HEADER = "model,service_tier,currency,price_per_million_tokens,valid_from,valid_to";

    @Test
    void shouldReadDatesAsMidnightUtcInstantsAsGivenAndSkipCommentsAndBlankLines() {
        // when
        List<ModelPrice> prices = PriceCsv.parse("p.csv", List.of("# example", HEADER, "",
                "m,default,USD,2.50,2026-01-01,", "m,flex,CNY,7.5,2026-01-01T08:00:00Z,2026-02-01"));

        // then
        assertThat(prices).containsExactly(
                new ModelPrice("m", "default", "USD", new BigDecimal("2.50"), Instant.parse("2026-01-01T00:00:00Z"), null),
                new ModelPrice("m", "flex", "CNY", new BigDecimal("7.5"), Instant.parse("2026-01-01T08:00:00Z"),
                        Instant.parse("2026-02-01T00:00:00Z")));
    }

    @Test
    void shouldTakeTheHeaderWithoutValidTo() {
        // when / then
        assertThat(PriceCsv.parse("p.csv", List.of("model,service_tier,currency,price_per_million_tokens,valid_from",
                "m,default,USD,1,2026-01-01"))).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "m,default,usd,2.50,2026-01-01,           | currency 'usd' is not an ISO 4217 code",
        "m,default,USD,two,2026-01-01,            | price_per_million_tokens 'two' is not a number",
        "m,default,USD,-1,2026-01-01,             | price_per_million_tokens -1 is negative",
        "m,default,USD,2.50,2026-13-01,           | valid_from '2026-13-01' is neither a date",
        "m,,USD,2.50,2026-01-01,                  | service_tier is empty",
        "m,default,USD,2.50                       | expected 5 or 6 fields, found 4",
        "m,default,USD,2.50,2026-02-01,2026-01-01 | valid_to 2026-01-01T00:00:00Z is not after valid_from",
    })
    void shouldNameTheLineAndWhatIsWrongInOneLine(String line, String expected) {
        // when / then
        assertThatThrownBy(() -> PriceCsv.parse("p.csv", List.of(HEADER, "ok,default,USD,1,2026-01-01,", line)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("prices: p.csv line 3: ")
            .hasMessageContaining(expected)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void shouldReadTheOptionalDimensionsAndUnitByNameInAnyOrder() {
        // when
        List<ModelPrice> prices = PriceCsv.parse("p.csv", List.of(
                "unit,model,service_tier,generate_audio,currency,price_per_million_tokens,valid_from,resolution",
                ",m,default,false,USD,1.20,2026-01-01,", "task,s3d,default,,USD,0.35,2026-01-01,1080p"));

        // then
        assertThat(prices).containsExactly(
                new ModelPrice("m", "default", "USD", new BigDecimal("1.20"), Instant.parse("2026-01-01T00:00:00Z"), null,
                        new PriceDimensions(false, null, null, null), false),
                new ModelPrice("s3d", "default", "USD", new BigDecimal("0.35"), Instant.parse("2026-01-01T00:00:00Z"),
                        null, new PriceDimensions(null, "1080p", null, null), true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "model,service_tier,currency,price_per_million_tokens,valid_from,audio | the first line must be the header",
        "model,service_tier,currency,valid_from                                | the first line must be the header",
    })
    void shouldRefuseAnUnknownOrMissingColumn(String header, String expected) {
        // when / then
        assertThatThrownBy(() -> PriceCsv.parse("p.csv", List.of(header, "m,default,USD,1,2026-01-01")))
            .hasMessageContaining(expected);
    }

    @Test
    void shouldRefuseAFlagThatIsNotTrueOrFalse() {
        // when / then
        assertThatThrownBy(() -> PriceCsv.parse("p.csv", List.of(HEADER + ",draft", "m,default,USD,1,2026-01-01,,yes")))
            .hasMessage("prices: p.csv line 2: draft 'yes' is not true, false or empty (any)");
    }

    @Test
    void shouldRefuseAFileWithoutHeader() {
        // when / then
        assertThatThrownBy(() -> PriceCsv.parse("p.csv", List.of("m,default,USD,1,2026-01-01,")))
            .hasMessage("prices: p.csv line 1: the first line must be the header " + HEADER + " (valid_to optional; "
                    + "optional by name: generate_audio, resolution, draft, with_video_input, unit)");
        assertThatThrownBy(() -> PriceCsv.parse("p.csv", List.of("# nothing")))
            .hasMessageContaining("has no header line");
    }
}
