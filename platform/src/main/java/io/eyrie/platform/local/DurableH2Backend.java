package io.eyrie.platform.local;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

import java.util.Set;

/**
 * mongo-java-server's H2 backend commits its file in the background about once a second, so a write it has
 * acknowledged can still be lost when the process dies; the query side, whose token had moved past it, would never
 * write it again. This one commits before it acknowledges a write, so what it acknowledged is in the file (the
 * operating system's cache, which survives the process; not an fsync, which would be needed for a power cut).
 */
final class DurableH2Backend extends H2Backend {
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "createindexes",
            "dropindexes", "drop", "dropdatabase", "renamecollection", "create");

    DurableH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        Document answer = super.handleCommand(channel, database, command, query);
        if (WRITES.contains(command.toLowerCase(java.util.Locale.ROOT))) {
            commit();
        }
        return answer;
    }
}
