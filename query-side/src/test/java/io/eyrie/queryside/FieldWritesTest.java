package io.eyrie.queryside;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Fields set within a unit of work reach MongoDB once, when it commits, beside what the document already has. */
class FieldWritesTest {
    @org.springframework.data.mongodb.core.mapping.Document("tallies")
    static final class Tally {
        String id;
    }

    private final MongoTemplate mongo = ReadModelServer.template("field-writes");

    private Document stored(String id) {
        return mongo.getCollection("tallies").find(new Document("_id", id)).first();
    }

    @Test
    void aBatchsFieldsAreWrittenWhenItCommitsAndTheLastValueWins() {
        mongo.getCollection("tallies").insertOne(new Document("_id", "p").append("entries",
                new Document("kept", "before")));
        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        FieldWrites.current(mongo, Tally.class).set("p", "entries.a", "first");
        FieldWrites.current(mongo, Tally.class).set("p", "entries.a", "second");
        FieldWrites.current(mongo, Tally.class).set("q", "entries.b", "made");
        FieldWrites.current(mongo, Tally.class).unset("p", "entries.kept");
        assertThat(stored("p").get("entries", Document.class)).doesNotContainKey("a");

        unitOfWork.commit();

        assertThat(stored("p").get("entries", Document.class)).containsEntry("a", "second").doesNotContainKey("kept");
        assertThat(stored("q").get("entries", Document.class)).containsEntry("b", "made");
    }

    @Test
    void aRolledBackBatchWritesNothingAndOutsideOneEachIsWrittenAtOnce() {
        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        FieldWrites.current(mongo, Tally.class).set("r", "entries.a", "lost");
        unitOfWork.rollback();
        assertThat(stored("r")).isNull();

        FieldWrites.current(mongo, Tally.class).set("r", "entries.a", "now");

        assertThat(stored("r").get("entries", Document.class)).containsEntry("a", "now");
    }
}
