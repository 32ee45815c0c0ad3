package io.arktasksync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes CronJob example ({@code src/main/k8s/cronjob.yaml}) holds together: the schedule keeps the 7-day
 * window covered, runs never overlap, secrets resolve, and the JVM's memory fits the container's limit.
 */
class CronJobManifestTest {

    private static final Path MANIFEST = Path.of("src/main/k8s/cronjob.yaml");

    private static Map<String, Object> secret;

    private static Map<String, Object> cronJob;

    @BeforeAll
    static void readManifest() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(MANIFEST)) {
            new Yaml().loadAll(reader).forEach(document -> documents.add(map(document)));
        }
        assertThat(documents).extracting(d -> d.get("kind")).containsExactly("Secret", "CronJob");
        secret = documents.get(0);
        cronJob = documents.get(1);
    }

    @Test
    void shouldRunOftenEnoughThatTheSevenDayWindowNeverLapses() {
        // given
        Map<String, Object> spec = map(cronJob.get("spec"));

        // when
        Matcher schedule = Pattern.compile("\\*/(\\d+) \\* \\* \\* \\*").matcher((String) spec.get("schedule"));

        // then: at least hourly, so that even a day of failed runs leaves six days of slack
        assertThat(schedule.matches()).as("schedule %s is every N minutes", spec.get("schedule")).isTrue();
        int minutes = Integer.parseInt(schedule.group(1));
        assertThat(minutes).isBetween(1, 60);
        assertThat(spec).containsEntry("timeZone", "Etc/UTC");
        assertThat((Integer) spec.get("startingDeadlineSeconds")).isPositive().isLessThan(minutes * 60);
    }

    @Test
    void shouldNeverRunTwoSyncsAtOnceAndRetryBoundedly() {
        // given
        Map<String, Object> spec = map(cronJob.get("spec"));
        Map<String, Object> job = map(map(spec.get("jobTemplate")).get("spec"));

        // then
        assertThat(spec).containsEntry("concurrencyPolicy", "Forbid");
        assertThat((Integer) job.get("backoffLimit")).isBetween(1, 5);
        assertThat((Integer) job.get("activeDeadlineSeconds")).isPositive();
        assertThat(pod()).containsEntry("restartPolicy", "Never");
    }

    @Test
    void shouldLeaveTheSyncTimeToStopAtAChunkBoundaryOnTermination() {
        // given
        Duration grace = Duration.parse("PT" + env().get("ARK_SHUTDOWN_GRACE_PERIOD").get("value").toString().toUpperCase());

        // then
        assertThat(((Integer) pod().get("terminationGracePeriodSeconds")).longValue())
            .isGreaterThan(grace.toSeconds() + 5);
    }

    @Test
    void shouldTakeTheApiKeyAndTheDatabasePasswordFromTheSecret() {
        // given
        Map<String, Object> secretData = map(secret.get("stringData"));
        String secretName = (String) map(secret.get("metadata")).get("name");

        // then
        for (String variable : List.of("ARK_API_KEY", "SPRING_DATASOURCE_PASSWORD")) {
            Map<String, Object> reference = map(map(env().get(variable).get("valueFrom")).get("secretKeyRef"));
            assertThat(reference.get("name")).as(variable).isEqualTo(secretName);
            assertThat(secretData).as(variable).containsKey((String) reference.get("key"));
        }
        assertThat(env().keySet()).contains("ARK_BASE_URL", "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME");
    }

    @Test
    void shouldFitTheJvmWithA256MegabyteHeapIntoTheMemoryLimit() {
        // given
        String options = env().get("JAVA_TOOL_OPTIONS").get("value").toString();
        int threads = Integer.parseInt(env().get("BPL_JVM_THREAD_COUNT").get("value").toString());
        Map<String, Object> resources = map(container().get("resources"));

        // when: every area the JVM reserves, as the image's memory calculator adds them up
        long heap = megabytes(options, "-Xmx(\\d+)m");
        long jvm = heap + megabytes(options, "-XX:MaxMetaspaceSize=(\\d+)m")
                + megabytes(options, "-XX:ReservedCodeCacheSize=(\\d+)m")
                + megabytes(options, "-XX:MaxDirectMemorySize=(\\d+)m")
                + threads * megabytes(options, "-Xss(\\d+)k") / 1024;

        // then
        assertThat(heap).isEqualTo(256);
        long limit = mebibytes(map(resources.get("limits")).get("memory"));
        assertThat(jvm).isLessThanOrEqualTo(limit - 64);
        assertThat(mebibytes(map(resources.get("requests")).get("memory"))).isLessThanOrEqualTo(limit);
        assertThat(options).contains("-XX:+ExitOnOutOfMemoryError");
    }

    private static Map<String, Object> pod() {
        Map<String, Object> job = map(map(map(cronJob.get("spec")).get("jobTemplate")).get("spec"));
        return map(map(job.get("template")).get("spec"));
    }

    private static Map<String, Object> container() {
        List<?> containers = (List<?>) pod().get("containers");
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }

    /** The container's environment by variable name. */
    private static Map<String, Map<String, Object>> env() {
        return ((List<?>) container().get("env")).stream().map(CronJobManifestTest::map)
            .collect(Collectors.toMap(e -> (String) e.get("name"), e -> e));
    }

    private static long megabytes(String options, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(options);
        assertThat(matcher.find()).as("%s in %s", pattern, options).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static long mebibytes(Object quantity) {
        String text = quantity.toString();
        if (text.endsWith("Gi")) {
            return Long.parseLong(text.substring(0, text.length() - 2)) * 1024;
        }
        assertThat(text).endsWith("Mi");
        return Long.parseLong(text.substring(0, text.length() - 2));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
