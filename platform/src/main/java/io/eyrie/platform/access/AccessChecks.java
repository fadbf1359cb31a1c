package io.eyrie.platform.access;

import io.eyrie.platform.security.Caller;
import io.eyrie.platform.web.ForbiddenException;
import io.eyrie.platform.web.NotFoundException;
import io.eyrie.platform.web.UnavailableException;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Map;
import java.util.Optional;

/**
 * The access filter's rules, for the few endpoints whose target is named in the body rather than the path (their
 * row says {@link Need#HANDLER}): same policy, same answers.
 */
public final class AccessChecks {
    private final AccessDirectory directory;

    public AccessChecks(AccessDirectory directory) {
        this.directory = directory;
    }

    public Mono<Void> require(Caller caller, Target target, Map<String, String> variables, Need need, String summary) {
        Endpoint endpoint = new Endpoint(HttpMethod.POST, "/", target, need, summary);
        return Mono.fromCallable(() -> AccessPolicy.needsLookup(endpoint)
                        ? directory.access(target, variables, caller.user()) : Optional.<Access>empty())
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(failed -> new UnavailableException("Who may do this could not be looked up just now",
                        failed))
                .flatMap(found -> switch (AccessPolicy.decide(endpoint, caller, variables, found)) {
                    case AccessPolicy.Decision.Allowed allowed -> Mono.empty();
                    case AccessPolicy.Decision.Forbidden forbidden -> Mono.error(new ForbiddenException(forbidden.detail()));
                    case AccessPolicy.Decision.NotFound notFound -> Mono.error(new NotFoundException(notFound.detail()));
                });
    }
}
