package io.dvmigrate.dataverse.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvmigrate.dataverse.RealData;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Parses the attributes of a real account metadata response (RetrieveMetadataChanges, typed properties inline). */
class MetadataParserTest {

    private static final Map<String, ColumnMetadata> ACCOUNT = columns();

    @Test
    void lookupsCarryTheirTargets() {
        assertThat(ACCOUNT.get("ownerid").targets()).containsExactly("systemuser", "team");
        assertThat(ACCOUNT.get("ownerid").isPolymorphic()).isTrue();
        assertThat(ACCOUNT.get("ownerid").requiredLevel()).isEqualTo(RequiredLevel.SYSTEM_REQUIRED);
        assertThat(ACCOUNT.get("cdsify_account1").isLookup()).isTrue();
    }

    @Test
    void choicesCarryTheirOptionsWithStateAndDefaultStatus() {
        assertThat(ACCOUNT.get("accountcategorycode").options()).extracting(OptionValue::value, OptionValue::label)
                .startsWith(org.assertj.core.groups.Tuple.tuple(1, "Preferred Customer"));
        OptionValue active = ACCOUNT.get("statecode").options().getFirst();
        assertThat(active.label()).isEqualTo("Active");
        assertThat(active.defaultStatus()).contains(1);
        assertThat(ACCOUNT.get("statuscode").options().getFirst().state()).contains(0);
        assertThat(ACCOUNT.get("creditonhold").options()).extracting(OptionValue::value).containsExactly(0, 1);
        assertThat(ACCOUNT.get("cdsify_multiselect").typeName()).isEqualTo("MultiSelectPicklistType");
    }

    @Test
    void shadowColumnsNameTheColumnTheyMirror() {
        assertThat(ACCOUNT.get("accountcategorycodename").attributeOf()).contains("accountcategorycode");
        assertThat(ACCOUNT.get("accountcategorycodename").isShadow()).isTrue();
        assertThat(ACCOUNT.get("accountnumber").isShadow()).isFalse();
    }

    @Test
    void keysAndRelationshipsFromTheDocumentedShapes() throws Exception {
        ObjectMapper json = new ObjectMapper();
        AlternateKey key = MetadataParser.key(json.readTree("""
                { "LogicalName": "account_code_ak", "SchemaName": "Account_Code_AK", "KeyAttributes": ["accountnumber"],
                  "EntityKeyIndexStatus": "Active", "MetadataId": "1dc7b1d2-6beb-ec11-bb3d-0022482ea769" }"""));
        ManyToOneRelationship lookup = MetadataParser.manyToOne(json.readTree("""
                { "SchemaName": "contact_customer_accounts", "ReferencingEntity": "contact", "ReferencingAttribute": "parentcustomerid",
                  "ReferencedEntity": "account", "ReferencedAttribute": "accountid",
                  "ReferencingEntityNavigationPropertyName": "parentcustomerid_account",
                  "ReferencedEntityNavigationPropertyName": "contact_customer_accounts" }"""));

        assertThat(key).isEqualTo(new AlternateKey("account_code_ak", "Account_Code_AK", java.util.List.of("accountnumber"), KeyStatus.ACTIVE));
        assertThat(lookup.navigationProperty()).isEqualTo("parentcustomerid_account");
        assertThat(lookup.referencedEntity()).isEqualTo("account");
    }

    private static Map<String, ColumnMetadata> columns() {
        try {
            JsonNode entity = new ObjectMapper().readTree(RealData.bytes("metadata/dataverse-gen_account-metadata.json")).path("EntityMetadata").path(0);
            Map<String, ColumnMetadata> byName = new HashMap<>();
            for (JsonNode attribute : entity.path("Attributes")) {
                ColumnMetadata column = MetadataParser.column(attribute);
                byName.put(column.logicalName(), column);
            }
            return byName;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
