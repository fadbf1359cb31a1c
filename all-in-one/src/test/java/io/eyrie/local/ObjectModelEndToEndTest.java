package io.eyrie.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.eyrie.local.ApiClient.assertProblem;
import static io.eyrie.local.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The object model driven and read over HTTP, as a platform team would: clusters, groups, scopes, deployments. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectModelEndToEndTest {
    @TempDir
    static Path dataDirectory;

    private EyrieLocal eyrie;
    private ApiClient api;

    @BeforeAll
    void start() {
        eyrie = EyrieLocal.start(LocalSettings.from(name -> null).withDataDirectory(dataDirectory)
                .withPorts(0, 0, 0, 0, 0, 0)
                .withCluster(LocalSettings.LocalCluster.SIMULATED, java.time.Duration.ZERO), "--eyrie.runner.simulated.step-time=5ms",
                "--eyrie.schedules.check-every=1s");
        api = new ApiClient(eyrie);
        api.send("olivia", "POST", api.command("/api/projects"), "{\"slug\":\"acme\",\"name\":\"Acme\"}", 201);
        api.send("olivia", "PUT", api.command("/api/projects/acme/members/devi"), "{\"role\":\"developer\"}", 200);
        api.send("olivia", "PUT", api.command("/api/projects/acme/members/adam"), "{\"role\":\"admin\"}", 200);
    }

    @AfterAll
    void stop() {
        if (eyrie != null) {
            eyrie.close();
        }
    }

    @Test
    void theLocalRunHasOneActiveClusterAndPlatformAdminsManageClusters() {
        JsonNode local = api.await("devi", api.query("/api/clusters/local"), cluster -> true);
        assertThat(local.get("state").asText()).isEqualTo("active");
        assertThat(local.get("apiServer").asText()).isEqualTo("simulated://local");

        assertProblem(api.send("olivia", "POST", api.command("/api/clusters"),
                "{\"name\":\"EU West 1\",\"apiServer\":\"https://eu-west-1.example.com:6443\",\"credentialsRef\":\"in-cluster\"}", 403), "forbidden");
        JsonNode registered = json(api.send("root", "POST", api.command("/api/clusters"),
                "{\"name\":\"EU West 1\",\"apiServer\":\"https://eu-west-1.example.com:6443\",\"credentialsRef\":\"kubeconfig:/etc/eyrie/eu-west-1#admin\"}", 201));
        assertThat(registered.get("slug").asText()).isEqualTo("eu-west-1");
        assertThat(registered.get("state").asText()).isEqualTo("draft");
        assertProblem(api.send("root", "POST", api.command("/api/clusters"),
                "{\"name\":\"eu west 1\",\"apiServer\":\"https://other.example.com\",\"credentialsRef\":\"in-cluster\"}", 409), "already-exists");
        var secret = api.send("root", "POST", api.command("/api/clusters"),
                "{\"name\":\"leaky\",\"apiServer\":\"https://x.example.com\",\"credentialsRef\":\"eyJhbGciOiJSUzI1NiJ9.c2VjcmV0\"}", 400);
        assertThat(json(secret).get("errors").get(0).get("field").asText()).isEqualTo("credentialsRef");

        var refused = api.send("root", "POST", api.command("/api/clusters/eu-west-1/actions/activate"), null, 409);
        assertProblem(refused, "action-not-allowed");
        assertThat(json(refused).get("allowedActions").toString()).isEqualTo("[\"init\",\"cancel\",\"delete\"]");
        api.send("root", "POST", api.command("/api/clusters/eu-west-1/actions/init"), null, 200);
        api.await("devi", api.query("/api/clusters?state=init"), page -> page.get("total").asInt() == 1);
    }

    @Test
    void onlyActiveClustersTakeDeploymentsAndAClusterInUseIsNotDeleted() {
        api.send("root", "POST", api.command("/api/clusters"),
                "{\"name\":\"ap-1\",\"apiServer\":\"simulated://ap-1\",\"credentialsRef\":\"secret://platform/ap-1#kubeconfig\"}", 201);
        api.send("olivia", "POST", api.command("/api/projects/acme/groups"),
                "{\"name\":\"asia\",\"type\":\"none\",\"clusters\":[\"ap-1\"]}", 201);
        String body = "{\"name\":\"%s\",\"image\":\"nginx:1.27\"}";
        assertProblem(api.send("devi", "POST", api.command("/api/projects/acme/groups/asia/deployments"),
                body.formatted("early"), 409), "cluster-not-active");
        api.send("root", "POST", api.command("/api/clusters/ap-1/actions/init"), null, 200);
        api.send("root", "POST", api.command("/api/clusters/ap-1/actions/activate"), null, 200);
        String id = json(api.send("devi", "POST", api.command("/api/projects/acme/groups/asia/deployments"),
                body.formatted("app"), 201)).get("id").asText();

        api.send("root", "POST", api.command("/api/clusters/ap-1/actions/cancel"), null, 200);
        var inUse = api.send("root", "POST", api.command("/api/clusters/ap-1/actions/delete"), null, 409);
        assertProblem(inUse, "cluster-in-use");
        assertThat(json(inUse).get("deployments").asInt()).isEqualTo(1);
        // Documents of one batch reach MongoDB one collection after the other: wait for both facts.
        api.await("devi", api.query("/api/clusters/ap-1"),
                view -> view.get("state").asText().equals("cancel") && view.get("deployments").asInt() == 1);

        api.send("devi", "POST", api.command("/api/deployments/" + id + "/actions/drop"), null, 202);
        api.await("devi", api.query("/api/deployments/" + id), card -> card.get("lifecycle").asText().equals("dropped"));
        api.send("root", "POST", api.command("/api/clusters/ap-1/actions/delete"), null, 200);
    }

    @Test
    void aScopesRoleToActAndDropPolicyGovernItsDeployments() {
        api.send("adam", "POST", api.command("/api/projects/acme/groups"), """
                {"name":"shop","type":"none","clusters":["local"],
                 "defaults":{"image":"registry.example.com/shop:1.0","branch":"main","strategy":"blue-green"},
                 "scopes":[{"name":"dev","allowDrop":true},
                           {"name":"production","roleToAct":"admin","concurrency":"reject","pauseAfterSeconds":3600}]}""", 201);
        JsonNode group = api.await("devi", api.query("/api/projects/acme/groups/shop"), view -> true);
        assertThat(group.get("scopes")).hasSize(2);
        assertThat(group.get("defaults").get("strategy").asText()).isEqualTo("blue-green");
        assertThat(group.get("status").asText()).isEqualTo("ready");

        assertProblem(api.send("devi", "POST", api.command("/api/projects/acme/groups/shop/deployments"),
                "{\"name\":\"live\",\"scope\":\"production\"}", 403), "forbidden");
        String prod = json(api.send("adam", "POST", api.command("/api/projects/acme/groups/shop/deployments"),
                "{\"name\":\"live\",\"scope\":\"production\"}", 201)).get("id").asText();
        JsonNode card = api.await("devi", api.query("/api/deployments/" + prod), view -> true);
        assertThat(card.get("image").asText()).isEqualTo("registry.example.com/shop:1.0");
        assertThat(card.get("branch").asText()).isEqualTo("main");
        assertThat(card.get("clusters").toString()).isEqualTo("[\"local\"]");
        assertThat(card.get("kubernetesNamespace").asText()).startsWith("acme-live-").hasSizeLessThanOrEqualTo(63);
        assertThat(card.get("allowedActions").toString()).isEqualTo("[\"initialize\"]");

        assertProblem(api.send("devi", "POST", api.command("/api/deployments/" + prod + "/actions/initialize"), null, 403),
                "forbidden");
        api.send("adam", "POST", api.command("/api/deployments/" + prod + "/actions/initialize"), null, 202);
        api.await("devi", api.query("/api/deployments/" + prod), view -> view.get("lifecycle").asText().equals("initialize")
                && view.get("runningJobs").asInt() == 0);
        var noDrop = api.send("adam", "POST", api.command("/api/deployments/" + prod + "/actions/drop"), null, 409);
        assertProblem(noDrop, "action-not-allowed");
        assertThat(json(noDrop).get("detail").asText()).contains("does not allow drop");

        api.send("adam", "PUT", api.command("/api/projects/acme/groups/shop/scopes/production"),
                "{\"allowDrop\":true,\"roleToAct\":\"admin\"}", 200);
        api.await("devi", api.query("/api/deployments/" + prod),
                view -> view.get("allowedActions").toString().equals("[\"initialize\",\"deploy\",\"deploy-latest\",\"drop\"]"));
        api.send("adam", "POST", api.command("/api/deployments/" + prod + "/actions/drop"), null, 202);
    }

    @Test
    void rolesFollowScopesOverridesAndMembershipAndOnlyTheOwnerHandsOutAdmin() {
        String alice = "alice.smith@example.com";
        var member = api.command("/api/projects/acme/members/" + alice);
        var override = api.command("/api/projects/acme/groups/gates/members/" + alice);
        api.send("olivia", "PUT", member, "{\"role\":\"developer\"}", 200);
        api.send("adam", "POST", api.command("/api/projects/acme/groups"), """
                {"name":"gates","type":"none","clusters":["local"],"defaults":{"image":"nginx:1.27"},
                 "scopes":[{"name":"dev"},{"name":"production","roleToAct":"admin"}]}""", 201);
        JsonNode project = api.await(alice, api.query("/api/projects/acme"),
                view -> view.get("members").toString().contains(alice));
        assertThat(project.get("slug").asText()).isEqualTo("acme");

        var create = api.command("/api/projects/acme/groups/gates/deployments");
        String id = json(api.send(alice, "POST", create, "{\"name\":\"gate\"}", 201)).get("id").asText();
        var change = api.command("/api/deployments/" + id);
        assertProblem(api.send(alice, "POST", create, "{\"name\":\"gate2\",\"scope\":\"production\"}", 403),
                "forbidden");
        assertProblem(api.send(alice, "PATCH", change, "{\"scope\":\"production\"}", 403), "forbidden");

        // An admin who is not the owner cannot raise a member to admin through an override.
        assertProblem(api.send("adam", "PUT", override, "{\"role\":\"admin\"}", 403), "forbidden");
        api.send("olivia", "PUT", override, "{\"role\":\"admin\"}", 200);
        api.send(alice, "PATCH", change, "{\"scope\":\"production\"}", 200);
        api.await(alice, api.query("/api/projects/acme/groups/gates"),
                view -> "admin".equals(view.get("overrides").path(alice).asText(null)));
        // ...nor lower or remove an admin override.
        assertProblem(api.send("adam", "PUT", override, "{\"role\":\"user\"}", 403), "forbidden");
        assertProblem(api.send("adam", "DELETE", override, null, 403), "forbidden");

        // A member who leaves and comes back starts from the project role: the old override is gone.
        api.send("olivia", "DELETE", member, null, 204);
        api.await("devi", api.query("/api/projects/acme/groups/gates"), view -> !view.get("overrides").has(alice));
        api.send("olivia", "PUT", member, "{\"role\":\"developer\"}", 200);
        assertProblem(api.send(alice, "PATCH", change, "{\"image\":\"nginx:1.28\"}", 403), "forbidden");
        JsonNode card = api.await(alice, api.query("/api/deployments/" + id), view -> true);
        assertThat(card.get("scope").asText()).isEqualTo("production");
    }

    @Test
    void cancelEndsARunningJobAtOnceAndLeavesTheLifecycleWhereItWas() {
        api.send("adam", "POST", api.command("/api/projects/acme/groups"),
                "{\"name\":\"cancels\",\"type\":\"none\",\"clusters\":[\"local\"]}", 201);
        // The simulated cluster never finishes rolling out an image tagged "slow".
        String id = json(api.send("devi", "POST", api.command("/api/projects/acme/groups/cancels/deployments"),
                "{\"name\":\"stuck\",\"image\":\"nginx:slow\"}", 201)).get("id").asText();
        var actions = "/api/deployments/" + id + "/actions/";
        assertProblem(api.send("devi", "POST", api.command(actions + "cancel"), null, 409), "action-not-allowed");
        api.send("devi", "POST", api.command(actions + "initialize"), null, 202);
        api.await("devi", api.query("/api/deployments/" + id), card -> card.get("lifecycle").asText().equals("initialize")
                && card.get("runningJobs").asInt() == 0);
        String jobId = json(api.send("devi", "POST", api.command(actions + "deploy"), null, 202)).get("jobId").asText();
        api.await("devi", api.query("/api/jobs/" + jobId), job -> job.get("steps").get(1).get("state").asText()
                .equals("running"));
        JsonNode card = api.await("devi", api.query("/api/deployments/" + id), view -> true);
        // While it deploys, anything asked for queues behind it; cancel stops it.
        assertThat(card.get("status").asText()).isEqualTo("deploying");
        assertThat(card.get("allowedActions").toString()).contains("\"cancel\"", "\"pause\"");

        var refused = api.send("devi", "POST", api.command(actions + "cancel"),
                "{\"job\":\"" + java.util.UUID.randomUUID() + "\"}", 409);
        assertThat(json(refused).get("allowedActions")).isEqualTo(card.get("allowedActions"));
        JsonNode accepted = json(api.send("devi", "POST", api.command(actions + "cancel"), null, 202));
        assertThat(accepted.get("jobId").asText()).isEqualTo(jobId);

        JsonNode job = api.await("devi", api.query("/api/jobs/" + jobId),
                view -> view.get("state").asText().equals("cancelled"));
        assertThat(job.get("error").asText()).isEqualTo("cancelled by devi");
        assertThat(job.get("steps").get(1).get("state").asText()).isEqualTo("cancelled");
        JsonNode after = api.await("devi", api.query("/api/deployments/" + id),
                view -> view.get("status").asText().equals("cancelled"));
        assertThat(after.get("lifecycle").asText()).isEqualTo("initialize");
        assertThat(after.get("allowedActions").toString())
                .isEqualTo("[\"initialize\",\"deploy\",\"deploy-latest\",\"drop\"]");
        assertProblem(api.send("devi", "POST", api.command(actions + "deploy"), "{\"job\":\"" + jobId + "\"}", 400),
                "invalid-input");
    }

    /**
     * A registry push redeploys every deployed deployment subscribed to the image, as system with the push as its
     * reason, pinned by digest; one a rollback pinned is left alone, and that is recorded.
     */
    @Test
    void anImagePushRedeploysItsSubscribersButNotAPinnedOne() {
        String repository = json(api.send("adam", "POST", api.command("/api/repositories"),
                "{\"url\":\"https://git.example.com/acme/pushed.git\",\"project\":\"acme\"}", 201)).get("id").asText();
        String image = json(api.send("adam", "POST", api.command("/api/repositories/" + repository + "/images"),
                "{\"name\":\"registry.example.com/acme/pushed\"}", 201)).get("id").asText();
        api.send("adam", "POST", api.command("/api/projects/acme/groups"),
                "{\"name\":\"pushes\",\"type\":\"none\",\"clusters\":[\"local\"]}", 201);
        String[] ids = new String[2];
        for (int i = 0; i < 2; i++) {
            ids[i] = json(api.send("devi", "POST", api.command("/api/projects/acme/groups/pushes/deployments"),
                    "{\"name\":\"sub" + i + "\",\"image\":\"registry.example.com/acme/pushed:1.0\",\"subscribeTo\":\""
                            + image + "\"}", 201)).get("id").asText();
            for (String action : List.of("initialize", "deploy")) {
                String job = json(api.send("devi", "POST", api.command("/api/deployments/" + ids[i] + "/actions/" + action),
                        null, 202)).get("jobId").asText();
                api.await("devi", api.query("/api/deployments/" + ids[i]), card -> job.equals(card.get("lastJobId").asText())
                        && card.get("runningJobs").asInt() == 0);
            }
        }
        // The second goes back to release 1 (a redeploy of it) and is pinned there.
        String second = json(api.send("devi", "POST", api.command("/api/deployments/" + ids[1] + "/actions/deploy"),
                "{\"notes\":\"again\"}", 202)).get("jobId").asText();
        api.await("devi", api.query("/api/deployments/" + ids[1]), card -> second.equals(card.get("lastJobId").asText())
                && card.get("runningJobs").asInt() == 0);
        api.send("devi", "POST", api.command("/api/deployments/" + ids[1] + "/actions/rollback"), "{\"release\":1}", 202);
        api.await("devi", api.query("/api/deployments/" + ids[1]), card -> card.get("pinned").asBoolean()
                && card.get("activeRelease").asInt() == 3 && card.get("runningJobs").asInt() == 0);

        String digest = "sha256:" + "d".repeat(64);
        api.send("devi", "POST", api.command("/api/images/" + image + "/pushed"),
                "{\"tag\":\"2.0\",\"digest\":\"" + digest + "\"}", 200);

        JsonNode redeployed = api.await("devi", api.query("/api/deployments/" + ids[0]),
                card -> card.path("activeRelease").asInt() == 2 && card.get("runningJobs").asInt() == 0);
        assertThat(redeployed.get("services").get(0).get("image").asText()).isEqualTo("registry.example.com/acme/pushed:2.0");
        JsonNode release = json(api.send("devi", "GET", api.query("/api/deployments/" + ids[0] + "/releases/2"), null, 200));
        assertThat(release.get("services").get(0).get("digest").asText()).isEqualTo(digest);
        JsonNode job = json(api.send("devi", "GET", api.query("/api/jobs/" + release.get("jobId").asText()), null, 200));
        assertThat(job.get("initiator").asText()).isEqualTo("system");
        assertThat(job.get("reason").asText()).contains("push of registry.example.com/acme/pushed:2.0", digest);
        assertThat(job.get("action").asText()).isEqualTo("deploy-latest");

        JsonNode pinned = json(api.send("devi", "GET", api.query("/api/deployments/" + ids[1]), null, 200));
        assertThat(pinned.get("activeRelease").asInt()).as("a pinned deployment is not redeployed").isEqualTo(3);
        assertThat(pinned.get("runningJobs").asInt()).isZero();
    }

    /**
     * A monitor on a running deployment goes ok against a local responder, then error once the responder stops
     * answering; the card, the group and the audit trail say so, the log keeps every check, and a pause makes it
     * unknown and stops its checks. Bad specs, metadata addresses and strangers are refused.
     */
    @Test
    void aMonitorFollowsItsTargetAndItsDeploymentAndOnlyMembersSeeIt() throws Exception {
        com.sun.net.httpserver.HttpServer responder = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        responder.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        responder.start();
        String url = "http://127.0.0.1:" + responder.getAddress().getPort() + "/health";
        api.send("adam", "POST", api.command("/api/projects/acme/groups"),
                "{\"name\":\"watched\",\"type\":\"none\",\"clusters\":[\"local\"]}", 201);
        String id = json(api.send("devi", "POST", api.command("/api/projects/acme/groups/watched/deployments"),
                "{\"name\":\"shop\",\"image\":\"nginx:1.27\"}", 201)).get("id").asText();
        for (String action : List.of("initialize", "deploy")) {
            String job = json(api.send("devi", "POST", api.command("/api/deployments/" + id + "/actions/" + action),
                    null, 202)).get("jobId").asText();
            api.await("devi", api.query("/api/deployments/" + id), card -> job.equals(card.get("lastJobId").asText())
                    && card.get("runningJobs").asInt() == 0);
        }

        assertProblem(api.send("devi", "POST", api.command("/api/deployments/" + id + "/monitors"),
                "{\"type\":\"http_request\",\"url\":\"http://169.254.169.254/latest/meta-data\"}", 400), "invalid-input");
        var bad = api.send("devi", "POST", api.command("/api/deployments/" + id + "/monitors"),
                "{\"type\":\"http_request\",\"intervalSeconds\":1,\"cpuErrorPercent\":90}", 400);
        assertThat(json(bad).get("errors").findValuesAsText("field")).containsExactly("intervalSeconds", "timeoutMillis", "cpuErrorPercent");
        assertProblem(api.send("devi", "POST", api.command("/api/deployments/" + id + "/monitors"),
                "{\"type\":\"ping\"}", 400), "invalid-input");
        var token = api.send("devi", "POST", api.command("/api/deployments/" + id + "/monitors"),
                "{\"type\":\"http_request\",\"url\":\"https://shop.example.com/health?access_token=abc\"}", 400);
        assertThat(json(token).get("errors").get(0).get("field").asText()).isEqualTo("url");
        api.send("otto", "POST", api.command("/api/deployments/" + id + "/monitors"), "{\"type\":\"resource\"}", 404);

        String monitor = json(api.send("devi", "POST", api.command("/api/deployments/" + id + "/monitors"),
                "{\"type\":\"http_request\",\"name\":\"health\",\"url\":\"" + url
                        + "\",\"intervalSeconds\":5,\"failuresToError\":1,\"timeoutMillis\":1000,\"latencyWarningMillis\":900}",
                201)).get("id").asText();
        assertProblem(api.send("devi", "POST", api.command("/api/deployments/" + id + "/monitors"),
                "{\"type\":\"resource\",\"name\":\"health\"}", 409), "already-exists");
        JsonNode ok = api.await("devi", api.query("/api/monitors/" + monitor), view -> "ok".equals(view.path("state").asText()));
        assertThat(ok.get("reason").asText()).startsWith("status 200");
        assertThat(api.await("devi", api.query("/api/deployments/" + id), card -> "ok".equals(card.path("monitorState").asText()))
                .get("monitors").get("ok").asInt()).isEqualTo(1);

        responder.stop(0);
        JsonNode error = api.await("devi", api.query("/api/monitors/" + monitor),
                view -> "error".equals(view.path("state").asText()));
        assertThat(error.get("reason").asText()).startsWith("1 consecutive failed check: connection refused");
        api.await("devi", api.query("/api/deployments/" + id), card -> "error".equals(card.path("monitorState").asText()));
        JsonNode group = api.await("devi", api.query("/api/projects/acme/groups/watched"),
                view -> view.path("monitors").path("error").asInt() == 1);
        assertThat(group.get("monitors").get("ok").asInt()).isZero();
        JsonNode audit = api.await("devi", api.query("/api/deployments/" + id + "/audit"),
                page -> page.toString().contains("connection refused"));
        JsonNode change = audit.get("items").findParents("type").stream()
                .filter(entry -> entry.get("type").asText().endsWith("MonitorStateChanged")).toList().getLast();
        assertThat(change.get("initiator").asText()).isEqualTo("system:monitor-checks");
        assertThat(change.get("payload").get("from").asText()).isEqualTo("ok");
        assertThat(change.get("payload").get("to").asText()).isEqualTo("error");
        assertThat(change.get("payload").get("reason").asText()).startsWith("1 consecutive failed check: connection refused");
        // A result reaches the log at the runner's next round after its check.
        JsonNode log = api.await("devi", api.query("/api/monitors/" + monitor + "/log"),
                page -> page.get("entries").findValuesAsText("state").contains("error"));
        assertThat(log.get("entries").findValuesAsText("state")).startsWith("error").contains("ok");
        assertThat(log.get("entries").get(0).get("reason").asText()).startsWith("1 consecutive failed check: connection refused");
        assertProblem(api.send("devi", "GET", api.query("/api/monitors/" + monitor + "/log?limit=0"), null, 400), "invalid-input");

        api.send("otto", "GET", api.query("/api/monitors/" + monitor), null, 404);
        api.send("otto", "GET", api.query("/api/monitors/" + monitor + "/log"), null, 404);
        api.send("otto", "PATCH", api.command("/api/monitors/" + monitor), "{\"intervalSeconds\":60}", 404);

        String pause = json(api.send("devi", "POST", api.command("/api/deployments/" + id + "/actions/pause"), null, 202))
                .get("jobId").asText();
        api.await("devi", api.query("/api/deployments/" + id), card -> pause.equals(card.get("lastJobId").asText())
                && card.get("runningJobs").asInt() == 0);
        JsonNode paused = api.await("devi", api.query("/api/monitors/" + monitor),
                view -> "unknown".equals(view.path("state").asText()));
        assertThat(paused.get("checking").asBoolean()).isFalse();
        assertThat(paused.get("reason").asText()).isEqualTo("not checked: deployment paused");

        api.send("devi", "PATCH", api.command("/api/monitors/" + monitor), "{\"intervalSeconds\":60}", 200);
        api.await("devi", api.query("/api/monitors/" + monitor), view -> view.get("spec").get("intervalSeconds").asInt() == 60);
        api.send("devi", "DELETE", api.command("/api/monitors/" + monitor), null, 204);
        api.await("devi", api.query("/api/deployments/" + id), card -> card.path("monitorState").isNull());
    }

    /** A scope that asks for monitoring gives each deployment an HTTP check of its service on its first deploy. */
    @Test
    void aScopeThatAsksForMonitoringGetsADefaultMonitorOnTheFirstDeploy() {
        api.send("adam", "POST", api.command("/api/projects/acme/groups"),
                "{\"name\":\"monitored\",\"type\":\"none\",\"clusters\":[\"local\"]}", 201);
        api.send("adam", "PUT", api.command("/api/projects/acme/groups/monitored/scopes/dev"),
                "{\"allowDrop\":true,\"monitor\":true,\"monitorLogDeleteAfterSeconds\":3600}", 200);
        String id = json(api.send("devi", "POST", api.command("/api/projects/acme/groups/monitored/deployments"),
                "{\"name\":\"shop\",\"image\":\"nginx:1.27\"}", 201)).get("id").asText();
        String init = json(api.send("devi", "POST", api.command("/api/deployments/" + id + "/actions/initialize"),
                null, 202)).get("jobId").asText();
        api.await("devi", api.query("/api/deployments/" + id), card -> init.equals(card.get("lastJobId").asText())
                && card.get("runningJobs").asInt() == 0);
        assertThat(json(api.send("devi", "GET", api.query("/api/deployments/" + id + "/monitors"), null, 200))).isEmpty();

        String deploy = json(api.send("devi", "POST", api.command("/api/deployments/" + id + "/actions/deploy"),
                null, 202)).get("jobId").asText();
        JsonNode monitors = api.await("devi", api.query("/api/deployments/" + id + "/monitors"), list -> list.size() == 1);
        JsonNode monitor = monitors.get(0);
        assertThat(monitor.get("spec").get("name").asText()).isEqualTo("service");
        assertThat(monitor.get("spec").get("url").asText()).matches("http://shop\\.acme-shop-[a-z0-9]+\\.svc\\.cluster\\.local:8080/");
        assertThat(monitor.get("checking").asBoolean()).isTrue();
        assertThat(monitor.get("createdBy").asText()).isEqualTo("devi");

        // A second deploy adds none.
        api.await("devi", api.query("/api/deployments/" + id), card -> deploy.equals(card.get("lastJobId").asText())
                && card.get("runningJobs").asInt() == 0);
        String again = json(api.send("devi", "POST", api.command("/api/deployments/" + id + "/actions/deploy"),
                "{\"notes\":\"again\"}", 202)).get("jobId").asText();
        api.await("devi", api.query("/api/deployments/" + id), card -> again.equals(card.get("lastJobId").asText())
                && card.get("runningJobs").asInt() == 0);
        assertThat(json(api.send("devi", "GET", api.query("/api/deployments/" + id + "/monitors"), null, 200))).hasSize(1);
    }

    /**
     * A group action runs stage by stage: the stage set for one deployment first, the rest once it has succeeded;
     * the group's status follows its deployments'.
     */
    @Test
    void aGroupActionRunsItsStagesInOrderAndTheGroupStatusFollows() {
        api.send("adam", "POST", api.command("/api/projects/acme/groups"),
                "{\"name\":\"staged\",\"type\":\"none\",\"clusters\":[\"local\"]}", 201);
        List<String> names = List.of("alpha", "beta", "gamma");
        java.util.Map<String, String> ids = new java.util.HashMap<>();
        for (String name : names) {
            ids.put(name, json(api.send("devi", "POST", api.command("/api/projects/acme/groups/staged/deployments"),
                    "{\"name\":\"" + name + "\",\"image\":\"nginx:1.27\"}", 201)).get("id").asText());
        }
        assertProblem(api.send("devi", "POST", api.command("/api/projects/acme/groups/staged/actions/initialize"),
                "{\"deployments\":[\"delta\"]}", 400), "invalid-input");
        JsonNode run = json(api.send("devi", "POST", api.command("/api/projects/acme/groups/staged/actions/initialize"),
                "{\"stages\":{\"alpha\":0}}", 202));
        assertThat(run.get("stages").toString())
                .isEqualTo("[{\"stage\":0,\"deployments\":[\"alpha\"]},{\"stage\":1,\"deployments\":[\"beta\",\"gamma\"]}]");
        java.util.Map<String, JsonNode> jobs = new java.util.HashMap<>();
        for (String name : names) {
            JsonNode card = api.await("devi", api.query("/api/deployments/" + ids.get(name)),
                    view -> view.get("status").asText().equals("initialized"));
            jobs.put(name, api.await("devi", api.query("/api/jobs/" + card.get("lastJobId").asText()),
                    view -> view.get("state").asText().equals("succeeded")));
        }
        Instant alphaEnded = Instant.parse(jobs.get("alpha").get("finishedAt").asText());
        for (String later : List.of("beta", "gamma")) {
            assertThat(Instant.parse(jobs.get(later).get("scheduledAt").asText())).as(later + " is asked for after alpha ended")
                    .isAfterOrEqualTo(alphaEnded);
            assertThat(jobs.get(later).get("reason").asText()).contains("stage 1 of group action " + run.get("runId").asText());
            assertThat(jobs.get(later).get("initiator").asText()).isEqualTo("devi");
        }

        JsonNode view = api.await("devi", api.query("/api/projects/acme/groups/staged/runs/" + run.get("runId").asText()),
                body -> body.get("state").asText().equals("succeeded"));
        assertThat(view.get("stages").get(0).get("members").get(0).get("name").asText()).isEqualTo("alpha");
        assertThat(view.get("stages").get(1).get("state").asText()).isEqualTo("succeeded");
        assertThat(view.get("stages").get(1).get("members").get(0).get("outcome").asText()).isEqualTo("succeeded");
        assertThat(view.get("startedBy").asText()).isEqualTo("devi");

        api.send("devi", "POST", api.command("/api/projects/acme/groups/staged/actions/deploy"), null, 202);
        api.await("devi", api.query("/api/projects/acme/groups/staged"), body -> body.get("status").asText().equals("deployed"));
        // A deployed deployment refuses initialize: the run fails at its only stage.
        JsonNode refused = json(api.send("devi", "POST", api.command("/api/projects/acme/groups/staged/actions/initialize"),
                "{\"deployments\":[\"alpha\"]}", 202));
        JsonNode failed = api.await("devi", api.query("/api/projects/acme/groups/staged/runs/" + refused.get("runId").asText()),
                body -> body.get("state").asText().equals("failed"));
        assertThat(failed.get("stages").get(0).get("members").get(0).get("outcome").asText()).isEqualTo("refused");

        JsonNode runs = api.await("devi", api.query("/api/projects/acme/groups/staged/runs?limit=2"),
                body -> body.get("items").size() == 2 && body.get("items").get(0).get("id").asText()
                        .equals(refused.get("runId").asText()));
        assertThat(runs.get("items").get(0).get("action").asText()).as("newest first").isEqualTo("initialize");
        assertThat(runs.get("total").asInt()).isEqualTo(3);
        JsonNode oldest = json(api.send("devi", "GET", api.query("/api/projects/acme/groups/staged/runs?cursor="
                + runs.get("nextCursor").asText()), null, 200));
        assertThat(oldest.get("items")).singleElement()
                .satisfies(first -> assertThat(first.get("id").asText()).isEqualTo(run.get("runId").asText()));
    }

    /** A deploy asked for in a freeze waits in the queue, shown as queued, and runs by itself once the freeze ends. */
    @Test
    void aFreezeWindowHoldsADeployUntilItEnds() {
        api.send("adam", "POST", api.command("/api/projects/acme/groups"),
                "{\"name\":\"frozen\",\"type\":\"none\",\"clusters\":[\"local\"]}", 201);
        String id = json(api.send("devi", "POST", api.command("/api/projects/acme/groups/frozen/deployments"),
                "{\"name\":\"held\",\"image\":\"nginx:1.27\"}", 201)).get("id").asText();
        String initialize = json(api.send("devi", "POST", api.command("/api/deployments/" + id + "/actions/initialize"),
                null, 202)).get("jobId").asText();
        api.await("devi", api.query("/api/deployments/" + id), card -> initialize.equals(card.get("lastJobId").asText())
                && card.get("status").asText().equals("initialized"));
        Instant ends = Instant.now().plusSeconds(4);
        api.send("adam", "PUT", api.command("/api/projects/acme/groups/frozen/scopes/dev"),
                "{\"allowDrop\":true,\"freezes\":[{\"name\":\"release-week\",\"from\":\"" + ends.minusSeconds(3600)
                        + "\",\"to\":\"" + ends + "\"}]}", 200);
        JsonNode dryRun = json(api.send("devi", "POST", api.command("/api/deployments/" + id + "/actions/deploy?dryRun=true"),
                null, 200));
        assertThat(dryRun.get("outcome").asText()).isEqualTo("queue");
        assertThat(dryRun.get("rule").asText()).contains("freeze 'release-week'");

        JsonNode answer = json(api.send("devi", "POST", api.command("/api/deployments/" + id + "/actions/deploy"), null, 202));
        assertThat(answer.get("queued").asBoolean()).isTrue();
        String deploy = answer.get("jobId").asText();
        JsonNode waiting = api.await("devi", api.query("/api/jobs/" + deploy), job -> job.get("state").asText().equals("queued"));
        assertThat(waiting.get("error").asText()).contains("freeze 'release-week' until");
        JsonNode card = api.await("devi", api.query("/api/deployments/" + id), view -> view.get("queuedJobs").asInt() == 1);
        assertThat(card.get("status").asText()).isEqualTo("queued");
        assertThat(card.get("allowedActions").toString()).contains("\"cancel\"");

        JsonNode deployed = api.await("devi", api.query("/api/deployments/" + id),
                view -> view.get("status").asText().equals("deployed") && deploy.equals(view.get("lastJobId").asText()));
        assertThat(deployed.get("queuedJobs").asInt()).isZero();
        JsonNode job = json(api.send("devi", "GET", api.query("/api/jobs/" + deploy), null, 200));
        assertThat(Instant.parse(job.get("startedAt").asText())).as("it started once the freeze ended").isAfterOrEqualTo(ends);
    }

    /** At a schedule's stop its scope's deployed deployments are paused, by system, naming the schedule. */
    @Test
    void aScheduleStopsItsScopesDeployments() {
        api.send("adam", "POST", api.command("/api/projects/acme/groups"),
                "{\"name\":\"office\",\"type\":\"none\",\"clusters\":[\"local\"]}", 201);
        String id = json(api.send("devi", "POST", api.command("/api/projects/acme/groups/office/deployments"),
                "{\"name\":\"hours\",\"image\":\"nginx:1.27\"}", 201)).get("id").asText();
        for (String action : List.of("initialize", "deploy")) {
            String job = json(api.send("devi", "POST", api.command("/api/deployments/" + id + "/actions/" + action),
                    null, 202)).get("jobId").asText();
            api.await("devi", api.query("/api/deployments/" + id), card -> job.equals(card.get("lastJobId").asText())
                    && card.get("runningJobs").asInt() == 0);
        }
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC);
        String today = now.getDayOfWeek().name().substring(0, 3).toLowerCase();
        java.time.LocalTime stop = now.toLocalTime().plusSeconds(6).withNano(0);
        org.junit.jupiter.api.Assumptions.assumeTrue(stop.isAfter(java.time.LocalTime.of(1, 0)),
                "the test's start is an hour before its stop, on the same day");
        api.send("adam", "PUT", api.command("/api/projects/acme/groups/office/scopes/dev"),
                "{\"allowDrop\":true,\"schedules\":[{\"name\":\"office-hours\",\"days\":[\"" + today + "\"],"
                        + "\"start\":\"" + stop.minusHours(1) + "\",\"stop\":\"" + stop + "\",\"zone\":\"UTC\"}]}", 200);
        assertProblem(api.send("adam", "PUT", api.command("/api/projects/acme/groups/office/scopes/dev"),
                "{\"schedules\":[{\"name\":\"bad\",\"days\":[\"someday\"],\"start\":\"08:00\",\"stop\":\"20:00\","
                        + "\"zone\":\"UTC\"}]}", 400), "invalid-input");

        JsonNode paused = api.await("devi", api.query("/api/deployments/" + id),
                card -> card.get("status").asText().equals("paused"));
        JsonNode job = json(api.send("devi", "GET", api.query("/api/jobs/" + paused.get("lastJobId").asText()), null, 200));
        assertThat(job.get("initiator").asText()).isEqualTo("system");
        assertThat(job.get("reason").asText()).contains("schedule 'office-hours' of scope 'dev' stops");
    }

    @Test
    void booksAreVersionedDataAndAJobKeepsTheVersionItCopied() {
        JsonNode builtIn = api.await("devi", api.query("/api/books/odoo.deploy"), view -> true);
        assertThat(builtIn.get("versions").get(0).get("publishedBy").asText()).isEqualTo("system:books");
        assertThat(builtIn.get("versions").get(0).get("steps").get(2).get("kind").asText()).isEqualTo("run-job");

        var badStep = api.send("root", "POST", api.command("/api/books"), """
                {"name":"none.quick","groupType":"none",
                 "steps":[{"name":"apply","kind":"apply-manifest","with":{"template":"../../etc/passwd"}}]}""", 400);
        assertThat(fields(badStep)).containsExactly("steps[0].with.template");
        String v1 = """
                {"name":"none.quick","groupType":"none","steps":[
                  {"name":"apply","kind":"apply-manifest","with":{"template":"web"},"estimatedSeconds":1},
                  {"name":"check","kind":"http-check","with":{"path":"/health"},"estimatedSeconds":1}]}""";
        assertThat(json(api.send("root", "POST", api.command("/api/books"), v1, 201)).get("version").asInt()).isEqualTo(1);
        assertThat(json(api.send("root", "POST", api.command("/api/books"), v1, 200)).get("changed").asBoolean()).isFalse();

        api.send("adam", "POST", api.command("/api/projects/acme/groups"),
                "{\"name\":\"quick\",\"type\":\"none\",\"clusters\":[\"local\"],\"books\":{\"deploy\":\"none.quick@1\"}}", 201);
        String id = json(api.send("devi", "POST", api.command("/api/projects/acme/groups/quick/deployments"),
                "{\"name\":\"q\",\"image\":\"nginx:1.27\"}", 201)).get("id").asText();
        api.send("devi", "POST", api.command("/api/deployments/" + id + "/actions/initialize"), null, 202);
        api.await("devi", api.query("/api/deployments/" + id), card -> card.get("lifecycle").asText().equals("initialize")
                && card.get("runningJobs").asInt() == 0);
        api.send("root", "POST", api.command("/api/books"), v1.replace("/health", "/ready"), 201);
        String jobId = json(api.send("devi", "POST", api.command("/api/deployments/" + id + "/actions/deploy"), null,
                202)).get("jobId").asText();

        JsonNode job = api.await("devi", api.query("/api/jobs/" + jobId),
                view -> view.get("state").asText().equals("succeeded"));
        assertThat(job.get("book").asText()).isEqualTo("none.quick");
        assertThat(job.get("bookVersion").asInt()).isEqualTo(1);
        assertThat(job.get("steps")).hasSize(2);
        assertThat(job.get("steps").get(1).get("name").asText()).isEqualTo("check");
        assertThat(job.get("steps").get(1).get("estimatedSeconds").asInt()).isEqualTo(1);

        // A Book of another group type is refused when the action would run it.
        api.send("adam", "POST", api.command("/api/projects/acme/groups"), """
                {"name":"wrongbook","type":"odoo","clusters":["local"],"books":{"initialize":"none.quick"}}""", 201);
        String odoo = json(api.send("devi", "POST", api.command("/api/projects/acme/groups/wrongbook/deployments"),
                "{\"name\":\"o\",\"image\":\"nginx:1.27\",\"config\":{\"database\":\"pgo://acme/o\"}}", 201))
                .get("id").asText();
        var refused = api.send("devi", "POST", api.command("/api/deployments/" + odoo + "/actions/initialize"), null, 409);
        assertProblem(refused, "unknown-book");
        assertThat(json(refused).get("detail").asText()).contains("is for group type 'none'");
    }

    @Test
    void everyKeyFieldChangeIsAVersionWithWhoWhenBeforeAndAfter() {
        api.send("adam", "POST", api.command("/api/projects/acme/groups"),
                "{\"name\":\"versions\",\"type\":\"none\",\"clusters\":[\"local\"]}", 201);
        String id = json(api.send("devi", "POST", api.command("/api/projects/acme/groups/versions/deployments"),
                "{\"name\":\"app\",\"image\":\"nginx:1.27\",\"branch\":\"main\"}", 201)).get("id").asText();
        api.send("devi", "PATCH", api.command("/api/deployments/" + id), "{\"branch\":\"release\",\"commitRef\":\"9f8e7d6\"}", 200);
        api.send("adam", "PATCH", api.command("/api/deployments/" + id), "{\"image\":\"nginx:1.28\"}", 200);
        api.send("adam", "PATCH", api.command("/api/deployments/" + id), "{\"image\":\"nginx:1.28\"}", 200);

        // A page's items and its total are two reads; MongoDB without transactions may see a write between them.
        JsonNode versions = api.await("devi", api.query("/api/deployments/" + id + "/versions"),
                page -> page.get("items").size() == 3 && page.get("total").asInt() == 3);
        JsonNode newest = versions.get("items").get(0);
        assertThat(newest.get("version").asInt()).isEqualTo(3);
        assertThat(newest.get("changed").toString()).isEqualTo("[\"image\",\"services\"]");
        assertThat(newest.get("changedBy").asText()).isEqualTo("adam");
        assertThat(newest.get("before").get("image").asText()).isEqualTo("nginx:1.27");
        assertThat(newest.get("after").get("services").get(0).get("image").asText()).isEqualTo("nginx:1.28");
        JsonNode second = versions.get("items").get(1);
        assertThat(second.get("changed").toString()).isEqualTo("[\"branch\",\"commitRef\"]");
        assertThat(second.get("changedBy").asText()).isEqualTo("devi");
        assertThat(versions.get("items").get(2).get("before").isNull()).isTrue();
        assertThat(versions.get("items").get(2).get("changed").toString())
                .isEqualTo("[\"scope\",\"clusters\",\"branch\",\"image\",\"services\"]");
        JsonNode page = api.get("devi", api.query("/api/deployments/" + id + "/versions?limit=2"));
        assertThat(page.get("items")).hasSize(2);
        JsonNode rest = api.get("devi", api.query("/api/deployments/" + id + "/versions?limit=2&cursor="
                + page.get("nextCursor").asText()));
        assertThat(rest.get("items").get(0).get("version").asInt()).isEqualTo(1);
        assertThat(api.get("devi", api.query("/api/deployments/" + id)).get("version").asInt()).isEqualTo(3);
    }

    @Test
    void eachTypeChecksItsConfigAndActionsWaitForWhatTheyNeed() {
        api.send("adam", "POST", api.command("/api/projects/acme/groups"),
                "{\"name\":\"db\",\"type\":\"pgo\",\"clusters\":[\"local\"]}", 201);
        var badShape = api.send("devi", "POST", api.command("/api/projects/acme/groups/db/deployments"),
                "{\"name\":\"main\",\"image\":\"postgres:17\",\"config\":{\"postgresVersion\":\"9\",\"colour\":\"blue\"}}", 400);
        assertThat(fields(badShape)).containsExactlyInAnyOrder("config.postgresVersion", "config.colour");
        String id = json(api.send("devi", "POST", api.command("/api/projects/acme/groups/db/deployments"),
                "{\"name\":\"main\",\"image\":\"postgres:17\",\"config\":{\"postgresVersion\":\"17\"}}", 201)).get("id").asText();
        var incomplete = api.send("devi", "POST", api.command("/api/deployments/" + id + "/actions/initialize"), null, 409);
        assertProblem(incomplete, "config-incomplete");
        assertThat(fields(incomplete)).containsExactly("config.storageSize");
        api.send("devi", "PATCH", api.command("/api/deployments/" + id),
                "{\"config\":{\"postgresVersion\":\"17\",\"storageSize\":\"20Gi\"}}", 200);
        JsonNode job = json(api.send("devi", "POST", api.command("/api/deployments/" + id + "/actions/initialize"), null, 202));
        JsonNode run = api.await("devi", api.query("/api/jobs/" + job.get("jobId").asText()),
                view -> view.get("state").asText().equals("succeeded"));
        assertThat(run.get("book").asText()).isEqualTo("pgo.initialize");
    }

    @Test
    void secretsTravelOnlyAsReferences() {
        api.send("adam", "POST", api.command("/api/projects/acme/groups"),
                "{\"name\":\"secrets\",\"type\":\"none\",\"clusters\":[\"local\"]}", 201);
        var leaked = api.send("devi", "POST", api.command("/api/projects/acme/groups/secrets/deployments"), """
                {"name":"app","services":[{"name":"web","image":"nginx:1.27",
                  "env":[{"name":"DB_PASSWORD","value":"hunter2"}]}]}""", 400);
        assertThat(fields(leaked)).containsExactly("services[0].env[0].value");
        String id = json(api.send("devi", "POST", api.command("/api/projects/acme/groups/secrets/deployments"), """
                {"name":"app","services":[{"name":"web","image":"nginx:1.27","replicas":2,
                  "env":[{"name":"DB_PASSWORD","secretRef":"secret://acme/app-db#password"},{"name":"MODE","value":"prod"}]}]}""",
                201)).get("id").asText();
        JsonNode card = api.await("devi", api.query("/api/deployments/" + id), view -> true);
        JsonNode env = card.get("services").get(0).get("env");
        assertThat(env.get(0).get("secretRef").asText()).isEqualTo("secret://acme/app-db#password");
        assertThat(env.get(0).get("value").isNull()).isTrue();
        assertThat(card.get("services").get(0).get("replicas").asInt()).isEqualTo(2);
        assertThat(card.get("image").asText()).isEqualTo("nginx:1.27");

        var tokenInUrl = api.send("adam", "POST", api.command("/api/repositories"),
                "{\"url\":\"https://ci:ghp_secret@git.example.com/acme/app.git\",\"project\":\"acme\"}", 400);
        assertThat(fields(tokenInUrl)).containsExactly("url");
        var signedEndpoint = api.send("adam", "POST", api.command("/api/projects/acme/datasources"), """
                {"name":"signed","dataType":"s3like","usage":"remote_backup",
                 "endpoint":"s3://bucket/backups?X-Amz-Signature=abc","credentialsRef":"secret://acme/s3"}""", 400);
        assertThat(fields(signedEndpoint)).containsExactly("endpoint");
    }

    @Test
    void onlyTheOwnerDeletesAGroupOnceItsDeploymentsAreDroppedAndThenItsNameIsFree() {
        api.send("adam", "POST", api.command("/api/projects/acme/groups"),
                "{\"name\":\"temp\",\"type\":\"none\",\"clusters\":[\"local\"]}", 201);
        String id = json(api.send("devi", "POST", api.command("/api/projects/acme/groups/temp/deployments"),
                "{\"name\":\"app\",\"image\":\"nginx:1.27\"}", 201)).get("id").asText();
        assertProblem(api.send("adam", "DELETE", api.command("/api/projects/acme/groups/temp"), null, 403), "forbidden");
        assertProblem(api.send("olivia", "DELETE", api.command("/api/projects/acme/groups/temp"), null, 409), "group-not-empty");
        api.send("devi", "POST", api.command("/api/deployments/" + id + "/actions/drop"), null, 202);
        api.await("devi", api.query("/api/deployments/" + id), card -> card.get("lifecycle").asText().equals("dropped"));
        api.send("olivia", "DELETE", api.command("/api/projects/acme/groups/temp"), null, 204);
        api.send("olivia", "DELETE", api.command("/api/projects/acme/groups/temp"), null, 404);
        api.send("adam", "POST", api.command("/api/projects/acme/groups"),
                "{\"name\":\"temp\",\"type\":\"none\",\"clusters\":[\"local\"]}", 201);
    }

    @Test
    void repositoriesBelongToAProjectOrThePlatformAndOnlyTheirOwnersSeeThem() {
        api.send("otto", "POST", api.command("/api/projects"), "{\"slug\":\"rival\",\"name\":\"Rival\"}", 201);
        String url = "https://git.example.com/acme/shop.git";
        assertProblem(api.send("devi", "POST", api.command("/api/repositories"),
                "{\"url\":\"" + url + "\",\"project\":\"acme\"}", 403), "forbidden");
        assertProblem(api.send("otto", "POST", api.command("/api/repositories"),
                "{\"url\":\"" + url + "\",\"project\":\"acme\"}", 404), "not-found");
        assertProblem(api.send("adam", "POST", api.command("/api/repositories"),
                "{\"url\":\"https://git.example.com/base.git\"}", 403), "forbidden");
        String shop = json(api.send("adam", "POST", api.command("/api/repositories"),
                "{\"url\":\"" + url + "\",\"project\":\"acme\",\"type\":\"none\"}", 201)).get("id").asText();
        assertProblem(api.send("adam", "POST", api.command("/api/repositories"),
                "{\"url\":\"" + url + "\",\"project\":\"acme\"}", 409), "already-exists");
        String base = json(api.send("root", "POST", api.command("/api/repositories"),
                "{\"url\":\"https://git.example.com/base.git\"}", 201)).get("id").asText();
        String rival = json(api.send("otto", "POST", api.command("/api/repositories"),
                "{\"url\":\"" + url + "\",\"project\":\"rival\"}", 201)).get("id").asText();

        api.send("adam", "POST", api.command("/api/repositories/" + shop + "/branches"), "{\"name\":\"main\"}", 201);
        api.send("adam", "POST", api.command("/api/repositories/" + shop + "/branches"), "{\"name\":\"feature/login\"}", 201);
        api.send("adam", "DELETE", api.command("/api/repositories/" + shop + "/branches/feature/login"), null, 204);
        assertProblem(api.send("adam", "POST", api.command("/api/repositories/" + base + "/branches"),
                "{\"name\":\"main\"}", 403), "forbidden");
        String image = json(api.send("adam", "POST", api.command("/api/repositories/" + shop + "/images"),
                "{\"name\":\"registry.example.com/acme/shop\"}", 201)).get("id").asText();
        String digest = "sha256:" + "c".repeat(64);
        api.send("devi", "POST", api.command("/api/images/" + image + "/pushed"),
                "{\"tag\":\"1.0\",\"digest\":\"" + digest + "\"}", 200);
        api.send("devi", "POST", api.command("/api/images/" + image + "/pushed"),
                "{\"tag\":\"1.0\",\"digest\":\"" + digest + "\"}", 200);

        JsonNode repository = api.await("devi", api.query("/api/repositories/" + shop),
                view -> view.get("images").size() == 1 && view.get("branches").size() == 1);
        assertThat(repository.get("branches").toString()).isEqualTo("[\"main\"]");
        JsonNode pushes = api.await("devi", api.query("/api/images/" + image), view -> view.get("pushes").size() == 1)
                .get("pushes");
        assertThat(pushes.get(0).get("digest").asText()).isEqualTo(digest);
        assertThat(pushes.get(0).get("pushedBy").asText()).isEqualTo("devi");

        JsonNode mine = api.await("devi", api.query("/api/repositories"), page -> page.get("total").asInt() == 2 && page.get("items").size() == 2);
        List<String> seen = new ArrayList<>();
        mine.get("items").forEach(item -> seen.add(item.get("id").asText()));
        assertThat(seen).containsExactlyInAnyOrder(shop, base).doesNotContain(rival);
        assertProblem(api.send("devi", "GET", api.query("/api/repositories/" + rival), null, 404), "not-found");
        assertProblem(api.send("devi", "GET", api.query("/api/repositories?project=rival"), null, 404), "not-found");
        api.await("root", api.query("/api/repositories"), page -> page.get("total").asInt() >= 3);

        api.send("adam", "POST", api.command("/api/projects/acme/groups"),
                "{\"name\":\"coded\",\"type\":\"none\",\"clusters\":[\"local\"]}", 201);
        String deployment = json(api.send("devi", "POST", api.command("/api/projects/acme/groups/coded/deployments"),
                "{\"name\":\"app\",\"image\":\"registry.example.com/acme/shop:1.0\",\"repository\":\"" + shop
                        + "\",\"branch\":\"main\",\"subscribeTo\":\"" + image + "\"}", 201)).get("id").asText();
        assertThat(api.await("devi", api.query("/api/deployments/" + deployment), card -> true).get("subscribeTo").asText())
                .isEqualTo(image);
        var elsewhere = api.send("devi", "POST", api.command("/api/projects/acme/groups/coded/deployments"),
                "{\"name\":\"stolen\",\"image\":\"nginx:1\",\"repository\":\"" + rival + "\"}", 400);
        assertThat(fields(elsewhere)).containsExactly("repository");
        var noBranch = api.send("devi", "PATCH", api.command("/api/deployments/" + deployment), "{\"branch\":\"hotfix\"}", 400);
        assertThat(fields(noBranch)).containsExactly("branch");
    }

    @Test
    void datasourcesHoldReferencesAndAScopesBackupCannotBeRemovedUnderIt() {
        var password = api.send("adam", "POST", api.command("/api/projects/acme/datasources"),
                "{\"name\":\"db\",\"dataType\":\"database\",\"usage\":\"application_data\","
                        + "\"endpoint\":\"postgresql://app:hunter2@db.example.com/app\",\"credentialsRef\":\"secret://acme/db#password\"}", 400);
        assertThat(fields(password)).containsExactly("endpoint");
        String database = json(api.send("adam", "POST", api.command("/api/projects/acme/datasources"),
                "{\"name\":\"db\",\"dataType\":\"database\",\"usage\":\"application_data\","
                        + "\"endpoint\":\"postgresql://db.example.com/app\",\"credentialsRef\":\"secret://acme/db#password\"}", 201))
                .get("id").asText();
        String bucket = json(api.send("adam", "POST", api.command("/api/projects/acme/datasources"),
                "{\"name\":\"backups\",\"dataType\":\"s3like\",\"usage\":\"remote_backup\","
                        + "\"endpoint\":\"s3://acme-backups/eyrie\",\"credentialsRef\":\"vault://acme/s3#secret-key\"}", 201))
                .get("id").asText();
        api.send("adam", "POST", api.command("/api/projects/acme/groups"),
                "{\"name\":\"backed\",\"type\":\"none\",\"clusters\":[\"local\"]}", 201);
        var notABucket = api.send("adam", "PUT", api.command("/api/projects/acme/groups/backed/scopes/dev"),
                "{\"allowDrop\":true,\"backupDatasource\":\"" + database + "\"}", 400);
        assertThat(fields(notABucket)).containsExactly("backupDatasource");
        api.send("adam", "PUT", api.command("/api/projects/acme/groups/backed/scopes/dev"),
                "{\"allowDrop\":true,\"backupDatasource\":\"" + bucket + "\"}", 200);
        assertProblem(api.send("adam", "DELETE", api.command("/api/datasources/" + bucket), null, 409), "datasource-in-use");
        api.send("adam", "DELETE", api.command("/api/datasources/" + database), null, 204);

        JsonNode listed = api.await("devi", api.query("/api/projects/acme/datasources"), page -> page.get("total").asInt() == 1
                && page.get("items").size() == 1 && page.get("items").get(0).get("name").asText().equals("backups"));
        JsonNode backups = listed.get("items").get(0);
        assertThat(backups.get("credentialsRef").asText()).isEqualTo("vault://acme/s3#secret-key");
        assertThat(backups.get("usage").asText()).isEqualTo("remote_backup");
        assertThat(api.get("devi", api.query("/api/projects/acme/groups/backed")).get("scopes").get(0)
                .get("backupDatasource").asText()).isEqualTo(bucket);
    }

    @Test
    void unknownFieldsWrongValuesAndOversizedBodiesAreRefusedByName() {
        var unknown = api.send("olivia", "POST", api.command("/api/projects"),
                "{\"slug\":\"strict\",\"name\":\"S\",\"colour\":\"red\"}", 400);
        assertProblem(unknown, "invalid-input");
        assertThat(fields(unknown)).containsExactly("colour");
        var nested = api.send("adam", "POST", api.command("/api/projects/acme/groups"),
                "{\"name\":\"strict\",\"type\":\"none\",\"scopes\":[{\"name\":\"dev\",\"allowdrop\":true}]}", 400);
        assertThat(fields(nested)).containsExactly("scopes[0].allowdrop");
        var role = api.send("olivia", "PUT", api.command("/api/projects/acme/members/zed"), "{\"role\":\"emperor\"}", 400);
        assertThat(fields(role)).containsExactly("role");
        var tooLarge = api.send("olivia", "POST", api.command("/api/projects"),
                "{\"slug\":\"big\",\"name\":\"" + "x".repeat(300_000) + "\"}", 413);
        assertProblem(tooLarge, "too-large");
        assertProblem(api.send("olivia", "POST", api.command("/api/projects"),
                "{\"slug\":\"big\",\"name\":\"" + "x".repeat(300_000) + "\"}", 413,
                java.util.Map.of("Idempotency-Key", "big-1")), "too-large");
        assertProblem(api.send("olivia", "POST", api.command("/api/projects"), "{\"slug\":\"k\",\"name\":\"K\"}", 400,
                java.util.Map.of("Idempotency-Key", "no spaces allowed")), "invalid-input");
        var nullCluster = api.send("adam", "POST", api.command("/api/projects/acme/groups"),
                "{\"name\":\"strict\",\"type\":\"none\",\"clusters\":[\"local\",null]}", 400);
        assertThat(fields(nullCluster)).containsExactly("clusters[1]");
        var longName = api.send("olivia", "POST", api.command("/api/projects"),
                "{\"slug\":\"long\",\"name\":\"" + "x".repeat(101) + "\"}", 400);
        assertThat(fields(longName)).containsExactly("name");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndCreatesNothing() throws Exception {
        api.send("adam", "POST", api.command("/api/projects/acme/groups"),
                "{\"name\":\"retries\",\"type\":\"none\",\"clusters\":[\"local\"]}", 201);
        var create = api.command("/api/projects/acme/groups/retries/deployments");
        String body = "{\"name\":\"once\",\"image\":\"nginx:1.27\"}";
        var first = api.send("devi", "POST", create, body, 201, java.util.Map.of("Idempotency-Key", "create-once-1"));
        var again = api.send("devi", "POST", create, body, 201, java.util.Map.of("Idempotency-Key", "create-once-1"));
        assertThat(json(again).get("id").asText()).isEqualTo(json(first).get("id").asText());
        assertThat(again.headers().firstValue("Idempotency-Replayed")).contains("true");
        assertProblem(api.send("devi", "POST", create, "{\"name\":\"other\",\"image\":\"nginx:1.27\"}", 422,
                java.util.Map.of("Idempotency-Key", "create-once-1")), "idempotency-key-reused");
        // Another user's key of the same name is theirs alone.
        api.send("adam", "POST", create, "{\"name\":\"twice\",\"image\":\"nginx:1.27\"}", 201,
                java.util.Map.of("Idempotency-Key", "create-once-1"));

        // Eight retries at once: one runs, all get its answer.
        String raced = "{\"name\":\"raced\",\"image\":\"nginx:1.27\"}";
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return api.send("devi", "POST", create, raced, -1, java.util.Map.of("Idempotency-Key", "race-1"));
                }));
            }
            start.countDown();
            for (var future : futures) {
                answers.add(future.get());
            }
        }
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201));
        assertThat(answers.stream().map(answer -> json(answer).get("id").asText()).distinct()).hasSize(1);
        JsonNode cards = api.await("devi", api.query("/api/projects/acme/groups/retries/deployments"),
                page -> page.get("total").asInt() == 3 && page.get("items").size() == 3);
        List<String> names = new ArrayList<>();
        cards.get("items").forEach(card -> names.add(card.get("name").asText()));
        assertThat(names).containsExactly("once", "raced", "twice");

        // Eight different requests racing for one key: one runs, the others are told the key is taken.
        List<HttpResponse<String>> rivals = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String rival = "{\"name\":\"rival-" + i + "\",\"image\":\"nginx:1.27\"}";
                futures.add(pool.submit(() -> {
                    start.await();
                    return api.send("devi", "POST", create, rival, -1, java.util.Map.of("Idempotency-Key", "race-2"));
                }));
            }
            start.countDown();
            for (var future : futures) {
                rivals.add(future.get());
            }
        }
        assertThat(rivals.stream().map(HttpResponse::statusCode).sorted().toList())
                .as(rivals.stream().map(HttpResponse::body).toList().toString())
                .containsExactly(201, 422, 422, 422, 422, 422, 422, 422);
        api.await("devi", api.query("/api/projects/acme/groups/retries/deployments"),
                page -> page.get("total").asInt() == 4);

        // An action too: a retried deploy is one job.
        String id = json(first).get("id").asText();
        var job = api.send("devi", "POST", api.command("/api/deployments/" + id + "/actions/drop"), null, 202,
                java.util.Map.of("Idempotency-Key", "drop-1"));
        var jobAgain = api.send("devi", "POST", api.command("/api/deployments/" + id + "/actions/drop"), null, 202,
                java.util.Map.of("Idempotency-Key", "drop-1"));
        assertThat(json(jobAgain).get("jobId").asText()).isEqualTo(json(job).get("jobId").asText());
    }

    @Test
    void bothServicesDocumentTheirApiWithTheBearerScheme() {
        for (var docs : List.of(api.command("/v3/api-docs"), api.query("/v3/api-docs"))) {
            JsonNode openApi = json(api.send(null, "GET", docs, null, 200));
            assertThat(openApi.get("components").get("securitySchemes").get("bearer").get("scheme").asText())
                    .isEqualTo("bearer");
            assertThat(openApi.get("paths").size()).isGreaterThan(5);
        }
        assertThat(json(api.send(null, "GET", api.command("/v3/api-docs"), null, 200)).get("paths").has("/api/projects"))
                .isTrue();
        JsonNode card = json(api.send(null, "GET", api.query("/v3/api-docs"), null, 200)).get("paths")
                .get("/api/deployments/{id}").get("get");
        assertThat(card.get("summary").asText()).isEqualTo("Read the deployment's card");
        assertThat(card.get("description").asText()).isEqualTo("Who may: user.");
        assertThat(card.get("responses").has("404")).isTrue();
        JsonNode transfer = json(api.send(null, "GET", api.command("/v3/api-docs"), null, 200)).get("paths")
                .get("/api/projects/{slug}/owner").get("post");
        assertThat(transfer.get("description").asText()).isEqualTo("Who may: owner.");
    }

    @Test
    void anOwnerArchivesAProjectWithoutGroupsAndThenItTakesNoChanges() {
        api.send("olivia", "POST", api.command("/api/projects"), "{\"slug\":\"old\",\"name\":\"Old\"}", 201);
        api.send("olivia", "POST", api.command("/api/projects/old/groups"), "{\"name\":\"g\",\"type\":\"none\"}", 201);
        assertProblem(api.send("olivia", "DELETE", api.command("/api/projects/old"), null, 409), "project-not-empty");
        api.send("olivia", "DELETE", api.command("/api/projects/old/groups/g"), null, 204);
        api.send("olivia", "DELETE", api.command("/api/projects/old"), null, 204);
        assertProblem(api.send("olivia", "POST", api.command("/api/projects/old/groups"),
                "{\"name\":\"g\",\"type\":\"none\"}", 409), "project-archived");
        assertProblem(api.send("olivia", "POST", api.command("/api/projects/old/datasources"),
                "{\"name\":\"b\",\"dataType\":\"s3like\",\"usage\":\"remote_backup\","
                        + "\"endpoint\":\"s3://old/b\",\"credentialsRef\":\"secret://old/b#key\"}", 409), "project-archived");
        assertProblem(api.send("olivia", "POST", api.command("/api/projects"), "{\"slug\":\"old\",\"name\":\"Again\"}", 409),
                "already-exists");
        assertThat(api.await("olivia", api.query("/api/projects/old"), view -> view.get("archived").asBoolean())
                .get("members").get(0).get("user").asText()).isEqualTo("olivia");
    }

    private static List<String> fields(HttpResponse<String> problem) {
        List<String> fields = new ArrayList<>();
        json(problem).get("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }
}
