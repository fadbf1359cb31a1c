package io.eyrie.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enums travel in lower case with dashes ({@code blue-green}); this is the one mapping both ways. */
public final class WireEnum {
    private WireEnum() {
    }

    public static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> wire(constant).equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of " + choices(type)));
    }

    public static <E extends Enum<E>> String choices(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).collect(Collectors.joining(", "));
    }
}
