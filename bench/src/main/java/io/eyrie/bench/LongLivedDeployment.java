package io.eyrie.bench;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.PlanAction;
import io.eyrie.api.deployment.RemoveDeploymentRoleOverride;
import io.eyrie.api.deployment.SetDeploymentRoleOverride;
import io.eyrie.api.project.Role;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.MetaData;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * How long a command takes on a deployment with many events: {@code events} role-override changes are appended to
 * one deployment (in-process, through the command bus), then a dry run of a deploy (which loads the aggregate and
 * decides, but records nothing) is timed with the deployment loaded from the store each time (snapshot plus the
 * events after it) and with it in memory.
 */
final class LongLivedDeployment {
    record Result(int events, Percentiles cold, Percentiles warm, Percentiles freshCold) {
    }

    private LongLivedDeployment() {
    }

    static Result measure(ConfigurableApplicationContext commandSide, String longLived, String fresh, int events,
                          int samples) {
        CommandGateway commands = commandSide.getBean(CommandGateway.class);
        Cache cache = commandSide.getBean("deploymentCache", Cache.class);
        MetaData who = MetaData.with(AuditMetaData.INITIATOR, HttpDriver.USER);
        DeploymentId id = new DeploymentId(longLived);
        for (int i = 0; i < events / 2; i++) {
            send(commands, new SetDeploymentRoleOverride(id, "bench-reader", Role.USER), who);
            send(commands, new RemoveDeploymentRoleOverride(id, "bench-reader"), who);
        }
        return new Result(events, time(commands, cache, id, samples, true, who),
                time(commands, cache, id, samples, false, who),
                time(commands, cache, new DeploymentId(fresh), samples, true, who));
    }

    private static Percentiles time(CommandGateway commands, Cache cache, DeploymentId id, int samples, boolean cold,
                                    MetaData who) {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            if (cold) {
                cache.removeAll();
            }
            long started = System.nanoTime();
            send(commands, new PlanAction(id, Action.DEPLOY, null, null), who);
            nanos.add(System.nanoTime() - started);
        }
        return Percentiles.of(nanos);
    }

    private static void send(CommandGateway commands, Object command, MetaData who) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(who));
    }
}
