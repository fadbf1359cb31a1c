package io.eyrie.bookrunner;

import io.eyrie.platform.PlatformConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/** Takes Book jobs from the shared event store and runs their steps through a {@code ClusterDriver}. */
@SpringBootApplication(scanBasePackages = {"io.eyrie.bookrunner", "io.eyrie.job", "io.eyrie.monitor"})
@ConfigurationPropertiesScan
@Import(PlatformConfiguration.class)
@PropertySource("classpath:book-runner.properties")
public class BookRunnerApplication {

    public static void main(String[] args) {
        SpringApplication.run(BookRunnerApplication.class, args);
    }
}
