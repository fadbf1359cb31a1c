package io.eyrie.platform.access;

import org.springframework.http.HttpMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** One row of a service's authorization table: a route, what it acts on, and who may call it. */
public record Endpoint(HttpMethod method, String path, Target target, Need need, String summary) {

    public Endpoint {
        if ((need == Need.ROLE_TO_ACT || need == Need.ROLE_TO_CHANGE) && target != Target.DEPLOYMENT) {
            throw new IllegalArgumentException(path + ": roleToAct applies to deployments only");
        }
        if (need == Need.PLATFORM_ADMIN && target != Target.NONE && target != Target.CLUSTER) {
            throw new IllegalArgumentException(path + ": platform-admin rows are for platform-wide targets");
        }
        boolean projectRole = need.role() != null || need == Need.OWNER;
        if (projectRole && (target == Target.NONE || target == Target.CLUSTER)) {
            throw new IllegalArgumentException(path + ": a project role needs a project-scoped target");
        }
    }

    public PathPattern pattern() {
        return PathPatternParser.defaultInstance.parse(path);
    }

    public static Endpoint get(String path, Target target, Need need, String summary) {
        return new Endpoint(HttpMethod.GET, path, target, need, summary);
    }

    public static Endpoint post(String path, Target target, Need need, String summary) {
        return new Endpoint(HttpMethod.POST, path, target, need, summary);
    }

    public static Endpoint put(String path, Target target, Need need, String summary) {
        return new Endpoint(HttpMethod.PUT, path, target, need, summary);
    }

    public static Endpoint patch(String path, Target target, Need need, String summary) {
        return new Endpoint(HttpMethod.PATCH, path, target, need, summary);
    }

    public static Endpoint delete(String path, Target target, Need need, String summary) {
        return new Endpoint(HttpMethod.DELETE, path, target, need, summary);
    }
}
