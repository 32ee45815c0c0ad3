package io.arktasksync.prices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.arktasksync.support.CapturedRun;
import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prices import FILE} through the application's entry point, into a fresh database. */
class PricesImportIT {

    private static final String HEADER = "model,service_tier,currency,price_per_million_tokens,valid_from,valid_to\n";

    private static final Path EXAMPLE = Path.of("src/docs/example-model-prices.csv");

    @TempDir
    Path dir;

    private TestDatabase database;

    private Jdbi jdbi;

    @BeforeEach
    void setUp() {
        database = TestDatabase.create();
        jdbi = database.jdbi();
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void shouldImportTheDocumentedExampleAndChangeNothingWhenImportedAgain() {
        // when
        CapturedRun first = prices(EXAMPLE);
        List<Map<String, Object>> once = rows();
        CapturedRun second = prices(EXAMPLE);

        // then
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).contains("10 price periods imported");
        assertThat(once).hasSize(10).allSatisfy(row -> assertThat(row.get("valid_to")).isNull());
        assertThat(second.exitCode()).isZero();
        assertThat(rows()).isEqualTo(once);
    }

    @Test
    void shouldCloseThePreviousPeriodWhereANewPriceStartsAndEndANewPeriodAtTheNextOne() throws IOException {
        // given
        assertThat(prices(file(HEADER + "m,default,USD,2.50,2026-01-01,\nm,default,USD,2.00,2026-11-15T12:00:00Z,\n"))
            .exitCode()).isZero();

        // when: a period between the two, given after them
        CapturedRun run = prices(file(HEADER + "m,default,USD,2.20,2026-06-01,\n"));

        // then
        assertThat(run.exitCode()).isZero();
        assertThat(rows()).extracting(r -> r.get("price") + " " + r.get("valid_from") + " " + r.get("valid_to"))
            .containsExactly("2.50 2026-01-01 00:00:00+00 2026-06-01 00:00:00+00",
                    "2.20 2026-06-01 00:00:00+00 2026-11-15 12:00:00+00",
                    "2.00 2026-11-15 12:00:00+00 null");
    }

    @Test
    void shouldRefuseABadLineWithOneLineAndExit2WritingNothing() throws IOException {
        // when (PriceCsvTest covers every kind of bad line)
        CapturedRun run = prices(file(HEADER + "ok,default,USD,1,2026-01-01,\nm,default,usd,2.50,2026-01-01,\n"));

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement()
            .satisfies(message -> assertThat(message).startsWith("prices: ").contains(" line 3: "));
        assertThat(rows()).isEmpty();
    }

    @Test
    void shouldRefuseAPeriodThatOverlapsTheNextAndWriteNothing() throws IOException {
        // given
        assertThat(prices(file(HEADER + "m,default,USD,2.00,2026-06-01,\n")).exitCode()).isZero();

        // when: a closed period that runs past the start of the next one
        CapturedRun run = prices(file(HEADER + "x,flex,USD,1,2026-01-01,\nm,default,USD,2.50,2026-01-01,2026-07-01\n"));

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().filter(l -> l.startsWith("prices: ")).toList()).singleElement()
            .satisfies(message -> assertThat(message).contains("overlaps another period"));
        assertThat(rows()).hasSize(1);
    }

    @Test
    void shouldRefuseAFileWithoutHeaderAndAMissingFile() throws IOException {
        // when
        CapturedRun noHeader = prices(file("m,default,USD,2.00,2026-06-01,\n"));
        CapturedRun missing = prices(dir.resolve("missing.csv"));
        CapturedRun noFile = CapturedRun.of("prices", "import");

        // then
        assertThat(noHeader.exitCode()).isEqualTo(2);
        assertThat(noHeader.err()).contains("the first line must be the header");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("prices: cannot read");
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.err().lines().toList()).singleElement()
            .satisfies(message -> assertThat(message).startsWith("prices: expected 'import FILE.csv'"));
    }

    private List<Map<String, Object>> rows() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT model, service_tier, currency, price_per_million_tokens::text AS price,
                       to_char(valid_from AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS+00') AS valid_from,
                       coalesce(to_char(valid_to AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS+00'), 'null') AS valid_to
                FROM ark.model_prices ORDER BY model, service_tier, valid_from""").mapToMap().list())
            .stream().map(row -> {
                row.replaceAll((k, v) -> "null".equals(v) ? null : v);
                return row;
            }).toList();
    }

    private Path file(String content) throws IOException {
        Path file = Files.createTempFile(dir, "prices", ".csv");
        Files.writeString(file, content);
        return file;
    }

    private CapturedRun prices(Path file) {
        return CapturedRun.of(Stream.concat(Stream.of("prices", "import", file.toString()),
                Arrays.stream(database.springArguments())).toArray(String[]::new));
    }
}
