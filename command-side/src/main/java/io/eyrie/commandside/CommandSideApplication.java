package io.eyrie.commandside;

import io.eyrie.platform.PlatformConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/** The HTTP command API, the aggregates that decide, and the sagas that coordinate Book jobs. */
@SpringBootApplication
@Import(PlatformConfiguration.class)
@PropertySource("classpath:command-side.properties")
public class CommandSideApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
