package io.arktasksync.config;

import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings that are an account's own: which account, where its API is, its key, what its listings read and how
 * fast. Bound from the top-level {@code ark.*} settings, they are the one account of a single-account run, or the
 * defaults of each {@code ark.accounts} entry ({@link Accounts} makes one per entry). Everything else is shared by
 * every account: {@link ClientSettings}, {@link ListingSettings}, {@link JobSettings}, {@link MonitoringSettings}.
 *
 * @param account the account's name, stored with every task, run and metric to tell several synced accounts apart;
 *        also its lock and job name
 * @param baseUrl API base such as https://ark.cn-beijing.volces.com/api/v3 or a relay's .../volc/v1; the job
 *        appends /contents/generations/tasks. Required by a sync
 * @param apiKey bearer key, required by a sync; never logged, never stored
 * @param filter optional listing filters
 * @param maxRequestsPerSecond request rate limit, 0 for none until the API answers 429
 * @param endpointIds endpoint ids (ep-...) to also narrow a listing by model with when it is too big to page
 *        through: Volcengine's filter.model takes endpoint ids, not the model names items carry
 */
@ConfigurationProperties("ark")
public record AccountSettings(
        @DefaultValue("default") @NotBlank(message = "must not be blank") String account,
        String baseUrl,
        String apiKey,
        @DefaultValue Filter filter,
        @DefaultValue("0") @DecimalMin(value = "0", message = RATE_RANGE)
        @DecimalMax(value = "1000", message = RATE_RANGE) double maxRequestsPerSecond,
        List<String> endpointIds) {

    private static final String RATE_RANGE = "must be between 0 (no limit) and 1000";

    public AccountSettings {
        endpointIds = endpointIds == null ? List.of()
                : endpointIds.stream().map(String::trim).filter(id -> !id.isEmpty()).distinct().toList();
    }

    /**
     * Listing filters sent as {@code filter.*} query parameters.
     *
     * @param status one status, or empty for all
     * @param model one model or endpoint id, or empty for all
     * @param taskIds exact ids (ARK_FILTER_TASK_IDS=a,b,c), or empty for all
     * @param serviceTier default or flex; empty reads both tiers, because the API's own default hides flex tasks
     */
    public record Filter(String status, String model, List<String> taskIds, ServiceTier serviceTier) {

        public Filter {
            taskIds = taskIds == null ? List.of()
                    : taskIds.stream().map(String::trim).filter(id -> !id.isEmpty()).distinct().toList();
        }
    }
}
