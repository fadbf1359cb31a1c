package io.eyrie.queryside.web;

import io.eyrie.api.query.Page;
import org.axonframework.messaging.responsetypes.ResponseType;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Matches query handlers that answer with a {@code Page<T>}. Axon's instance response type compares classes only, so
 * a handler declared to return the parameterized {@code Page<JobView>} would never match {@code Page.class}.
 */
final class PageResponseType implements ResponseType<Page<?>> {
    static final PageResponseType INSTANCE = new PageResponseType();

    private PageResponseType() {
    }

    @Override
    public boolean matches(Type responseType) {
        return responseType == Page.class
                || responseType instanceof ParameterizedType parameterized && parameterized.getRawType() == Page.class;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<Page<?>> responseMessagePayloadType() {
        return (Class) Page.class;
    }

    @Override
    public Class<?> getExpectedResponseType() {
        return Page.class;
    }
}
