package io.dvmigrate.pipeline.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.RowIdentity;
import io.dvmigrate.contracts.RunEvent;
import io.dvmigrate.contracts.RunEvent.ColumnDifference;
import io.dvmigrate.contracts.RunEvent.RowDifference;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.contracts.TableJob.LookupRule;
import io.dvmigrate.contracts.TableJob.LookupTarget;
import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.dataverse.read.JsonRow;
import io.dvmigrate.dataverse.read.Page;
import io.dvmigrate.dataverse.read.Query;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The verify pass for one chunk: the source rows after mapping against what the target holds. Rows are fetched by
 * id or key in batches; each pair is compared by a hash of its normalised values, and for a sample of the rows that
 * differ, column by column. Numbers compare by value, dates by instant, lookups by the row they point to (id, or
 * alternate-key values for key-bound lookups), polymorphic lookups by table too.
 */
public final class Verifier {
    private static final String LOOKUP_TABLE = "@Microsoft.Dynamics.CRM.lookuplogicalname";
    private static final String BIND = "@odata.bind";

    private final int batch;
    private final int sample;

    public Verifier(int batch, int sample) {
        this.batch = batch;
        this.sample = sample;
    }

    public RunEvent.ChunkVerified verify(Chunk chunk, DataverseClient target) {
        TableJob job = chunk.header().job();
        int rows = chunk.rows().count();
        if (chunk.header().content() == Chunk.Content.TARGET_ONLY) {
            List<String> extra = new ArrayList<>();
            chunk.rows().forEachTree(row -> {
                String identity = RowIdentity.ofTargetRow(job, row);
                if (identity != null) {
                    extra.add(identity);
                }
            });
            return event(chunk, rows, 0, List.of(), List.of(), extra);
        }
        Tally tally = new Tally(chunk.header().rejected().stream().map(RunEvent.RowFailure::id).toList());
        // parsed a batch at a time: a chunk's trees take several times its bytes, and a loader verifies many at once
        List<JsonNode> expected = new ArrayList<>(batch);
        chunk.rows().forEachTree(row -> {
            expected.add(row);
            if (expected.size() == batch) {
                compareBatch(job, expected, target, tally);
                expected.clear();
            }
        });
        if (!expected.isEmpty()) {
            compareBatch(job, expected, target, tally);
        }
        return event(chunk, rows + chunk.header().rejected().size(), tally.matched, tally.missing, tally.differing,
                List.of());
    }

    /** What the verify pass found of a chunk's rows so far. */
    private static final class Tally {
        final List<String> missing;
        final List<RowDifference> differing = new ArrayList<>();
        int matched;

        Tally(List<String> rejected) {
            this.missing = new ArrayList<>(rejected);
        }
    }

    private void compareBatch(TableJob job, List<JsonNode> expected, DataverseClient target, Tally tally) {
        Map<String, JsonNode> actual = fetch(job, expected, target);
        for (JsonNode row : expected) {
            String identity = RowIdentity.ofMappedRow(job, row);
            JsonNode found = identity == null ? null : actual.get(identity.toLowerCase(Locale.ROOT));
            if (found == null) {
                tally.missing.add(identity);
                continue;
            }
            List<ColumnDifference> differences = compare(job, row, found);
            if (differences.isEmpty()) {
                tally.matched++;
            } else {
                tally.differing.add(new RowDifference(identity,
                        tally.differing.size() < sample ? differences : List.of()));
            }
        }
    }

    private static RunEvent.ChunkVerified event(Chunk chunk, int rows, int matched, List<String> missing,
            List<RowDifference> differing, List<String> extra) {
        return new RunEvent.ChunkVerified(chunk.id().run(), chunk.id().table(), chunk.id().pass(), chunk.id().number(),
                rows, matched, missing, differing, extra);
    }

    /** The target's rows for {@code expected}, by lower-cased identity. */
    private Map<String, JsonNode> fetch(TableJob job, List<JsonNode> expected, DataverseClient target) {
        Set<String> select = new LinkedHashSet<>();
        select.add(job.targetPrimaryId());
        select.addAll(job.match().keyColumns());
        job.columns().forEach(c -> select.add(c.target()));
        job.defaults().keySet().forEach(select::add);
        job.lookups().forEach(l -> select.add("_" + l.target() + "_value"));
        Query query = Query.of(job.targetEntitySet()).select(select.toArray(String[]::new))
                .annotations("Microsoft.Dynamics.CRM.lookuplogicalname").filter(identityFilter(job, expected));
        for (LookupRule lookup : job.lookups()) {
            for (LookupTarget target1 : lookup.targets()) {
                if (target1.key() != null) {
                    query = query.expandLookup(target1.navigationProperty(), target1.key().targetColumns().toArray(String[]::new));
                }
            }
        }
        Map<String, JsonNode> found = new HashMap<>();
        for (Page page : target.read(query)) {
            for (JsonRow row : page.rows()) {
                JsonNode node = row.toObjectNode();
                String identity = RowIdentity.ofTargetRow(job, node);
                if (identity != null) {
                    found.put(identity.toLowerCase(Locale.ROOT), node);
                }
            }
        }
        return found;
    }

    private static String identityFilter(TableJob job, List<JsonNode> rows) {
        List<String> alternatives = new ArrayList<>();
        for (JsonNode row : rows) {
            if (!job.match().isKey()) {
                JsonNode id = row.get(job.targetPrimaryId());
                if (id != null && !id.isNull()) {
                    alternatives.add(job.targetPrimaryId() + " eq " + id.asText());
                }
            } else {
                List<String> parts = new ArrayList<>();
                for (String column : job.match().keyColumns()) {
                    JsonNode value = row.get(column);
                    if (value != null && !value.isNull()) {
                        parts.add(column + " eq " + RowIdentity.literal(value));
                    }
                }
                if (parts.size() == job.match().keyColumns().size()) {
                    alternatives.add("(" + String.join(" and ", parts) + ")");
                }
            }
        }
        return alternatives.isEmpty() ? job.targetPrimaryId() + " eq null" : String.join(" or ", alternatives);
    }

    /** Column by column: what the mapped row says against what the target has. */
    private static List<ColumnDifference> compare(TableJob job, JsonNode expected, JsonNode actual) {
        List<ColumnDifference> differences = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.equals("@odata.id") || name.equals("@odata.type") || name.equals(job.targetPrimaryId())) {
                continue;
            }
            if (name.endsWith(BIND)) {
                compareBind(job, name.substring(0, name.length() - BIND.length()), field.getValue(), actual, differences);
            } else if (!sameValue(field.getValue(), actual.get(name))) {
                differences.add(new ColumnDifference(name, text(field.getValue()), text(actual.get(name))));
            }
        }
        return differences;
    }

    private static void compareBind(TableJob job, String navigation, JsonNode path, JsonNode actual,
            List<ColumnDifference> differences) {
        for (LookupRule lookup : job.lookups()) {
            for (LookupTarget target : lookup.targets()) {
                if (!target.navigationProperty().equals(navigation)) {
                    continue;
                }
                String column = "_" + lookup.target() + "_value";
                String actualId = text(actual.get(column));
                String actualTable = text(actual.get(column + LOOKUP_TABLE));
                if (path == null || path.isNull()) {
                    if (actualId != null) {
                        differences.add(new ColumnDifference(lookup.target(), null, actualId));
                    }
                    return;
                }
                String expected = path.asText();
                String inside = expected.substring(expected.indexOf('(') + 1, expected.length() - 1);
                String expectedSet = expected.substring(expected.startsWith("/") ? 1 : 0, expected.indexOf('('));
                boolean tableMatches = actualTable == null || lookup.targets().stream()
                        .anyMatch(t -> t.table().equals(actualTable) && t.entitySet().equals(expectedSet));
                String actualValue;
                if (target.key() != null && lookup.principals() == null) {
                    JsonNode parent = actual.get(target.navigationProperty());
                    actualValue = parent == null || parent.isNull() ? null : RowIdentity.keyPredicate(
                            target.key().targetColumns(), target.key().targetColumns().stream().map(parent::get).toList());
                } else {
                    actualValue = actualId;
                }
                if (!tableMatches || actualValue == null || !actualValue.equalsIgnoreCase(inside)) {
                    differences.add(new ColumnDifference(lookup.target(), expected,
                            actualValue == null ? null : (actualTable == null ? "" : actualTable + ":") + actualValue));
                }
                return;
            }
        }
    }

    /** Equal after normalisation: numbers by value, date-times by instant, missing as null. */
    static boolean sameValue(JsonNode expected, JsonNode actual) {
        boolean expectedNull = expected == null || expected.isNull();
        boolean actualNull = actual == null || actual.isNull();
        if (expectedNull || actualNull) {
            return expectedNull == actualNull;
        }
        if (expected.isNumber() || actual.isNumber()) {
            BigDecimal a = decimal(expected);
            BigDecimal b = decimal(actual);
            return a != null && b != null && a.compareTo(b) == 0;
        }
        if (expected.isTextual() && actual.isTextual()) {
            String a = expected.textValue();
            String b = actual.textValue();
            return a.equals(b) || sameInstant(a, b);
        }
        return expected.equals(actual);
    }

    private static boolean sameInstant(String a, String b) {
        try {
            return OffsetDateTime.parse(a).toInstant().equals(OffsetDateTime.parse(b).toInstant());
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static BigDecimal decimal(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        try {
            return new BigDecimal(node.asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.isTextual() ? node.textValue() : node.toString();
    }
}
