package io.voipconfig.media.service;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.catalog.ModelCatalog;

/** Media reads for phones (read-only role): metadata, whole small files, chunks of large ones. */
@ApplicationScoped
public class MediaStore {

    /** What is known of a file before reading its bytes. */
    public record Meta(
            UUID organizationId,
            String name,
            String kind,
            String contentType,
            long size,
            String sha256,
            long version) {
    }

    private final Pool pool;
    private final AsyncLoadingCache<String, ModelCatalog> catalog;

    public MediaStore(Pool pool) {
        this.pool = pool;
        this.catalog = Caffeine.newBuilder().refreshAfterWrite(Duration.ofMinutes(5))
                .buildAsync((k, executor) -> ModelCatalog.load(pool).subscribeAsCompletionStage());
    }

    public CompletableFuture<ModelCatalog> catalog() {
        return catalog.get("catalog");
    }

    public Uni<Optional<Meta>> meta(UUID organizationId, String name) {
        return pool.preparedQuery("SELECT kind, content_type, size_bytes, sha256, version FROM media"
                + " WHERE organization_id = $1 AND name = $2").execute(Tuple.of(organizationId, name))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row r = it.next();
                    return Optional.of(new Meta(organizationId, name, r.getString("kind"), r.getString("content_type"),
                            r.getLong("size_bytes"), r.getString("sha256"), r.getLong("version")));
                });
    }

    /** The bytes of exactly this version; empty if it changed meanwhile. */
    public Uni<Optional<byte[]>> content(Meta meta) {
        return pool.preparedQuery("SELECT content FROM media WHERE organization_id = $1 AND name = $2 AND version = $3")
                .execute(Tuple.of(meta.organizationId(), meta.name(), meta.version()))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(rows.iterator().next().getBuffer(0).getBytes())
                        : Optional.empty());
    }

    /** {@code length} bytes from {@code offset} (0-based) of exactly this version; empty if it changed. */
    public Uni<Optional<byte[]>> chunk(Meta meta, long offset, int length) {
        return pool.preparedQuery("SELECT substring(content FROM $4 FOR $5) FROM media WHERE organization_id = $1"
                + " AND name = $2 AND version = $3")
                .execute(Tuple.of(meta.organizationId(), meta.name(), meta.version(), (int) offset + 1, length))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(rows.iterator().next().getBuffer(0).getBytes())
                        : Optional.empty());
    }
}
