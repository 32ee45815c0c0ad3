package io.arktasksync.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.arktasksync.support.CapturedRun;
import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code report --format focus-csv} ({@code ark.focus_costs}, db/V19): its header against the column list of the FOCUS
 * 1.2 specification itself (src/test/resources/focus/, with its source), and its cost against the cost views.
 */
class FocusExportIT {

    private static final String FROM = "2026-11-01";

    private static final String TO = "2026-11-30";

    private static TestDatabase database;

    private static Jdbi jdbi;

    @BeforeAll
    static void insertTasksAndPrices() {
        database = TestDatabase.createMigrated();
        jdbi = PricedTasks.open(database);
        PricedTasks.insert(jdbi, PricedTasks.generate(2_000, 9L));
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    @Test
    void shouldNameEveryColumnAsTheSpecificationDoesOrAsACustomOne() throws IOException {
        // given
        List<String> specification = specificationColumns();

        // when
        CapturedRun run = focus();

        // then: FOCUS names, or x_ for columns of our own (as FOCUS asks of custom columns); the mandatory
        // dimensions and metrics the issue names among them
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> header = Arrays.asList(run.out().lines().findFirst().orElseThrow().split(","));
        assertThat(header).allSatisfy(column -> assertThat(specification.contains(column) || column.startsWith("x_"))
            .as(column + " is a FOCUS 1.2 column or a custom x_ one").isTrue());
        assertThat(header).contains("BilledCost", "EffectiveCost", "ListCost", "ListUnitPrice", "BillingCurrency",
                "ChargePeriodStart", "ChargePeriodEnd", "ChargeCategory", "ChargeDescription", "ConsumedQuantity",
                "ConsumedUnit", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "InvoiceIssuerName",
                "ServiceName", "ServiceCategory", "ResourceId", "SkuId", "Tags");
        assertThat(header).doesNotHaveDuplicates();
    }

    @Test
    void shouldExportAnEffectiveCostThatAddsUpToTheCostViewsTotalForThePeriod() {
        // when
        CapturedRun run = focus();

        // then
        List<String> lines = run.out().lines().toList();
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int effective = header.indexOf("EffectiveCost");
        int listPrice = header.indexOf("ListUnitPrice");
        int quantity = header.indexOf("PricingQuantity");
        BigDecimal exported = BigDecimal.ZERO;
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = csv(line);
            BigDecimal cost = new BigDecimal(fields[effective]);
            exported = exported.add(cost);
            // the specification: ListUnitPrice x PricingQuantity = ListCost
            assertThat(new BigDecimal(fields[listPrice]).multiply(new BigDecimal(fields[quantity])))
                .isEqualByComparingTo(cost);
        }
        BigDecimal views = jdbi.withHandle(h -> h.createQuery(
                "SELECT sum(cost) FROM ark.daily_cost WHERE day BETWEEN DATE '" + FROM + "' AND DATE '" + TO + "'")
            .mapTo(BigDecimal.class).one());
        assertThat(views).isPositive();
        assertThat(exported).isEqualByComparingTo(views);
    }

    private static CapturedRun focus() {
        return CapturedRun.of(Stream.concat(Stream.of("report", "--from", FROM, "--to", TO, "--format", "focus-csv"),
                Arrays.stream(database.springArguments())).toArray(String[]::new));
    }

    /** Splits a line of the export; only Tags and ChargeDescription can be quoted, and a quoted field is JSON. */
    private static String[] csv(String line) {
        List<String> fields = new java.util.ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                }
                else {
                    quoted = !quoted;
                }
            }
            else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            }
            else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields.toArray(String[]::new);
    }

    private static List<String> specificationColumns() throws IOException {
        try (InputStream in = FocusExportIT.class.getResourceAsStream("/focus/focus-1.2-columns.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}
