package io.eyrie.queryside.rebuild;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;

/**
 * The read models' {@link MongoTemplate}: every operation named by a document class goes to that read model's
 * current generation ({@link ReadModelGenerations}), so projections and queries never name a generation.
 */
public class ReadModelTemplate extends MongoTemplate {
    private final ReadModelGenerations generations;

    public ReadModelTemplate(MongoDatabaseFactory factory, MongoConverter converter, ReadModelGenerations generations) {
        super(factory, converter);
        this.generations = generations;
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
                                    ReadModelGenerations generations) {
            return new ReadModelTemplate(factory, converter, generations);
        }
    }
}
