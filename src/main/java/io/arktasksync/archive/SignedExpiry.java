package io.arktasksync.archive;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * When a pre-signed link dies, as its own query says: {@code X-Tos-Date} + {@code X-Tos-Expires} (TOS, what Ark
 * returns) or {@code X-Amz-Date} + {@code X-Amz-Expires} (S3-style signing). A link whose signature has run out is
 * recorded expired without a request: on a first archive run against weeks of stored tasks that saves one refused
 * request per dead link.
 */
final class SignedExpiry {

    private static final DateTimeFormatter SIGNING_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private SignedExpiry() {
    }

    /** @return when the link's signature runs out, or null when its query does not say */
    static Instant of(String url) {
        String query;
        try {
            query = URI.create(url).getRawQuery();
        }
        catch (IllegalArgumentException e) {
            return null;
        }
        if (query == null) {
            return null;
        }
        Map<String, String> parameters = new HashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(pair.substring(0, equals).toLowerCase(Locale.ROOT), pair.substring(equals + 1));
            }
        }
        for (String vendor : new String[] { "x-tos-", "x-amz-" }) {
            String date = parameters.get(vendor + "date");
            String expires = parameters.get(vendor + "expires");
            if (date != null && expires != null) {
                try {
                    return LocalDateTime.parse(date, SIGNING_DATE).toInstant(ZoneOffset.UTC)
                        .plusSeconds(Long.parseLong(expires));
                }
                catch (RuntimeException unreadable) {
                    return null;
                }
            }
        }
        return null;
    }
}
