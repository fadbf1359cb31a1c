package io.eyrie.commandside;

import io.eyrie.platform.access.EndpointTable;
import io.eyrie.platform.deadletter.DeadLetterEndpoints;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

import static io.eyrie.platform.access.Endpoint.delete;
import static io.eyrie.platform.access.Endpoint.patch;
import static io.eyrie.platform.access.Endpoint.post;
import static io.eyrie.platform.access.Endpoint.put;
import static io.eyrie.platform.access.Need.ADMIN;
import static io.eyrie.platform.access.Need.AUTHENTICATED;
import static io.eyrie.platform.access.Need.DEVELOPER;
import static io.eyrie.platform.access.Need.HANDLER;
import static io.eyrie.platform.access.Need.OWNER;
import static io.eyrie.platform.access.Need.PLATFORM_ADMIN;
import static io.eyrie.platform.access.Need.ROLE_TO_ACT;
import static io.eyrie.platform.access.Need.ROLE_TO_CHANGE;
import static io.eyrie.platform.access.Target.CLUSTER;
import static io.eyrie.platform.access.Target.DATASOURCE;
import static io.eyrie.platform.access.Target.DEPLOYMENT;
import static io.eyrie.platform.access.Target.MONITOR;
import static io.eyrie.platform.access.Target.IMAGE;
import static io.eyrie.platform.access.Target.REPOSITORY;
import static io.eyrie.platform.access.Target.GROUP;
import static io.eyrie.platform.access.Target.NONE;
import static io.eyrie.platform.access.Target.PROJECT;

/** The command service's authorization table: every route, what it acts on, and the least a caller needs. */
@Configuration(proxyBeanMethods = false)
public class CommandEndpoints {

    @Bean
    public EndpointTable commandEndpointTable() {
        return new EndpointTable("command", DeadLetterEndpoints.after(List.of(
                post("/api/projects", NONE, AUTHENTICATED, "create a project (the caller becomes its owner)"),
                patch("/api/projects/{slug}", PROJECT, ADMIN, "rename the project"),
                delete("/api/projects/{slug}", PROJECT, OWNER, "archive the project, once it has no groups"),
                put("/api/projects/{slug}/members/{user}", PROJECT, ADMIN,
                        "add a member or change a role (the owner alone for admins)"),
                delete("/api/projects/{slug}/members/{user}", PROJECT, ADMIN,
                        "remove a member (the owner alone for admins)"),
                post("/api/projects/{slug}/owner", PROJECT, OWNER, "transfer ownership"),
                post("/api/clusters", NONE, PLATFORM_ADMIN, "register a cluster"),
                patch("/api/clusters/{cluster}", CLUSTER, PLATFORM_ADMIN, "change a cluster's API server or credentials"),
                post("/api/clusters/{cluster}/actions/{action}", CLUSTER, PLATFORM_ADMIN,
                        "move a cluster through its lifecycle"),
                post("/api/books", NONE, PLATFORM_ADMIN, "publish a new version of a Book"),
                post("/api/projects/{slug}/groups", PROJECT, ADMIN, "create a deployment group"),
                patch("/api/projects/{slug}/groups/{group}", GROUP, ADMIN, "change a group's clusters, defaults or Books"),
                delete("/api/projects/{slug}/groups/{group}", GROUP, OWNER, "delete a group"),
                put("/api/projects/{slug}/groups/{group}/scopes/{scope}", GROUP, ADMIN, "add or change a scope"),
                delete("/api/projects/{slug}/groups/{group}/scopes/{scope}", GROUP, ADMIN, "remove a scope"),
                put("/api/projects/{slug}/groups/{group}/members/{user}", GROUP, ADMIN,
                        "override a member's role in the group"),
                delete("/api/projects/{slug}/groups/{group}/members/{user}", GROUP, ADMIN,
                        "remove a member's override in the group"),
                post("/api/projects/{slug}/groups/{group}/deployments", GROUP, DEVELOPER, "create a deployment"),
                post("/api/projects/{slug}/groups/{group}/actions/{action}", GROUP, DEVELOPER,
                        "run an action on the group's deployments, stage by stage (each also needs its scope's roleToAct)"),
                patch("/api/deployments/{id}", DEPLOYMENT, ROLE_TO_CHANGE, "change a deployment (a new version)"),
                put("/api/deployments/{id}/members/{user}", DEPLOYMENT, ADMIN,
                        "override a member's role on the deployment"),
                delete("/api/deployments/{id}/members/{user}", DEPLOYMENT, ADMIN,
                        "remove a member's override on the deployment"),
                post("/api/deployments/{id}/actions/{action}", DEPLOYMENT, ROLE_TO_ACT, "run, queue or cancel an action"),
                post("/api/deployments/{id}/releases/initial", DEPLOYMENT, ROLE_TO_ACT,
                        "adopt a running deployment: what runs becomes release v1"),
                delete("/api/deployments/{id}/pin", DEPLOYMENT, ROLE_TO_ACT,
                        "un-pin after a rollback, so image pushes redeploy again"),
                post("/api/repositories", NONE, HANDLER,
                        "register a repository: admin of its project, or platform admin for a platform-wide one"),
                delete("/api/repositories/{id}", REPOSITORY, ADMIN, "archive a repository"),
                post("/api/repositories/{id}/branches", REPOSITORY, ADMIN, "add a branch"),
                delete("/api/repositories/{id}/branches/{*branch}", REPOSITORY, ADMIN, "remove a branch"),
                post("/api/repositories/{id}/images", REPOSITORY, ADMIN, "register an image built from the repository"),
                post("/api/images/{id}/pushed", IMAGE, DEVELOPER, "record that a tag was pushed"),
                post("/api/projects/{slug}/datasources", PROJECT, ADMIN, "register a datasource"),
                patch("/api/datasources/{id}", DATASOURCE, ADMIN, "change a datasource's endpoint or credentials"),
                delete("/api/datasources/{id}", DATASOURCE, ADMIN, "remove a datasource"),
                post("/api/deployments/{id}/monitors", DEPLOYMENT, DEVELOPER,
                        "attach a health check (http_request or resource) to a deployment"),
                patch("/api/monitors/{id}", MONITOR, DEVELOPER, "change a monitor's check or thresholds"),
                delete("/api/monitors/{id}", MONITOR, DEVELOPER, "remove a monitor"))));
    }
}
