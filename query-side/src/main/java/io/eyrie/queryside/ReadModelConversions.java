package io.eyrie.queryside;

import io.eyrie.api.book.JobId;
import io.eyrie.api.cluster.ClusterId;
import io.eyrie.api.datasource.DatasourceId;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.id.EntityId;
import io.eyrie.api.project.GroupId;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.ProjectId;
import io.eyrie.api.repository.ImageId;
import io.eyrie.api.repository.RepositoryId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Read models hold the API's own records (a scope, a deployment spec); their typed identifiers and the group type
 * are stored as plain strings, as they travel on the wire, so documents can be queried by them.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelConversions {
    private static final Map<Class<?>, Function<String, Object>> VALUES = Map.of(
            ProjectId.class, ProjectId::new, GroupId.class, GroupId::new, DeploymentId.class, DeploymentId::new,
            JobId.class, JobId::new, ClusterId.class, ClusterId::new, RepositoryId.class, RepositoryId::new,
            ImageId.class, ImageId::new, DatasourceId.class, DatasourceId::new, GroupType.class, GroupType::new);

    @Bean
    public MongoCustomConversions mongoCustomConversions() {
        return new MongoCustomConversions(List.of(new ValueConverter()));
    }

    private static final class ValueConverter implements GenericConverter {
        @Override
        public Set<ConvertiblePair> getConvertibleTypes() {
            Set<ConvertiblePair> pairs = new HashSet<>();
            VALUES.keySet().forEach(type -> {
                pairs.add(new ConvertiblePair(type, String.class));
                pairs.add(new ConvertiblePair(String.class, type));
            });
            return pairs;
        }

        @Override
        public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
            return switch (source) {
                case null -> null;
                case EntityId id -> id.value();
                case GroupType type -> type.name();
                default -> VALUES.get(targetType.getType()).apply((String) source);
            };
        }
    }
}
