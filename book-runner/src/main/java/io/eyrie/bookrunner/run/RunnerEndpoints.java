package io.eyrie.bookrunner.run;

import io.eyrie.platform.access.AccessDirectory;
import io.eyrie.platform.access.EndpointTable;
import io.eyrie.platform.deadletter.DeadLetterEndpoints;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

import static io.eyrie.platform.access.Endpoint.get;
import static io.eyrie.platform.access.Need.AUTHENTICATED;
import static io.eyrie.platform.access.Target.NONE;

/** The runner's authorization table. Its routes read nothing project-scoped, so it needs no lookups. */
@Configuration(proxyBeanMethods = false)
public class RunnerEndpoints {

    @Bean
    public EndpointTable runnerEndpointTable() {
        return new EndpointTable("runner", DeadLetterEndpoints.after(List.of(
                get("/api/runner", NONE, AUTHENTICATED, "read which driver this runner uses and how busy it is"))));
    }

    @Bean
    public AccessDirectory runnerAccess() {
        return (target, variables, user) -> {
            throw new IllegalStateException("the runner has no access lookup for " + target);
        };
    }
}
