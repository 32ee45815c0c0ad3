package io.arktasksync.client;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** How the application reads and writes API items; tests and benchmarks use the same. */
public final class ArkJsonMapper {

    private ArkJsonMapper() {
    }

    /**
     * Decimals stay BigDecimal so that {@code raw} keeps the digits the API sent rather than a double's rounding.
     * What this mapper writes is part of every stored row: a change here is a change of the mapping
     * ({@code ItemDigest.MAPPING_VERSION}).
     */
    public static JsonMapper create() {
        return JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    }
}
