package io.eyrie.queryside;

import io.eyrie.platform.PlatformConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/**
 * Projects the shared event store into MongoDB read models for dashboards, and answers queries about them over
 * HTTP. It never calls the other services: everything it knows arrives as events.
 */
@SpringBootApplication
@Import({PlatformConfiguration.class, io.eyrie.platform.health.MongoHealth.class})
@PropertySource("classpath:query-side.properties")
public class QuerySideApplication {

    public static void main(String[] args) {
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
