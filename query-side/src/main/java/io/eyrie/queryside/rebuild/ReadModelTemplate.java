package io.eyrie.queryside.rebuild;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;

import java.util.Optional;

/**
 * The read models' {@link MongoTemplate}: every operation named by a document class goes to that read model's
 * current generation ({@link ReadModelGenerations}), so projections and queries never name a generation.
 */
public class ReadModelTemplate extends MongoTemplate {
    private final ReadModelGenerations generations;
    private final BuiltDocuments builtDocuments;

    public ReadModelTemplate(MongoDatabaseFactory factory, MongoConverter converter, ReadModelGenerations generations,
                             BuiltDocuments builtDocuments) {
        super(factory, converter);
        this.generations = generations;
        this.builtDocuments = builtDocuments;
    }

    /**
     * The collection that holds {@code base} now, for the few reads that name a collection rather than a document
     * class (a template that is not this one uses the names as given, as the projections' unit tests do).
     */
    public static String collection(MongoTemplate mongo, String base) {
        return mongo instanceof ReadModelTemplate readModels ? readModels.generations.collection(base) : base;
    }

    /** What the generations being built hold, inside the rebuild processor's units of work; else empty. */
    public Optional<BuiltDocuments> builtDocuments() {
        return Rebuilding.active() ? Optional.of(builtDocuments) : Optional.empty();
    }

    @Override
    public String getCollectionName(Class<?> entityClass) {
        return generations.collection(super.getCollectionName(entityClass));
    }

    /** Spring Boot's own template backs off when this one is there. */
    @Configuration(proxyBeanMethods = false)
    static class Definition {
        @Bean
        MongoTemplate mongoTemplate(MongoDatabaseFactory factory, MongoConverter converter,
                                    ReadModelGenerations generations, BuiltDocuments builtDocuments) {
            return new ReadModelTemplate(factory, converter, generations, builtDocuments);
        }
    }
}
