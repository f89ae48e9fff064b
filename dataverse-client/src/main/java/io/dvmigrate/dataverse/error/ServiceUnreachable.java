package io.dvmigrate.dataverse.error;

import java.net.URI;

/**
 * No HTTP answer could be had from a URL (DNS, refused or dropped connections, TLS trust, timeouts), after the
 * retries the policy allows. Names the URL that could not be reached: the service root or the authority.
 */
public final class ServiceUnreachable extends DataverseException {

    private final URI url;

    public ServiceUnreachable(String environment, URI url, String reason, Throwable cause) {
        super(environment, "Environment '" + environment + "': " + url + " is unreachable: " + reason, cause);
        this.url = url;
    }

    public URI url() {
        return url;
    }
}
