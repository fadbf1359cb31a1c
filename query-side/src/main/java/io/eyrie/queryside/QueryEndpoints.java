package io.eyrie.queryside;

import io.eyrie.platform.access.EndpointTable;
import io.eyrie.platform.deadletter.DeadLetterEndpoints;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

import static io.eyrie.platform.access.Endpoint.get;
import static io.eyrie.platform.access.Endpoint.post;
import static io.eyrie.platform.access.Need.AUTHENTICATED;
import static io.eyrie.platform.access.Need.PLATFORM_ADMIN;
import static io.eyrie.platform.access.Need.USER;
import static io.eyrie.platform.access.Target.CLUSTER;
import static io.eyrie.platform.access.Target.DATASOURCE;
import static io.eyrie.platform.access.Target.MONITOR;
import static io.eyrie.platform.access.Target.DEPLOYMENT;
import static io.eyrie.platform.access.Target.IMAGE;
import static io.eyrie.platform.access.Target.REPOSITORY;
import static io.eyrie.platform.access.Target.GROUP;
import static io.eyrie.platform.access.Target.JOB;
import static io.eyrie.platform.access.Target.NONE;
import static io.eyrie.platform.access.Target.PROJECT;

/** The query service's authorization table: every route, what it reads, and the least a caller needs. */
@Configuration(proxyBeanMethods = false)
public class QueryEndpoints {

    @Bean
    public EndpointTable queryEndpointTable() {
        return new EndpointTable("query", DeadLetterEndpoints.after(List.of(
                get("/api/projects", NONE, AUTHENTICATED, "list the projects you are a member of"),
                get("/api/projects/{slug}", PROJECT, USER, "read the project, its members and namespace"),
                get("/api/projects/{slug}/groups", PROJECT, USER, "list the project's groups"),
                get("/api/projects/{slug}/audit", PROJECT, USER,
                        "read the project's events, oldest first: who did what, when and why"),
                get("/api/projects/{slug}/audit/verify", PROJECT, USER,
                        "recompute the project's hash chain and name the first broken link"),
                get("/api/projects/{slug}/metrics", PROJECT, USER,
                        "DORA's four figures over ?from=&to=, for the project or one ?group= or ?scope="),
                get("/api/projects/{slug}/overview", PROJECT, USER,
                        "the project at a glance: deployments by status, each group's status, jobs, failures"),
                get("/api/projects/{slug}/state", PROJECT, USER,
                        "what the project ran at ?at= (lifecycle, active release, images, clusters), from its events"),
                get("/api/projects/{slug}/groups/{group}/runs", GROUP, USER, "list a group's actions, newest first"),
                get("/api/projects/{slug}/groups/{group}/runs/{id}", GROUP, USER,
                        "read a group action's stages and how each deployment's action ended"),
                get("/api/projects/{slug}/groups/{group}", GROUP, USER, "read a group, its scopes and status"),
                get("/api/projects/{slug}/groups/{group}/deployments", GROUP, USER, "list a group's deployment cards"),
                get("/api/deployments/{id}", DEPLOYMENT, USER, "read the deployment's card"),
                get("/api/deployments/{id}/versions", DEPLOYMENT, USER, "list the deployment's versions"),
                get("/api/deployments/{id}/releases", DEPLOYMENT, USER, "list the deployment's releases"),
                get("/api/deployments/{id}/audit", DEPLOYMENT, USER, "read the deployment's and its jobs' events"),
                get("/api/deployments/{id}/stream", DEPLOYMENT, USER,
                        "follow the card live: its state, then each change (server-sent events)"),
                get("/api/deployments/{id}/releases/{version}", DEPLOYMENT, USER, "read one release"),
                get("/api/deployments/{id}/jobs", DEPLOYMENT, USER, "list the deployment's jobs"),
                get("/api/deployments/{id}/monitors", DEPLOYMENT, USER, "list the deployment's monitors and their states"),
                get("/api/monitors/{id}", MONITOR, USER, "read a monitor: its check, thresholds and state"),
                get("/api/monitors/{id}/log", MONITOR, USER, "read a monitor's recent check results"),
                get("/api/jobs/{id}", JOB, USER, "read a job and its steps"),
                get("/api/jobs/{id}/stream", JOB, USER, "follow a job live: its steps and progress, then each change"),
                get("/api/clusters", NONE, AUTHENTICATED, "list the clusters"),
                get("/api/clusters/{cluster}", CLUSTER, AUTHENTICATED, "read a cluster"),
                get("/api/books", NONE, AUTHENTICATED, "list the Books"),
                get("/api/books/{book}", NONE, AUTHENTICATED, "read a Book with its versions and steps"),
                get("/api/repositories", NONE, AUTHENTICATED,
                        "list the platform-wide repositories and those of your projects"),
                get("/api/repositories/{id}", REPOSITORY, USER, "read a repository and its branches"),
                get("/api/repositories/{id}/images", REPOSITORY, USER, "list a repository's images"),
                get("/api/images/{id}", IMAGE, USER, "read an image and its pushes"),
                get("/api/projects/{slug}/datasources", PROJECT, USER, "list the project's datasources"),
                get("/api/datasources/{id}", DATASOURCE, USER, "read a datasource"),
                get("/api/admin/read-models", NONE, PLATFORM_ADMIN,
                        "list the dashboards' read models, their generations and the rebuild under way or last run"),
                post("/api/admin/read-models/{name}/rebuild", NONE, PLATFORM_ADMIN,
                        "rebuild one read model (or all) from the events while queries read the old one, then switch"),
                post("/api/admin/read-models/rebuild/cancel", NONE, PLATFORM_ADMIN,
                        "cancel the rebuild under way; the live read models stay"))));
    }
}
