package io.eyrie.queryside.web;

import io.eyrie.api.id.Ids;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An identifier taken from a URL. Anything else is refused with 400 before it reaches a query, so a typo never
 * looks like a missing document.
 */
@Pattern(regexp = Ids.UUID_PATTERN)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidId {
    String message() default Ids.UUID_MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
