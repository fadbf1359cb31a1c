package io.eyrie.commandside;

import io.eyrie.platform.PlatformConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/** The HTTP command API, the aggregates that decide, and the handlers that carry job outcomes to deployments. */
@SpringBootApplication(scanBasePackages = {"io.eyrie.commandside", "io.eyrie.job", "io.eyrie.monitor"})
@Import(PlatformConfiguration.class)
@PropertySource("classpath:command-side.properties")
public class CommandSideApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
