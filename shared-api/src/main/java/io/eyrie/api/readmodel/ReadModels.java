package io.eyrie.api.readmodel;

import java.util.List;

/** The dashboards' read models and the rebuild under way or last run (null before the first). */
public record ReadModels(List<ReadModelView> readModels, RebuildView rebuild) {
}
