package io.voipconfig.portal.rest;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;

/** Multipart file parts, read by Vert.x's asynchronous file system: the request stays on its event loop. */
@ApplicationScoped
public class Uploads {

    private final Vertx vertx;

    public Uploads(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The part's bytes; empty when the part is missing (the services answer that as a field error). */
    public Uni<byte[]> read(FileUpload file) {
        if (file == null) {
            return Uni.createFrom().item(new byte[0]);
        }
        return vertx.fileSystem().readFile(file.uploadedFile().toString()).map(Buffer::getBytes);
    }
}
