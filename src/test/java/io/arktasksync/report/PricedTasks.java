package io.arktasksync.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * Tasks and prices written straight into a migrated database, with what their cost must be computed in Java: two
 * accounts, both tiers, a price that changes in the middle of November (at 12:00 UTC on the 15th), a model with no
 * price at all, and a priced model's tasks created before its first price.
 */
final class PricedTasks {

    static final String PRO = "doubao-seedance-1-0-pro-250528";

    static final String LITE = "doubao-seedance-1-0-lite-t2v-250428";

    /** Never priced: its tasks are unpriced. */
    static final String UNPRICED = "seedance-1-5-pro-251215";

    static final Instant PRICE_CHANGE = Instant.parse("2026-11-15T12:00:00Z");

    static final Instant FIRST_PRICE = Instant.parse("2026-10-01T00:00:00Z");

    static final List<Price> PRICES = List.of(
            new Price(PRO, "default", "USD", new BigDecimal("2.50"), FIRST_PRICE, PRICE_CHANGE),
            new Price(PRO, "default", "USD", new BigDecimal("2.00"), PRICE_CHANGE, null),
            new Price(PRO, "flex", "USD", new BigDecimal("1.25"), FIRST_PRICE, PRICE_CHANGE),
            new Price(PRO, "flex", "USD", new BigDecimal("1.00"), PRICE_CHANGE, null),
            new Price(LITE, "default", "USD", new BigDecimal("1.80"), FIRST_PRICE, null),
            new Price(LITE, "flex", "USD", new BigDecimal("0.90"), FIRST_PRICE, null));

    private static final List<String> STATUSES = List.of("succeeded", "succeeded", "succeeded", "failed", "expired",
            "running");

    record Price(String model, String tier, String currency, BigDecimal perMillion, Instant from, Instant to) {

        boolean holds(Task task) {
            return model.equals(task.model()) && tier.equals(task.tier()) && !task.createdAt().isBefore(from)
                    && (to == null || task.createdAt().isBefore(to));
        }
    }

    /** @param totalTokens null: no usage reported */
    record Task(String id, String account, String model, String tier, String status, Instant createdAt,
            Long totalTokens) {

        LocalDate day() {
            return LocalDate.ofInstant(createdAt, ZoneOffset.UTC);
        }

        LocalDate month() {
            return day().withDayOfMonth(1);
        }

        Price price() {
            return PRICES.stream().filter(p -> p.holds(this)).reduce((a, b) -> {
                throw new IllegalStateException("two prices for " + this);
            }).orElse(null);
        }

        /** Null when unpriced or no usage was reported. */
        BigDecimal cost() {
            Price price = price();
            if (price == null || totalTokens == null) {
                return null;
            }
            return price.perMillion().multiply(BigDecimal.valueOf(totalTokens)).divide(BigDecimal.valueOf(1_000_000));
        }
    }

    private PricedTasks() {
    }

    /**
     * {@code count} tasks created between 2026-09-25 and 2026-12-05 (so some precede every price), plus one created
     * exactly at the price change and one a second before it.
     */
    static List<Task> generate(int count, long seed) {
        Random random = new Random(seed);
        List<String> models = List.of(PRO, LITE, UNPRICED);
        long start = Instant.parse("2026-09-25T00:00:00Z").getEpochSecond();
        long end = Instant.parse("2026-12-05T00:00:00Z").getEpochSecond();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String status = STATUSES.get(random.nextInt(STATUSES.size()));
            Long tokens = switch (status) {
                case "succeeded", "expired" -> 10_000L + random.nextInt(400_000);
                case "failed" -> random.nextBoolean() ? 0L : null;
                default -> null;
            };
            tasks.add(new Task(String.format("cgt-p%06d", i), random.nextBoolean() ? "team-a" : "team-b",
                    models.get(random.nextInt(models.size())), random.nextInt(5) == 0 ? "flex" : "default", status,
                    Instant.ofEpochSecond(start + (long) (random.nextDouble() * (end - start))), tokens));
        }
        tasks.add(new Task("cgt-at-change", "team-a", PRO, "default", "succeeded", PRICE_CHANGE, 1_000_003L));
        tasks.add(new Task("cgt-before-change", "team-a", PRO, "default", "succeeded", PRICE_CHANGE.minusSeconds(1),
                1_000_003L));
        return tasks;
    }

    /** Opens a database made by {@link TestDatabase#createMigrated()}. */
    static Jdbi open(TestDatabase database) {
        return database.jdbi().installPlugin(new PostgresPlugin());
    }

    static void insert(Jdbi jdbi, List<Task> tasks) {
        jdbi.useTransaction(h -> {
            insertPrices(h);
            var task = h.prepareBatch("""
                    INSERT INTO ark.tasks (id, account, model, status, service_tier, created_at, updated_at,
                                           first_seen_at, last_seen_at, last_changed_at, raw)
                    VALUES (:id, :account, :model, :status, :tier, :created, :created, now(), now(), now(), '{}')""");
            var usage = h.prepareBatch("""
                    INSERT INTO ark.task_usage (task_id, completion_tokens, total_tokens, recorded_at)
                    VALUES (:id, :tokens, :tokens, now())""");
            for (Task t : tasks) {
                task.bind("id", t.id()).bind("account", t.account()).bind("model", t.model())
                    .bind("status", t.status()).bind("tier", t.tier()).bind("created", utc(t.createdAt())).add();
                if (t.totalTokens() != null) {
                    usage.bind("id", t.id()).bind("tokens", t.totalTokens()).add();
                }
            }
            task.execute();
            usage.execute();
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static void insertPrices(Handle h) {
        var batch = h.prepareBatch("""
                INSERT INTO ark.model_prices (model, service_tier, currency, price_per_million_tokens, valid_from,
                                              valid_to)
                VALUES (:model, :tier, :currency, :price, :from, :to)""");
        for (Price p : PRICES) {
            batch.bind("model", p.model()).bind("tier", p.tier()).bind("currency", p.currency())
                .bind("price", p.perMillion()).bind("from", utc(p.from())).bindByType("to", utc(p.to()), OffsetDateTime.class)
                .add();
        }
        batch.execute();
    }
}
