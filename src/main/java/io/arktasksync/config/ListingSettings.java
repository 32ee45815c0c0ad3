package io.arktasksync.config;

import java.time.Duration;

import org.hibernate.validator.constraints.Range;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a run reads and how it pages through it: full or incremental, and the API's paging limits. Shared by all
 * accounts.
 *
 * @param pageSize items per request, 1..500
 * @param maxPageNum highest page_num the API accepts (500 on Ark): the cap of one listing
 * @param prefetchPages pages fetched and parsed ahead while the current chunk is written (0 = none), 0..16
 * @param fullScan read everything even when an incremental run would do (--full on the command line)
 * @param fullScanInterval an incremental run needs a reconciled full run younger than this
 * @param incrementalOverlap how far below the newest stored task an incremental run reads each tier
 */
@ConfigurationProperties("ark")
public record ListingSettings(
        @DefaultValue("500") @Range(min = 1, max = API_MAX_PAGE_SIZE) int pageSize,
        @DefaultValue("500") @Range(min = 1, max = API_MAX_PAGE_NUM) int maxPageNum,
        @DefaultValue("2") @Range(min = 0, max = 16) int prefetchPages,
        @DefaultValue("false") boolean fullScan,
        @DefaultValue("24h") @PositiveDuration Duration fullScanInterval,
        @DefaultValue("1h") @PositiveDuration Duration incrementalOverlap) {

    public static final int API_MAX_PAGE_SIZE = 500;

    public static final int API_MAX_PAGE_NUM = 500;
}
