package io.eyrie.queryside;

import io.eyrie.platform.access.EndpointTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

import static io.eyrie.platform.access.Endpoint.get;
import static io.eyrie.platform.access.Need.AUTHENTICATED;
import static io.eyrie.platform.access.Need.USER;
import static io.eyrie.platform.access.Target.DEPLOYMENT;
import static io.eyrie.platform.access.Target.JOB;
import static io.eyrie.platform.access.Target.NONE;
import static io.eyrie.platform.access.Target.PROJECT;

/** The query service's authorization table: every route, what it reads, and the least a caller needs. */
@Configuration(proxyBeanMethods = false)
public class QueryEndpoints {

    @Bean
    public EndpointTable queryEndpointTable() {
        return new EndpointTable("query", List.of(
                get("/api/projects", NONE, AUTHENTICATED, "list the projects you are a member of"),
                get("/api/projects/{slug}", PROJECT, USER, "read the project, its members and namespace"),
                get("/api/deployments/{id}", DEPLOYMENT, USER, "read the deployment's card"),
                get("/api/deployments/{id}/jobs", DEPLOYMENT, USER, "list the deployment's jobs"),
                get("/api/jobs/{id}", JOB, USER, "read a job and its steps")));
    }
}
