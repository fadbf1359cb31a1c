package io.eyrie.platform.eventstore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

import java.io.IOException;

/**
 * Stored messages outlive the code that wrote them. The mapper that reads events, snapshots, tokens and deadlines
 * reads an enum value it does not know (one a newer service wrote, or an old one since removed) as null, and skips
 * a field it does not know, instead of failing the event for every reader. HTTP input stays strict: it is read by
 * another mapper.
 */
final class TolerantReading extends DeserializationProblemHandler {
    private static final Logger log = LoggerFactory.getLogger(TolerantReading.class);

    /** Applies to the Jackson 2 mapper Axon reads with, the only one in these contexts. */
    static BeanPostProcessor forStoredMessages() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof ObjectMapper mapper) {
                    mapper.addHandler(new TolerantReading());
                }
                return bean;
            }
        };
    }

    @Override
    public Object handleInstantiationProblem(DeserializationContext context, Class<?> type, Object argument,
                                             Throwable problem) {
        return unknownEnum(type, argument);
    }

    @Override
    public Object handleWeirdStringValue(DeserializationContext context, Class<?> type, String value, String failure) {
        return unknownEnum(type, value);
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                         JsonDeserializer<?> deserializer, Object bean, String property)
            throws IOException {
        log.debug("Skipping the field '{}' of a stored {}, which this version does not know", property,
                bean == null ? "message" : bean.getClass().getSimpleName());
        parser.skipChildren();
        return true;
    }

    private static Object unknownEnum(Class<?> type, Object value) {
        if (!type.isEnum()) {
            return NOT_HANDLED;
        }
        log.warn("A stored message has the value '{}' for {}, which this version does not know; it is read as none",
                value, type.getSimpleName());
        return null;
    }
}
