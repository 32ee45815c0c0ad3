package io.arktasksync.config;

import java.util.Locale;

/**
 * A tier of the API's listings, {@code ark.filter.service-tier}: spelled exactly as the API spells it, in lower case
 * ({@code Flex} is refused, not read as {@code flex}: the API would not).
 */
public enum ServiceTier {

    DEFAULT, FLEX;

    /** As the API and the stored rows spell it. */
    public String apiValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value as configured
     * @return the tier, or null for an empty value (both tiers)
     * @throws ClosedSetException naming the accepted values
     */
    public static ServiceTier parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (ServiceTier tier : values()) {
            if (tier.apiValue().equals(value)) {
                return tier;
            }
        }
        throw new ClosedSetException("must be 'default' or 'flex', got '" + value + "'");
    }
}
