package io.arktasksync.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A duration setting that must be set and longer than zero (a timeout, an interval). */
@Documented
@Constraint(validatedBy = PositiveDuration.Check.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface PositiveDuration {

    /** A value the message offers as an example. */
    String example() default "10s";

    String message() default "must be a positive duration such as {example}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<PositiveDuration, Duration> {

        @Override
        public boolean isValid(Duration value, ConstraintValidatorContext context) {
            return value != null && !value.isNegative() && !value.isZero();
        }
    }
}
