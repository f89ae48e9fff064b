package io.dvmigrate.dataverse.read;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A read of one table, paged. Immutable; each method returns a changed copy.
 * <pre>{@code
 * Query.of("contacts")
 *      .select("fullname", "emailaddress1", "_parentcustomerid_value")
 *      .filter("statecode eq 0")
 *      .expandLookup("parentcustomerid_account", "accountnumber")      // the parent's key in the same read
 *      .annotations("Microsoft.Dynamics.CRM.lookuplogicalname")       // the target table of polymorphic lookups
 *      .pageSize(5000);
 * }</pre>
 * {@link #trackChanges()} makes it the initial read of a change-tracking sync; {@link #resume(String)} continues from a
 * saved {@code @odata.nextLink} or {@code @odata.deltaLink}, used verbatim.
 */
public record Query(String entitySet, List<String> select, Optional<String> filter, List<String> orderBy,
                    List<String> expand, Optional<Integer> top, boolean counted, List<String> annotations,
                    int pageSize, boolean changeTracking, Optional<String> link) {

    public static final int MAX_PAGE_SIZE = 5000;

    public Query {
        select = List.copyOf(select);
        orderBy = List.copyOf(orderBy);
        expand = List.copyOf(expand);
        annotations = List.copyOf(annotations);
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be 1 to " + MAX_PAGE_SIZE + ", was " + pageSize);
        }
        if (changeTracking && link.isEmpty()) {
            // Dataverse refuses these with change tracking; say so before sending
            rejectWithChangeTracking(filter.isPresent(), "$filter");
            rejectWithChangeTracking(!orderBy.isEmpty(), "$orderby");
            rejectWithChangeTracking(!expand.isEmpty(), "$expand");
            rejectWithChangeTracking(top.isPresent(), "$top");
        }
    }

    /** All rows of the entity set (for example {@code accounts}), 5,000 per page. */
    public static Query of(String entitySet) {
        if (entitySet == null || entitySet.isBlank() || entitySet.contains("/") || entitySet.contains("?")) {
            throw new IllegalArgumentException("a query needs an entity set name such as 'accounts', got '" + entitySet + "'");
        }
        return new Query(entitySet, List.of(), Optional.empty(), List.of(), List.of(), Optional.empty(), false, List.of(),
                MAX_PAGE_SIZE, false, Optional.empty());
    }

    /** Continues a read from a link the service returned ({@code @odata.nextLink} or {@code @odata.deltaLink}). */
    public static Query resume(String link) {
        return new Query("", List.of(), Optional.empty(), List.of(), List.of(), Optional.empty(), false, List.of(),
                MAX_PAGE_SIZE, false, Optional.of(link));
    }

    public Query select(String... columns) {
        return new Query(entitySet, append(select, columns), filter, orderBy, expand, top, counted, annotations, pageSize, changeTracking, link);
    }

    public Query filter(String expression) {
        return new Query(entitySet, select, Optional.of(expression), orderBy, expand, top, counted, annotations, pageSize, changeTracking, link);
    }

    public Query orderBy(String... clauses) {
        return new Query(entitySet, select, filter, append(orderBy, clauses), expand, top, counted, annotations, pageSize, changeTracking, link);
    }

    /** A raw {@code $expand} clause, for example {@code primarycontactid($select=fullname)}. */
    public Query expand(String clause) {
        return new Query(entitySet, select, filter, orderBy, append(expand, clause), top, counted, annotations, pageSize, changeTracking, link);
    }

    /** Expands a lookup's navigation property to read columns of the referenced row (its alternate-key values). */
    public Query expandLookup(String navigationProperty, String... columns) {
        return expand(navigationProperty + (columns.length == 0 ? "" : "($select=" + String.join(",", columns) + ")"));
    }

    public Query top(int rows) {
        return new Query(entitySet, select, filter, orderBy, expand, Optional.of(rows), counted, annotations, pageSize, changeTracking, link);
    }

    /** Asks for {@code @odata.count} (Dataverse caps it at 5,000). */
    public Query count() {
        return new Query(entitySet, select, filter, orderBy, expand, top, true, annotations, pageSize, changeTracking, link);
    }

    /** Annotations to include, for example {@code Microsoft.Dynamics.CRM.lookuplogicalname}, or {@code *} for all. */
    public Query annotations(String... names) {
        return new Query(entitySet, select, filter, orderBy, expand, top, counted, append(annotations, names), pageSize, changeTracking, link);
    }

    public Query pageSize(int rows) {
        return new Query(entitySet, select, filter, orderBy, expand, top, counted, annotations, rows, changeTracking, link);
    }

    /** The initial read of a change-tracking sync: the last page carries the delta link for the next sync. */
    public Query trackChanges() {
        return new Query(entitySet, select, filter, orderBy, expand, top, counted, annotations, pageSize, true, link);
    }

    /** The URL of the first page. */
    public URI uri(URI serviceRoot) {
        if (link.isPresent()) {
            return QueryEncoding.link(link.get());
        }
        StringJoiner options = new StringJoiner("&");
        if (!select.isEmpty()) {
            options.add("$select=" + QueryEncoding.value(String.join(",", select)));
        }
        filter.ifPresent(f -> options.add("$filter=" + QueryEncoding.value(f)));
        if (!orderBy.isEmpty()) {
            options.add("$orderby=" + QueryEncoding.value(String.join(",", orderBy)));
        }
        if (!expand.isEmpty()) {
            options.add("$expand=" + QueryEncoding.value(String.join(",", expand)));
        }
        top.ifPresent(t -> options.add("$top=" + t));
        if (counted) {
            options.add("$count=true");
        }
        String query = options.toString();
        return serviceRoot.resolve(entitySet + (query.isEmpty() ? "" : "?" + query));
    }

    /** The {@code Prefer} header: page size, annotations and change tracking, comma-joined as Microsoft's samples do. */
    public Map<String, String> headers() {
        List<String> preferences = new ArrayList<>();
        preferences.add("odata.maxpagesize=" + pageSize);
        if (!annotations.isEmpty()) {
            preferences.add("odata.include-annotations=\"" + String.join(",", annotations) + "\"");
        }
        if (changeTracking || link.filter(l -> l.contains("$deltatoken=") || l.contains("%24deltatoken=")).isPresent()) {
            preferences.add("odata.track-changes");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Prefer", String.join(",", preferences));
        return headers;
    }

    private static void rejectWithChangeTracking(boolean present, String option) {
        if (present) {
            throw new IllegalArgumentException("The \"" + option + "\" query parameter isn't supported when Change Tracking is enabled.");
        }
    }

    private static List<String> append(List<String> list, String... more) {
        List<String> result = new ArrayList<>(list);
        result.addAll(List.of(more));
        return result;
    }
}
