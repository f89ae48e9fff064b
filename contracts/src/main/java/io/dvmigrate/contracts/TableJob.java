package io.dvmigrate.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Everything the transformer and the loader need to know about one table in one pass of a run: which source columns
 * become which target columns, how lookups bind, how rows are matched and written. The orchestrator builds it from
 * the plan and both environments' metadata; it travels in every chunk, so every stage is stateless and every chunk
 * describes itself.
 *
 * @param sourceTable     logical name in the source
 * @param sourcePrimaryId the source's primary id column, e.g. {@code accountid}
 * @param targetTable     logical name in the target
 * @param targetEntitySet the target's entity set, e.g. {@code accounts}
 * @param targetPrimaryId the target's primary id column
 * @param action          what the loader does with each row
 * @param match           how a source row finds its target row
 * @param columns         plain columns copied (and possibly renamed or value-mapped); nothing else is written
 * @param lookups         lookup columns rebound to the target with {@code @odata.bind}
 * @param defaults        target column → value written when the source has none
 * @param write           how the loader writes
 * @param manyToMany      for {@link Pass#MANY_TO_MANY}: the relationship; null otherwise
 */
public record TableJob(
        String sourceTable,
        String sourcePrimaryId,
        String targetTable,
        String targetEntitySet,
        String targetPrimaryId,
        Action action,
        Match match,
        List<ColumnRule> columns,
        List<LookupRule> lookups,
        Map<String, JsonNode> defaults,
        WriteOptions write,
        ManyToManyRule manyToMany) {

    public TableJob {
        action = action == null ? Action.UPSERT : action;
        columns = columns == null ? List.of() : List.copyOf(columns);
        lookups = lookups == null ? List.of() : List.copyOf(lookups);
        defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
        write = write == null ? WriteOptions.defaults() : write;
    }

    /** What the loader does with a chunk's rows. */
    public enum Action {
        /** create or update each row (the data pass) */
        UPSERT,
        /** update existing rows only (deferred lookups, state and status): a missing row is a failure */
        UPDATE,
        /** associate many-to-many pairs ({@code {"from":id,"to":id}}); an existing association is success */
        ASSOCIATE,
        /** delete the target rows the chunk identifies */
        DELETE,
        /** compare the rows with the target's, write nothing */
        VERIFY
    }

    /**
     * A plain column.
     *
     * @param source  column in the source row
     * @param target  column in the target row
     * @param options option value map (source value → target value) for choices; empty when values pass unchanged
     */
    public record ColumnRule(String source, String target, Map<Integer, Integer> options) {
        public ColumnRule {
            options = options == null ? Map.of() : Map.copyOf(options);
        }

        public static ColumnRule same(String column) {
            return new ColumnRule(column, column, Map.of());
        }
    }

    /**
     * A lookup column (the source row carries it as {@code _<source>_value} with its
     * {@code Microsoft.Dynamics.CRM.lookuplogicalname} annotation).
     *
     * @param source     the lookup's logical name in the source, e.g. {@code parentcustomerid}
     * @param target     the lookup's logical name in the target (the verify pass reads {@code _<target>_value})
     * @param targets    one binding per table the lookup can point to (several for polymorphic lookups)
     * @param principals for owner and user lookups: how source users and teams map to the target's; null otherwise
     */
    public record LookupRule(String source, String target, List<LookupTarget> targets, PrincipalMap principals) {
        public LookupRule {
            targets = targets == null ? List.of() : List.copyOf(targets);
        }
    }

    /**
     * How a lookup binds when it points to {@code table}.
     *
     * @param table              the referenced table's logical name
     * @param navigationProperty the target's single-valued navigation property, case-sensitive, e.g.
     *                           {@code parentcustomerid_account}
     * @param entitySet          the referenced table's entity set in the target
     * @param key                when the referenced table is matched by alternate key: the key's columns; null to
     *                           bind by id
     * @param sourceNavigation   the source's navigation property expanded to read the parent's key values (key only)
     */
    public record LookupTarget(String table, String navigationProperty, String entitySet, KeyBinding key,
            String sourceNavigation) {
    }

    /** An alternate key used to bind a lookup: the parent's key columns in the source and in the target. */
    public record KeyBinding(List<String> sourceColumns, List<String> targetColumns) {
        public KeyBinding {
            sourceColumns = List.copyOf(sourceColumns);
            targetColumns = List.copyOf(targetColumns);
        }
    }

    /**
     * Source users and teams mapped to the target's.
     *
     * @param principals source principal id → target principal; only the ids a chunk refers to travel with it
     * @param fallback   the target principal used when a source principal has no counterpart; null to dead-letter
     *                   such rows instead
     */
    public record PrincipalMap(Map<String, Principal> principals, Principal fallback) {
        public PrincipalMap {
            principals = principals == null ? Map.of() : Map.copyOf(principals);
        }
    }

    /** A user or team in the target: {@code table} is {@code systemuser} or {@code team}. */
    public record Principal(String table, String entitySet, String id) {
    }

    /**
     * How the loader writes.
     *
     * @param mode                auto (the best the table supports), or a forced mode
     * @param maxParallelism      the most requests in flight for this table; 0 for the client's own limit
     * @param bypassPlugins       send {@code MSCRM.BypassCustomPluginExecution}
     * @param bypassFlows         send {@code MSCRM.SuppressCallbackRegistrationExpanderJob}
     */
    public record WriteOptions(WriteMode mode, int maxParallelism, boolean bypassPlugins, boolean bypassFlows) {
        public static WriteOptions defaults() {
            return new WriteOptions(WriteMode.AUTO, 0, false, false);
        }
    }

    public enum WriteMode { AUTO, UPSERT_MULTIPLE, BATCH, SINGLE }

    /**
     * A many-to-many relationship: its intersect table in the source and how to associate in the target.
     *
     * @param relationship  the relationship's schema name
     * @param intersectSet  the intersect entity set in the source
     * @param from          the side whose navigation property receives the {@code $ref}
     * @param to            the other side
     */
    public record ManyToManyRule(String relationship, String intersectSet, Side from, Side to) {
        /**
         * @param table              logical name
         * @param intersectAttribute the id column of this side in the intersect table
         * @param entitySet          the table's entity set in the target
         * @param navigationProperty this side's collection navigation property for the relationship
         */
        public record Side(String table, String intersectAttribute, String entitySet, String navigationProperty) {
        }
    }
}
