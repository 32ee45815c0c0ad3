package io.arktasksync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.arktasksync.config.Shard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The sharded example ({@code src/main/k8s/sharded-cronjob.yaml}) holds together: N pods of an Indexed Job, each
 * told N, split the accounts of the mounted list among them, and every account's key comes from the mounted secret.
 */
class ShardedCronJobManifestTest {

    private static final Path MANIFEST = Path.of("src/main/k8s/sharded-cronjob.yaml");

    private static Map<String, Object> secret;

    private static Map<String, Object> configMap;

    private static Map<String, Object> cronJob;

    @BeforeAll
    static void readManifest() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(MANIFEST)) {
            new Yaml().loadAll(reader).forEach(document -> documents.add(map(document)));
        }
        assertThat(documents).extracting(d -> d.get("kind")).containsExactly("Secret", "ConfigMap", "CronJob");
        secret = documents.get(0);
        configMap = documents.get(1);
        cronJob = documents.get(2);
    }

    @Test
    void shouldRunOnePodPerShardEachToldTheShardCount() {
        // given
        Map<String, Object> job = job();
        int shards = Integer.parseInt(env().get("ARK_SHARD_COUNT").get("value").toString());

        // then: JOB_COMPLETION_INDEX runs over 0..completions-1, which must be the shard indexes
        assertThat(job).containsEntry("completionMode", "Indexed").containsEntry("completions", shards)
            .containsEntry("parallelism", shards);
        assertThat(env()).doesNotContainKey("ARK_SHARD").doesNotContainKey("JOB_COMPLETION_INDEX");
        assertThat(map(cronJob.get("spec"))).containsEntry("concurrencyPolicy", "Forbid")
            .containsEntry("schedule", "*/15 * * * *");
        assertThat((Integer) job.get("backoffLimitPerIndex")).isBetween(1, 5);
    }

    @Test
    void shouldSyncEveryListedAccountInExactlyOnePod() {
        // given
        int shards = Integer.parseInt(env().get("ARK_SHARD_COUNT").get("value").toString());

        // then
        for (String account : accounts().stream().map(a -> (String) a.get("name")).toList()) {
            assertThat(IntStream.range(0, shards).filter(i -> new Shard(i, shards).includes(account)).count())
                .as(account).isEqualTo(1);
        }
    }

    @Test
    void shouldImportTheMountedAccountListAndReadEveryKeyFromTheMountedSecret() {
        // given
        Map<String, String> mounts = ((List<?>) container().get("volumeMounts")).stream()
            .map(ShardedCronJobManifestTest::map)
            .collect(Collectors.toMap(m -> (String) m.get("name"), m -> (String) m.get("mountPath")));
        Map<String, Map<String, Object>> volumes = ((List<?>) pod().get("volumes")).stream()
            .map(ShardedCronJobManifestTest::map)
            .collect(Collectors.toMap(v -> (String) v.get("name"), v -> v));
        String imports = env().get("SPRING_CONFIG_IMPORT").get("value").toString();
        Map<String, Object> secretData = map(secret.get("stringData"));

        // then: the list file and the key directory are the mounted ConfigMap and Secret
        assertThat(imports).contains("file:" + mounts.get("accounts") + "/accounts.yaml")
            .contains("configtree:" + mounts.get("keys") + "/");
        assertThat(map(volumes.get("accounts").get("configMap")).get("name"))
            .isEqualTo(map(configMap.get("metadata")).get("name"));
        assertThat(map(volumes.get("keys").get("secret")).get("secretName"))
            .isEqualTo(map(secret.get("metadata")).get("name"));
        // and every key is a placeholder naming a file of the Secret, never a value
        for (Map<String, Object> account : accounts()) {
            Matcher placeholder = Pattern.compile("\\$\\{([^}]+)}").matcher((String) account.get("api-key"));
            assertThat(placeholder.matches()).as("%s: api-key is a placeholder", account.get("name")).isTrue();
            assertThat(secretData).containsKey(placeholder.group(1));
        }
    }

    @Test
    void shouldFitTheJvmIntoTheMemoryLimit() {
        // given
        String options = env().get("JAVA_TOOL_OPTIONS").get("value").toString();
        int threads = Integer.parseInt(env().get("BPL_JVM_THREAD_COUNT").get("value").toString());
        Map<String, Object> limits = map(map(container().get("resources")).get("limits"));

        // when: every area the JVM reserves, as the image's memory calculator adds them up
        Matcher heap = Pattern.compile("-Xmx(\\d+)([mg])").matcher(options);
        assertThat(heap.find()).isTrue();
        long heapMb = Long.parseLong(heap.group(1)) * (heap.group(2).equals("g") ? 1024 : 1);
        long jvm = heapMb + megabytes(options, "-XX:MaxMetaspaceSize=(\\d+)m")
                + megabytes(options, "-XX:ReservedCodeCacheSize=(\\d+)m")
                + megabytes(options, "-XX:MaxDirectMemorySize=(\\d+)m")
                + threads * megabytes(options, "-Xss(\\d+)k") / 1024;

        // then
        String limit = limits.get("memory").toString();
        assertThat(limit).endsWith("Mi");
        assertThat(jvm).isLessThanOrEqualTo(Long.parseLong(limit.substring(0, limit.length() - 2)) - 64);
        assertThat(options).contains("-XX:+ExitOnOutOfMemoryError");
    }

    private static long megabytes(String options, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(options);
        assertThat(matcher.find()).as("%s in %s", pattern, options).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static List<Map<String, Object>> accounts() {
        Map<String, Object> list = map(new Yaml().load((String) map(configMap.get("data")).get("accounts.yaml")));
        List<?> accounts = (List<?>) map(list.get("ark")).get("accounts");
        assertThat(accounts).isNotEmpty();
        return accounts.stream().map(ShardedCronJobManifestTest::map).toList();
    }

    private static Map<String, Object> job() {
        return map(map(map(cronJob.get("spec")).get("jobTemplate")).get("spec"));
    }

    private static Map<String, Object> pod() {
        return map(map(job().get("template")).get("spec"));
    }

    private static Map<String, Object> container() {
        List<?> containers = (List<?>) pod().get("containers");
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }

    private static Map<String, Map<String, Object>> env() {
        return ((List<?>) container().get("env")).stream().map(ShardedCronJobManifestTest::map)
            .collect(Collectors.toMap(e -> (String) e.get("name"), e -> e));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
