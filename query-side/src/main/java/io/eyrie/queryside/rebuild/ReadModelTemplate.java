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
    private final BuiltIds builtIds;

    public ReadModelTemplate(MongoDatabaseFactory factory, MongoConverter converter, ReadModelGenerations generations,
                             BuiltIds builtIds) {
        super(factory, converter);
        this.generations = generations;
        this.builtIds = builtIds;
    }

    /** What the generations being built hold, inside the rebuild processor's units of work; else empty. */
    public Optional<BuiltIds> builtIds() {
        return Rebuilding.active() ? Optional.of(builtIds) : Optional.empty();
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
                                    ReadModelGenerations generations, BuiltIds builtIds) {
            return new ReadModelTemplate(factory, converter, generations, builtIds);
        }
    }
}
