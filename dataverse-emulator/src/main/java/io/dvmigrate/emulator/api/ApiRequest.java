package io.dvmigrate.emulator.api;

import io.dvmigrate.emulator.environment.Environment;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One Web API request, as the dispatcher sees it: from HTTP, or a part of a {@code $batch}.
 *
 * @param path     the resource path after the service root, without query (e.g. {@code accounts(…)/Account_Tasks})
 * @param query    the raw query string, or empty
 * @param headers  header values by lower-case name
 * @param root     the service root URL, ending in {@code /}
 * @param caller   the systemuser id of the authenticated application user
 */
public record ApiRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body,
                         Environment environment, String root, UUID caller) {

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
}
