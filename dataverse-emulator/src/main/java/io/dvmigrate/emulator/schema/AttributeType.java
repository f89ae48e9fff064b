package io.dvmigrate.emulator.schema;

/**
 * The column types the emulator stores, named as Dataverse's AttributeTypeCode. Each knows its metadata cast
 * ({@code Microsoft.Dynamics.CRM.<cast>}), its AttributeTypeName and its type in the CSDL.
 */
public enum AttributeType {
    Uniqueidentifier("UniqueIdentifierAttributeMetadata", "UniqueidentifierType", "Edm.Guid"),
    String("StringAttributeMetadata", "StringType", "Edm.String"),
    Memo("MemoAttributeMetadata", "MemoType", "Edm.String"),
    Integer("IntegerAttributeMetadata", "IntegerType", "Edm.Int32"),
    BigInt("BigIntAttributeMetadata", "BigIntType", "Edm.Int64"),
    Decimal("DecimalAttributeMetadata", "DecimalType", "Edm.Decimal"),
    Double("DoubleAttributeMetadata", "DoubleType", "Edm.Double"),
    Money("MoneyAttributeMetadata", "MoneyType", "Edm.Decimal"),
    Boolean("BooleanAttributeMetadata", "BooleanType", "Edm.Boolean"),
    DateTime("DateTimeAttributeMetadata", "DateTimeType", "Edm.DateTimeOffset"),
    Picklist("PicklistAttributeMetadata", "PicklistType", "Edm.Int32"),
    State("StateAttributeMetadata", "StateType", "Edm.Int32"),
    Status("StatusAttributeMetadata", "StatusType", "Edm.Int32"),
    Lookup("LookupAttributeMetadata", "LookupType", "Edm.Guid"),
    Customer("LookupAttributeMetadata", "CustomerType", "Edm.Guid"),
    Owner("LookupAttributeMetadata", "OwnerType", "Edm.Guid"),
    EntityName("EntityNameAttributeMetadata", "EntityNameType", "Edm.String");

    private final String metadataCast;
    private final String typeName;
    private final String edmType;

    AttributeType(String metadataCast, String typeName, String edmType) {
        this.metadataCast = metadataCast;
        this.typeName = typeName;
        this.edmType = edmType;
    }

    /** The derived AttributeMetadata type, e.g. {@code StringAttributeMetadata}. */
    public String metadataCast() {
        return metadataCast;
    }

    /** The value of AttributeTypeName, e.g. {@code StringType}. */
    public String typeName() {
        return typeName;
    }

    public String edmType() {
        return edmType;
    }

    public boolean isLookup() {
        return this == Lookup || this == Customer || this == Owner;
    }

    public boolean isText() {
        return this == String || this == Memo || this == EntityName;
    }

    public boolean isChoice() {
        return this == Picklist || this == State || this == Status;
    }

    public boolean isNumber() {
        return this == Integer || this == BigInt || this == Decimal || this == Double || this == Money;
    }

    /** Parses a type name case-insensitively, accepting the AttributeTypeName form too ({@code StringType}). */
    public static AttributeType parse(String name) {
        for (AttributeType type : values()) {
            if (type.name().equalsIgnoreCase(name) || type.typeName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        if ("UniqueIdentifier".equalsIgnoreCase(name) || "Guid".equalsIgnoreCase(name)) {
            return Uniqueidentifier;
        }
        throw new IllegalArgumentException("unknown attribute type '" + name + "'");
    }
}
