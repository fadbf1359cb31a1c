package io.eyrie.platform.eventstore;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * The PostgreSQL event store, token store and saga store, declared explicitly: Spring Boot 4 no longer orders
 * Axon's JDBC auto-configuration after its own DataSource, and a silent fallback to no transactions would lose
 * the atomicity of event appends and token updates.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventStoreProperties.class)
public class EventStoreConfiguration {

    /** Two appends at the same aggregate sequence must surface as Axon's ConcurrencyException. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Bean(destroyMethod = "close")
    public DataSource dataSource(EventStoreProperties properties) {
        if (properties.url() == null || properties.url().isBlank()) {
            throw new IllegalStateException("eyrie.eventstore.url is not set: point it at the shared PostgreSQL event store");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(properties.url());
        config.setUsername(properties.username());
        config.setPassword(properties.password());
        config.setMaximumPoolSize(properties.poolSize());
        config.setPoolName("eventstore");
        HikariDataSource dataSource = new HikariDataSource(config);
        migrate(dataSource);
        return dataSource;
    }

    /** Flyway takes a PostgreSQL advisory lock, so services that start together migrate once. */
    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:io/eyrie/platform/eventstore/migration")
                .table("eyrie_schema_history")
                .load()
                .migrate();
    }

    /** See {@link TolerantReading}. Static, so that it post-processes the mapper however early it is made. */
    @Bean
    public static org.springframework.beans.factory.config.BeanPostProcessor tolerantStoredMessages() {
        return TolerantReading.forStoredMessages();
    }

    @Bean
    public PlatformTransactionManager platformTransactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager platformTransactionManager) {
        return new SpringTransactionManager(platformTransactionManager);
    }

    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 Configuration configuration) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .build();
    }

    @Bean(name = "eventBus")
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, EventStoreProperties properties,
                                         Configuration configuration) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(properties.fetchDelay().toMillis())
                .messageMonitor(configuration.messageMonitor(EmbeddedEventStore.class, "eventStore"))
                .build();
    }

    /** Every tracking processor reads through this ({@code axon.eventhandling.processors.*.source}). */
    @Bean
    public PromptEventSource promptEventSource(EmbeddedEventStore eventStore, EventStoreProperties properties) {
        return new PromptEventSource(eventStore, properties.wakeUpSlice());
    }

    @Bean
    public PromptEventSourceCheck promptEventSourceCheck(EventProcessingConfiguration processing) {
        return new PromptEventSourceCheck(processing);
    }

    /**
     * Each service instance claims segments under its own name. Axon's default, the JVM's {@code pid@host}, is the
     * same for two instances in one JVM (the local run's, or a test's second query instance), which then both take
     * a claim as their own and process the same segment at once.
     */
    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                                 @Value("${spring.application.name:eyrie}") String application) {
        String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + application + "/"
                + UUID.randomUUID().toString().substring(0, 8);
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .nodeId(node)
                .build();
    }

    @Bean
    public JdbcSagaStore sagaStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcSagaStore.builder()
                .connectionProvider(connectionProvider)
                .sqlSchema(new PostgresSagaSqlSchema())
                .serializer(serializer)
                .build();
    }

    /** Static: a bean post-processor must exist before the beans it processes. */
    @Bean
    public static AggregateStreamsByType aggregateStreamsByType() {
        return new AggregateStreamsByType();
    }

    @Bean
    public TransactionManagerCheck transactionManagerCheck(Configuration configuration) {
        return new TransactionManagerCheck(configuration);
    }
}
