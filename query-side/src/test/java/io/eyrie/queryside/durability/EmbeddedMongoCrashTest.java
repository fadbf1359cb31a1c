package io.eyrie.queryside.durability;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.InsertOneModel;
import io.eyrie.platform.local.EmbeddedMongo;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded read-model store keeps what it acknowledged when its process dies: a child JVM writes, is told
 * each write succeeded, and halts at once, as {@code kill -9} would stop it; the store opened again has them all.
 */
class EmbeddedMongoCrashTest {
    private static final int WRITES = 300;

    @TempDir
    Path directory;

    @Test
    void everyAcknowledgedWriteSurvivesAHaltedProcess() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(), directory.toString())
                .inheritIO().start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("the writer halted after its last acknowledged write").isEqualTo(137);

        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(directory, 0);
             var client = MongoClients.create(mongo.uri("eyrie"))) {
            assertThat(client.getDatabase("eyrie").getCollection("cards").countDocuments()).isEqualTo(WRITES);
        }
    }

    /** Writes one at a time and in bulks, as the projections do, then halts without closing anything. */
    public static final class CrashingWriter {
        public static void main(String[] args) {
            EmbeddedMongo mongo = EmbeddedMongo.persistent(Path.of(args[0]), 0);
            var cards = MongoClients.create(mongo.uri("eyrie")).getDatabase("eyrie").getCollection("cards");
            for (int i = 0; i < WRITES / 2; i++) {
                cards.insertOne(new Document("_id", "single-" + i));
            }
            List<InsertOneModel<Document>> bulk = new ArrayList<>();
            for (int i = 0; i < WRITES / 2; i++) {
                bulk.add(new InsertOneModel<>(new Document("_id", "bulk-" + i)));
            }
            cards.bulkWrite(bulk);
            Runtime.getRuntime().halt(137);
        }
    }
}
