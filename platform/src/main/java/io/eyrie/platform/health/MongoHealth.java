package io.eyrie.platform.health;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * MongoDB's health, by {@code ping}, for the services that use it (the query side's read models, the runners'
 * monitor log), which import it. Spring Boot's own indicator sends {@code hello}, which the embedded
 * MongoDB-protocol server of the local run does not know, so a service reported itself down there.
 */
@Configuration(proxyBeanMethods = false)
public class MongoHealth {

    /** Named so that Spring Boot's indicator backs off. */
    @Bean
    public AbstractHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new AbstractHealthIndicator("MongoDB health check failed") {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                Document reply = mongo.executeCommand(new Document("ping", 1));
                builder.up().withDetail("database", mongo.getDb().getName()).withDetail("ping", reply.get("ok"));
            }
        };
    }
}
