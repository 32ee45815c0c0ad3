package io.arktasksync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.arktasksync.config.ProgressBar;
import io.arktasksync.config.ServiceTier;
import io.arktasksync.config.SettingsBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every ARK_* variable the documentation names (README.md, src/docs) is a setting the application binds, from the
 * environment variable itself, into the record the configuration metadata says, and has a description there (what
 * an IDE shows). Names the documents use that are not settings are listed in {@link #NOT_SETTINGS}.
 */
class DocumentedSettingsTest {

    private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

    /** Read directly (ARK_DATA_DIR, by the embedded database), an example placeholder, a test's, a family's prefix. */
    private static final Set<String> NOT_SETTINGS = Set.of("ARK_DATA_DIR", "ARK_KEY_TEAM_B", "ARK_TEST_DATABASE_URL",
            "ARK_ARCHIVE_");

    private static final Pattern VARIABLE = Pattern.compile("\\bARK_[A-Z0-9_]+\\b");

    static List<String> documented() throws IOException {
        Set<String> names = new TreeSet<>();
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("src/docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).forEach(documents::add);
        }
        for (Path document : documents) {
            Matcher matcher = VARIABLE.matcher(Files.readString(document));
            while (matcher.find()) {
                names.add(matcher.group());
            }
        }
        names.removeAll(NOT_SETTINGS);
        return List.copyOf(names);
    }

    @Test
    void shouldFindTheDocumentedSettings() throws IOException {
        assertThat(documented()).contains("ARK_PAGE_SIZE", "ARK_FILTER_SERVICE_TIER", "ARK_PROGRESS_BAR",
                "ARK_ARCHIVE_MAX_BANDWIDTH", "ARK_SHARD_COUNT").hasSizeGreaterThan(40);
    }

    @Test
    void shouldDescribeEverySettingInTheMetadata() throws IOException {
        for (JsonNode property : metadata().get("properties")) {
            assertThat(property.path("description").asString("")).as(property.get("name").asString()).isNotBlank();
        }
    }

    @ParameterizedTest
    @MethodSource("documented")
    void shouldBindTheDocumentedVariable(String variable) throws Exception {
        // given: the property the metadata lists for the variable, and a value its type reads
        JsonNode property = propertyOf(variable);
        String name = property.get("name").asString();
        String type = property.get("type").asString();
        String given = sample(type);

        // when: set as an environment variable, and not at all
        Object bound = bind(name, property.get("sourceType").asString(), Map.of(variable, given));
        Object unset = bind(name, property.get("sourceType").asString(), Map.of());

        // then
        assertThat(bound).as(variable + " -> " + name).isEqualTo(expected(type)).isNotEqualTo(unset);
    }

    private static JsonNode propertyOf(String variable) throws IOException {
        for (JsonNode property : metadata().get("properties")) {
            String name = property.get("name").asString();
            if (name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_').equals(variable)) {
                return property;
            }
        }
        throw new AssertionError(variable + " is documented but no setting of the configuration metadata");
    }

    /** Binds the record that holds the setting, from these environment variables only, and reads the setting. */
    private static Object bind(String name, String sourceType, Map<String, Object> variables) throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        Class<?> type = Class.forName(sourceType, true, DocumentedSettingsTest.class.getClassLoader());
        int last = name.lastIndexOf('.');
        Object record = SettingsBinding.of(environment).bindUnchecked(name.substring(0, last), type);
        Method accessor = type.getMethod(camel(name.substring(last + 1)));
        return accessor.invoke(record);
    }

    private static String camel(String kebab) {
        StringBuilder camel = new StringBuilder();
        for (String part : kebab.split("-")) {
            camel.append(camel.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return camel.toString();
    }

    private static String sample(String type) {
        return switch (type) {
            case "java.lang.Integer" -> "3";
            case "java.lang.Double" -> "0.5";
            case "java.lang.Boolean" -> "true";
            case "java.time.Duration" -> "7s";
            case "org.springframework.util.unit.DataSize" -> "5MB";
            case "java.util.List<java.lang.String>" -> "ep-a,ep-b";
            case "io.arktasksync.config.ProgressBar" -> "off";
            case "io.arktasksync.config.ServiceTier" -> "flex";
            case "java.lang.String" -> "sample";
            default -> throw new AssertionError("no sample value for " + type);
        };
    }

    private static Object expected(String type) {
        return switch (type) {
            case "java.lang.Integer" -> 3;
            case "java.lang.Double" -> 0.5;
            case "java.lang.Boolean" -> true;
            case "java.time.Duration" -> Duration.ofSeconds(7);
            case "org.springframework.util.unit.DataSize" -> DataSize.ofMegabytes(5);
            case "java.util.List<java.lang.String>" -> List.of("ep-a", "ep-b");
            case "io.arktasksync.config.ProgressBar" -> ProgressBar.OFF;
            case "io.arktasksync.config.ServiceTier" -> ServiceTier.FLEX;
            default -> "sample";
        };
    }

    private static JsonNode metadata() throws IOException {
        return JsonMapper.builder().build().readTree(Files.readString(METADATA));
    }
}
