package io.arktasksync.prices;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.arktasksync.cli.exit.ExitCode;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code prices import FILE}: upserts a price list into {@code ark.model_prices} in one transaction. A bad line, or
 * a period that would overlap another, writes nothing and exits 2 with one line; the database's own check (a
 * deferred trigger) has the last word on overlaps.
 */
public class PriceImportCommand {

    private final Jdbi jdbi;

    public PriceImportCommand(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @return the exit code */
    public int run(Path file, PrintStream out, PrintStream err) {
        List<ModelPrice> prices;
        try {
            prices = PriceCsv.parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            err.println("prices: cannot read " + file + ": " + e.getMessage());
            return ExitCode.INVALID_CONFIGURATION.code();
        }
        catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ExitCode.INVALID_CONFIGURATION.code();
        }
        try {
            jdbi.useTransaction(handle -> {
                PriceDao dao = handle.attach(PriceDao.class);
                for (ModelPrice price : prices) {
                    dao.closePrevious(price.model(), price.serviceTier(), price.dimensions(), utc(price.validFrom()));
                    dao.upsert(price.model(), price.serviceTier(), price.dimensions(), price.currency(),
                            price.pricePerUnit(), price.unit(), utc(price.validFrom()), utc(price.validTo()));
                }
                // the deferred overlap check runs now, inside the try, instead of at commit
                handle.execute("SET CONSTRAINTS ALL IMMEDIATE");
            });
        }
        catch (RuntimeException e) {
            String message = rootMessage(e);
            if (message != null && message.contains("overlaps another period")) {
                err.println("prices: nothing imported from " + file + ": " + message.lines().findFirst().orElse(message));
                return ExitCode.INVALID_CONFIGURATION.code();
            }
            throw e;
        }
        out.println("prices: " + prices.size() + " price periods imported from " + file + " into ark.model_prices.");
        return ExitCode.SUCCESS.code();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
