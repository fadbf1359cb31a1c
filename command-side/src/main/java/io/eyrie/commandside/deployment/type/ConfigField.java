package io.eyrie.commandside.deployment.type;

import io.eyrie.platform.web.Problems;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** One setting of a type's config: its name, whether an action needs it, and the values it takes. */
record ConfigField(String name, boolean required, String rule, Predicate<Object> valid) {

    static ConfigField text(String name, boolean required, String pattern, String rule) {
        Pattern compiled = Pattern.compile(pattern);
        return new ConfigField(name, required, rule,
                value -> value instanceof String text && compiled.matcher(text).matches());
    }

    static ConfigField oneOf(String name, boolean required, java.util.Set<String> values) {
        return new ConfigField(name, required, "must be one of " + String.join(", ", new java.util.TreeSet<>(values)),
                value -> values.contains(String.valueOf(value)));
    }

    static ConfigField integer(String name, boolean required, int min, int max) {
        return new ConfigField(name, required, "must be a whole number from " + min + " to " + max,
                value -> value instanceof Number number && number.doubleValue() == number.intValue()
                        && number.intValue() >= min && number.intValue() <= max);
    }

    Optional<Problems.FieldError> check(Object value) {
        return valid.test(value) ? Optional.empty() : Optional.of(new Problems.FieldError("config." + name, rule));
    }
}
