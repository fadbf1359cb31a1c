package io.eyrie.api.book;

import io.eyrie.api.project.GroupType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Publishes a new version of a Book (the first makes it). Publishing the same steps as the latest version again
 * changes nothing.
 *
 * @param groupType         the only group type that may use it
 * @param timeoutMultiplier a step times out at its estimate times this
 */
public record PublishBook(@TargetAggregateIdentifier BookId book, GroupType groupType, List<BookStep> steps,
                          int timeoutMultiplier) {
}
