package io.eyrie.queryside;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.eyrie.platform.local.EmbeddedMongo;
import org.springframework.data.mongodb.core.MongoTemplate;

/** One in-memory MongoDB wire-protocol server shared by this module's projection tests. */
public final class ReadModelServer {
    private static final EmbeddedMongo SERVER = EmbeddedMongo.inMemory();
    private static final MongoClient CLIENT = MongoClients.create(SERVER.uri("test"));

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            CLIENT.close();
            SERVER.close();
        }));
    }

    private ReadModelServer() {
    }

    /** A template on an emptied database. */
    public static MongoTemplate template(String database) {
        MongoTemplate template = new MongoTemplate(CLIENT, database);
        template.getDb().drop();
        return template;
    }
}
