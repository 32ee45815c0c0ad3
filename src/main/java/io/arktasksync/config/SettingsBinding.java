package io.arktasksync.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;

import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.validation.MessageInterpolatorFactory;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Binds settings records as the application context will bind them, checks their constraints (Boot's
 * {@link ValidationBindHandler} with the records' jakarta.validation annotations) and keeps every problem as one line
 * naming the environment variable and the property, e.g.
 * {@code ARK_PAGE_SIZE (ark.page-size) must be between 1 and 500, got 0}. A value that cannot be converted at all is
 * a problem too when it is outside a closed set (its setting then keeps its default, so that the other settings are
 * still checked); an unreadable one ({@code ARK_PAGE_SIZE=abc}) fails the binding as Boot fails it.
 */
public final class SettingsBinding {

    private final Binder binder;

    /**
     * One validator per JVM: building Hibernate Validator's factory costs more CPU than the rest of the check, and
     * the tests start the application hundreds of times in one JVM. Factory and validator are thread-safe.
     */
    private static final class SharedValidator {

        static final SpringValidatorAdapter INSTANCE = new SpringValidatorAdapter(Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new MessageInterpolatorFactory().getObject())
            .buildValidatorFactory()
            .getValidator());
    }

    private final SpringValidatorAdapter validator = SharedValidator.INSTANCE;

    private final Set<String> problems = new LinkedHashSet<>();

    private final BindHandler unconvertible = new AbstractBindHandler() {

        @Override
        public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                Exception error) throws Exception {
            String refusal = closedSetRefusal(error);
            if (refusal == null) {
                // unreadable (ARK_PAGE_SIZE=abc): fails as ever, FailureReport names it
                return super.onFailure(name, target, context, error);
            }
            problems.add(setting(name.toString()) + " " + refusal);
            return null;
        }
    };

    private SettingsBinding(Binder binder) {
        this.binder = binder;
    }

    /** The settings of the environment: command line, environment variables, config files. */
    public static SettingsBinding of(ConfigurableEnvironment environment) {
        return new SettingsBinding(new Binder(ConfigurationPropertySources.get(environment),
                new PropertySourcesPlaceholdersResolver(environment), SettingsConversion.conversionService()));
    }

    /** The settings of a map of property names and values, as tests give them. */
    public static SettingsBinding of(Map<String, ?> properties) {
        return new SettingsBinding(new Binder(List.of(new MapConfigurationPropertySource(properties)), null,
                SettingsConversion.conversionService()));
    }

    /**
     * @return the bound record: when a constraint failed, bound again without them, so that the checks that
     *         constraints cannot express still see the other values
     */
    public <T> T bind(String prefix, Class<T> type) {
        Bindable<T> target = Bindable.of(type);
        try {
            return binder.bindOrCreate(prefix, target, new ValidationBindHandler(unconvertible, validator));
        }
        catch (BindException e) {
            if (!(e.getCause() instanceof BindValidationException invalid)) {
                throw e;
            }
            ValidationErrors errors = invalid.getValidationErrors();
            for (ObjectError error : errors) {
                // a field of the record, e.g. pageSize under ark: ark.page-size
                problems.add(error instanceof FieldError field ? line(errors.getName() + "." + kebab(field.getField()),
                        field.getDefaultMessage(), field.getRejectedValue()) : error.getDefaultMessage());
            }
            return bindUnchecked(prefix, type);
        }
    }

    /** Binds without checking the constraints: for settings that matter only in some cases (the archive's). */
    public <T> T bindUnchecked(String prefix, Class<T> type) {
        return binder.bindOrCreate(prefix, Bindable.of(type), unconvertible);
    }

    /**
     * Checks the constraints of settings that were not bound as they are (one account of {@code ark.accounts}, made
     * of its entry and the top-level settings).
     *
     * @param prefix the prefix the record's settings have at the top level ({@code ark})
     * @return one line per problem, naming the top-level setting
     */
    public List<String> constraintProblems(String prefix, Object settings) {
        List<String> lines = new ArrayList<>();
        for (ConstraintViolation<Object> violation : validator.validate(settings)) {
            lines.add(line(prefix + "." + kebab(violation.getPropertyPath().toString()), violation.getMessage(),
                    violation.getInvalidValue()));
        }
        return lines;
    }

    public void add(String problem) {
        problems.add(problem);
    }

    public void addAll(List<String> more) {
        problems.addAll(more);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** @throws InvalidSettingsException naming every problem found */
    public void requireValid() {
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(List.copyOf(problems));
        }
    }

    /** {@code ark.page-size} -> {@code ARK_PAGE_SIZE (ark.page-size)}: how an operator sets it, and where. */
    public static String setting(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + " (" + property + ")";
    }

    private static String line(String property, String message, Object value) {
        boolean shown = value != null && !(value instanceof CharSequence text && text.toString().isBlank());
        return setting(property) + " " + message + (shown ? ", got " + value : "");
    }

    /** A closed set's refusal of a value ({@link ServiceTier#parse}, {@link ProgressBar#parse}), or null. */
    private static String closedSetRefusal(Exception error) {
        Throwable cause = error instanceof ConversionFailedException failed ? failed.getCause() : null;
        return cause instanceof ClosedSetException ? cause.getMessage() : null;
    }

    private static String kebab(String path) {
        return path.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
