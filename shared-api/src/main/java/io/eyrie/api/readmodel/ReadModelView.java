package io.eyrie.api.readmodel;

import java.util.List;

/**
 * One dashboard read model: the generation queries read, the one being built (or null), its collections in the live
 * generation and how many documents they hold.
 */
public record ReadModelView(String name, int generation, Integer building, List<String> collections, long documents) {
}
