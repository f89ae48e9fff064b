package io.dvmigrate.emulator.schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A column (AttributeMetadata). Values are stored in a row's array at {@code ordinal}. Immutable: changing a
 * column (widening it) replaces it in its {@link Table} under the same ordinal.
 *
 * @param maxLength   for text columns, the longest value accepted
 * @param targets     for lookups, the logical names of the tables it may point at
 * @param options     for choices, the valid values; empty when unknown (then any value is accepted)
 * @param precision   decimal places for Decimal and Money
 * @param minValue    lowest accepted number, or null
 * @param maxValue    highest accepted number, or null
 * @param metadataId  set by the {@link Table} the column is added to
 */
public record Column(String logicalName, String schemaName, String displayName, AttributeType type, int ordinal,
                     Integer maxLength, boolean validForCreate, boolean validForUpdate, RequiredLevel requiredLevel,
                     List<String> targets, List<Option> options, Integer precision, BigDecimal minValue,
                     BigDecimal maxValue, DateFormat dateFormat, boolean custom, boolean primaryId,
                     boolean primaryName, UUID metadataId) {

    public Column {
        targets = List.copyOf(targets);
        options = List.copyOf(options);
    }

    public static Builder builder(String logicalName, AttributeType type) {
        return new Builder(logicalName, type);
    }

    public Builder toBuilder() {
        return new Builder(logicalName, type).schemaName(schemaName).displayName(displayName).ordinal(ordinal)
                .maxLength(maxLength).validForCreate(validForCreate).validForUpdate(validForUpdate)
                .requiredLevel(requiredLevel).targets(targets).options(options).precision(precision)
                .range(minValue, maxValue).dateFormat(dateFormat).custom(custom).primaryId(primaryId)
                .primaryName(primaryName).metadataId(metadataId);
    }

    /** The OData property name: {@code _x_value} for lookups, the logical name otherwise. */
    public String propertyName() {
        return type.isLookup() ? "_" + logicalName + "_value" : logicalName;
    }

    public Optional<Option> option(int value) {
        return options.stream().filter(o -> o.value() == value).findFirst();
    }

    public boolean isDateOnly() {
        return dateFormat == DateFormat.DateOnly;
    }

    /** The same column of the same table (a widened column is still the same column): metadata id and ordinal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Column column && column.ordinal == ordinal && java.util.Objects.equals(column.metadataId, metadataId)
                && column.logicalName.equals(logicalName);
    }

    @Override
    public int hashCode() {
        return logicalName.hashCode() * 31 + ordinal;
    }

    public static final class Builder {
        private final String logicalName;
        private final AttributeType type;
        private String schemaName;
        private String displayName;
        private int ordinal = -1;
        private Integer maxLength;
        private boolean validForCreate = true;
        private boolean validForUpdate = true;
        private RequiredLevel requiredLevel = RequiredLevel.None;
        private List<String> targets = List.of();
        private List<Option> options = List.of();
        private Integer precision;
        private BigDecimal minValue;
        private BigDecimal maxValue;
        private DateFormat dateFormat = DateFormat.DateAndTime;
        private boolean custom;
        private boolean primaryId;
        private boolean primaryName;
        private UUID metadataId;

        private Builder(String logicalName, AttributeType type) {
            this.logicalName = logicalName;
            this.type = type;
        }

        public Builder schemaName(String value) { this.schemaName = value; return this; }
        public Builder displayName(String value) { this.displayName = value; return this; }
        public Builder ordinal(int value) { this.ordinal = value; return this; }
        public Builder maxLength(Integer value) { this.maxLength = value; return this; }
        public Builder validForCreate(boolean value) { this.validForCreate = value; return this; }
        public Builder validForUpdate(boolean value) { this.validForUpdate = value; return this; }
        public Builder readOnly() { this.validForCreate = false; this.validForUpdate = false; return this; }
        public Builder requiredLevel(RequiredLevel value) { this.requiredLevel = value; return this; }
        public Builder targets(List<String> value) { this.targets = value; return this; }
        public Builder options(List<Option> value) { this.options = value; return this; }
        public Builder precision(Integer value) { this.precision = value; return this; }
        public Builder range(BigDecimal min, BigDecimal max) { this.minValue = min; this.maxValue = max; return this; }
        public Builder dateFormat(DateFormat value) { this.dateFormat = value; return this; }
        public Builder custom(boolean value) { this.custom = value; return this; }
        public Builder primaryId(boolean value) { this.primaryId = value; return this; }
        public Builder primaryName(boolean value) { this.primaryName = value; return this; }
        public Builder metadataId(UUID value) { this.metadataId = value; return this; }

        public Column build() {
            String schema = schemaName != null ? schemaName : SchemaNames.fromLogicalName(logicalName);
            String display = displayName != null ? displayName : schema;
            Integer length = maxLength;
            if (length == null && type.isText()) {
                length = type == AttributeType.Memo ? 2000 : 100;
            }
            Integer digits = precision;
            if (digits == null && (type == AttributeType.Decimal || type == AttributeType.Money)) {
                digits = 2;
            }
            return new Column(logicalName, schema, display, type, ordinal, length, validForCreate, validForUpdate,
                    requiredLevel, targets, options, digits, minValue, maxValue, dateFormat, custom, primaryId,
                    primaryName, metadataId);
        }
    }
}
