package io.eyrie.api.book;

import io.eyrie.api.project.GroupType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Publishes a built-in Book's first version if the Book does not exist yet; an existing Book, perhaps changed by a
 * platform admin since, is left as it is.
 */
public record SeedBook(@TargetAggregateIdentifier BookId book, GroupType groupType, List<BookStep> steps,
                       int timeoutMultiplier) {
}
