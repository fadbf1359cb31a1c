package io.eyrie.queryside;

import com.mongodb.WriteConcern;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A projection writes its documents, then its processor moves its token past the events in PostgreSQL. If MongoDB
 * acknowledged a write it could still lose (in memory, not yet journaled), a crash in between would leave the read
 * model without that write and nothing would replay it. So every read-model write waits until a majority has it in
 * its journal. The embedded store does the same by committing its file before it answers.
 */
@Configuration(proxyBeanMethods = false)
class ReadModelDurability {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    MongoClientSettingsBuilderCustomizer journaledWrites() {
        return settings -> settings.writeConcern(WriteConcern.MAJORITY.withJournal(true));
    }
}
