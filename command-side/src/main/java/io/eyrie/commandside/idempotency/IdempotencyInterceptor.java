package io.eyrie.commandside.idempotency;

import io.eyrie.api.AuditMetaData;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.dao.DuplicateKeyException;

/**
 * Records a command's Idempotency-Key inside the command's own unit of work and transaction, after its handler
 * decided: the key is taken if and only if the command's events are stored.
 */
class IdempotencyInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {
    private final IdempotencyStore store;

    IdempotencyInterceptor(IdempotencyStore store) {
        this.store = store;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object result = chain.proceed();
        var metaData = unitOfWork.getMessage().getMetaData();
        Object key = metaData.get(IdempotentRequest.KEY);
        if (key != null) {
            var request = new IdempotentRequest((String) metaData.get(AuditMetaData.INITIATOR), (String) key,
                    (String) metaData.get(IdempotentRequest.FINGERPRINT));
            try {
                store.record(request.caller(), request.key(), request.fingerprint());
            } catch (DuplicateKeyException taken) {
                throw new IdempotencyKeyTakenException(request);
            }
        }
        return result;
    }
}
