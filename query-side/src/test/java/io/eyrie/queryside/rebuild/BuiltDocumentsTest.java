package io.eyrie.queryside.rebuild;

import io.eyrie.queryside.ReadModelBatch;
import io.eyrie.queryside.ReadModelServer;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Inside the rebuild processor a batch reads only the documents the generation may hold and it has not written
 * itself. Documents stored or changed behind the batch's back (which nothing does in a real rebuild) show which
 * reads it skipped.
 */
class BuiltDocumentsTest {
    private static final String COLLECTION = "thing";

    private MongoTemplate plain;

    static class Thing {
        @Id
        String id;
        String value;

        Thing(String id, String value) {
            this.id = id;
            this.value = value;
        }
    }

    @BeforeEach
    void emptyDatabase() {
        plain = ReadModelServer.template("built-ids");
    }

    private ReadModelTemplate template(int limit) {
        return new ReadModelTemplate(plain.getMongoDatabaseFactory(), plain.getConverter(),
                new ReadModelGenerations(), new BuiltDocuments(limit, 100));
    }

    private void storeBehindItsBack(String id) {
        plain.getCollection(COLLECTION).insertOne(new Document("_id", id).append("value", "stored"));
    }

    /** Runs {@code work} in a unit of work of the rebuild processor, committed. */
    private static <R> R rebuilding(Function<ReadModelBatch<Thing>, R> work, ReadModelTemplate mongo) {
        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        Rebuilding.mark();
        R result = work.apply(ReadModelBatch.current(mongo, Thing.class, thing -> thing.id));
        unitOfWork.commit();
        return result;
    }

    private static Optional<String> value(ReadModelTemplate mongo, String id) {
        return rebuilding(batch -> batch.find(id).map(thing -> thing.value), mongo);
    }

    /** A rebuild processor that lets go of its segment forgets its own read models' collections, not the others'. */
    @Test
    void forgettingOneLaneKeepsWhatTheOtherWrote() {
        var built = new BuiltDocuments(100, 100);
        for (String collection : java.util.List.of("jobs_g2", "deployment_cards_g2")) {
            assertThat(built.mayHold(plain, collection, "x")).isFalse();
            built.writing(collection, java.util.Map.of("x", "written"));
            assertThat(built.mayHold(plain, collection, "x")).isTrue();
        }

        built.forget(java.util.List.of(ReadModel.JOBS));

        assertThat(built.mayHold(plain, "jobs_g2", "x")).as("learnt again from the empty collection").isFalse();
        assertThat(built.written("jobs_g2", "x")).isNull();
        assertThat(built.mayHold(plain, "deployment_cards_g2", "x")).isTrue();
        assertThat(built.written("deployment_cards_g2", "x")).isEqualTo("written");
    }

    @Test
    void whatTheCollectionHeldWhenFirstUsedIsRead() {
        storeBehindItsBack("a");
        var mongo = template(100);

        assertThat(value(mongo, "a")).contains("stored");
        assertThat(value(mongo, "b")).isEmpty();
    }

    @Test
    void anIdItNeitherLearntNorWroteIsNotRead() {
        var mongo = template(100);
        assertThat(value(mongo, "a")).isEmpty();

        storeBehindItsBack("c");

        assertThat(value(mongo, "c")).as("skipped").isEmpty();
    }

    @Test
    void forgettingLearnsTheCollectionAgain() {
        var mongo = template(100);
        var ids = new BuiltDocuments(100, 100);
        assertThat(ids.mayHold(mongo, COLLECTION, "c")).isFalse();
        storeBehindItsBack("c");
        assertThat(ids.mayHold(mongo, COLLECTION, "c")).isFalse();

        ids.forget();

        assertThat(ids.mayHold(mongo, COLLECTION, "c")).isTrue();
    }

    @Test
    void whatABatchWroteIsReadByTheNext() {
        var mongo = template(100);
        rebuilding(batch -> {
            batch.find("d");
            batch.save(new Thing("d", "first"));
            return null;
        }, mongo);
        rebuilding(batch -> {
            Thing thing = batch.find("d").orElseThrow();
            thing.value = "second";
            batch.save(thing);
            return null;
        }, mongo);

        assertThat(value(mongo, "d")).contains("second");
        assertThat(plain.getCollection(COLLECTION).countDocuments(new Document("_id", "d"))).isEqualTo(1);
    }

    private void changeBehindItsBack(String id) {
        plain.getCollection(COLLECTION).replaceOne(new Document("_id", id),
                new Document("_id", id).append("value", "changed"));
    }

    private static void write(ReadModelTemplate mongo, String id, String value) {
        rebuilding(batch -> {
            batch.save(new Thing(id, value));
            return null;
        }, mongo);
    }

    @Test
    void whatItWroteIsTakenAsItWasWrittenWithoutReadingIt() {
        var mongo = template(100);
        write(mongo, "k", "written");
        changeBehindItsBack("k");

        assertThat(value(mongo, "k")).contains("written");
    }

    @Test
    void pastItsDocumentLimitTheLeastRecentlyUsedIsReadAgain() {
        var mongo = new ReadModelTemplate(plain.getMongoDatabaseFactory(), plain.getConverter(),
                new ReadModelGenerations(), new BuiltDocuments(100, 1));
        write(mongo, "l", "written");
        write(mongo, "m", "written");
        changeBehindItsBack("l");
        changeBehindItsBack("m");

        assertThat(value(mongo, "l")).as("dropped, so read").contains("changed");
        assertThat(value(mongo, "m")).as("kept").contains("written");
    }

    @Test
    void aRolledBackBatchMakesItLearnAgain() {
        var mongo = template(100);
        assertThat(value(mongo, "e")).isEmpty();
        storeBehindItsBack("e");

        var failed = DefaultUnitOfWork.startAndGet(null);
        Rebuilding.mark();
        ReadModelBatch.current(mongo, Thing.class, thing -> thing.id).find("x");
        failed.rollback();

        assertThat(value(mongo, "e")).contains("stored");
    }

    @Test
    void pastItsLimitEveryIdIsRead() {
        storeBehindItsBack("f");
        storeBehindItsBack("g");
        var mongo = template(1);
        assertThat(value(mongo, "h")).isEmpty();

        storeBehindItsBack("h");

        assertThat(value(mongo, "h")).contains("stored");
    }

    @Test
    void anInsertOfADocumentThatIsThereAfterAllFailsRatherThanOverwrite() {
        var mongo = template(100);
        assertThat(value(mongo, "i")).isEmpty();
        storeBehindItsBack("i");

        assertThatThrownBy(() -> rebuilding(batch -> {
            batch.find("i");
            batch.save(new Thing("i", "rebuilt"));
            return null;
        }, mongo)).isInstanceOf(RuntimeException.class);

        assertThat(value(mongo, "i")).as("learnt again after the failure").contains("stored");
    }

    @Test
    void outsideTheRebuildProcessorEveryIdIsRead() {
        var mongo = template(100);
        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        ReadModelBatch.current(mongo, Thing.class, thing -> thing.id).find("j");
        unitOfWork.commit();
        storeBehindItsBack("j");

        var live = DefaultUnitOfWork.startAndGet(null);
        assertThat(ReadModelBatch.current(mongo, Thing.class, thing -> thing.id).find("j")).isPresent();
        live.commit();
        assertThat(mongo.builtDocuments()).isEmpty();
    }
}
