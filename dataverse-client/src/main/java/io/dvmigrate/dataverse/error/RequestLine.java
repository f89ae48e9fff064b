package io.dvmigrate.dataverse.error;

import java.net.URI;

/** The method and URL of a request: what an error may say about the request without carrying its headers or body. */
public record RequestLine(String method, URI uri) {

    @Override
    public String toString() {
        return method + " " + uri;
    }
}
