package io.dvmigrate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The service document, $metadata, EntityDefinitions with casts and relationships, and schema changes. */
class MetadataTest {
    private static DataverseEmulator emulator;
    private static TestClient api;

    @BeforeAll
    static void start() {
        emulator = DataverseEmulator.builder().environment("crm", "demo").start();
        api = TestClient.of(emulator, "crm");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static List<String> values(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.get(field).asText()));
        return values;
    }

    @Test
    void serviceDocumentAndCsdl() {
        JsonNode service = api.get("").json();
        assertThat(service.get("@odata.context").asText()).isEqualTo(api.root() + "$metadata");
        assertThat(values(service.get("value"), "name")).contains("accounts", "contacts", "dvm_projects",
                "dvm_project_contactset", "systemusers", "teams");
        TestClient.Response csdl = api.get("$metadata");
        assertThat(csdl.header("Content-Type")).startsWith("application/xml");
        assertThat(csdl.body()).contains("<EntityType Name=\"account\" BaseType=\"mscrm.crmbaseentity\">")
                .contains("<NavigationProperty Name=\"dvm_AccountId\" Type=\"mscrm.account\" Nullable=\"false\" Partner=\"dvm_account_dvm_project\">")
                .contains("<ReferentialConstraint Property=\"_dvm_accountid_value\" ReferencedProperty=\"accountid\"/>")
                .contains("<NavigationProperty Name=\"dvm_project_contact\" Type=\"Collection(mscrm.contact)\" Partner=\"dvm_project_contact\"/>")
                .contains("<PropertyValue Property=\"Name\" PropertyPath=\"dvm_code\"/>")
                .contains("<EntitySet Name=\"accounts\" EntityType=\"Microsoft.Dynamics.CRM.account\"/>");
    }

    @Test
    void entityDefinitionsSelectFilterAndExpand() {
        JsonNode tables = api.get("EntityDefinitions?$select=LogicalName,EntitySetName,PrimaryIdAttribute,OwnershipType"
                + "&$filter=OwnershipType%20eq%20Microsoft.Dynamics.CRM.OwnershipTypes'UserOwned'").json();
        assertThat(values(tables.get("value"), "LogicalName")).contains("account", "dvm_project").doesNotContain("systemuser");
        JsonNode first = tables.get("value").get(0);
        assertThat(first.has("MetadataId")).isTrue();
        assertThat(first.has("SchemaName")).isFalse();

        JsonNode account = api.get("EntityDefinitions(LogicalName='account')?$select=LogicalName,ChangeTrackingEnabled"
                + "&$expand=Keys($select=KeyAttributes,EntityKeyIndexStatus),Attributes($select=LogicalName;$filter=IsValidForCreate%20eq%20true)").json();
        assertThat(account.get("@odata.context").asText()).endsWith("/$entity");
        assertThat(account.get("ChangeTrackingEnabled").asBoolean()).isTrue();
        assertThat(account.get("Keys").get(0).get("EntityKeyIndexStatus").asText()).isEqualTo("Active");
        assertThat(values(account.get("Attributes"), "LogicalName")).contains("name", "accountid", "overriddencreatedon")
                .doesNotContain("createdon", "versionnumber");

        JsonNode attributes = api.get("EntityDefinitions(LogicalName='contact')/Attributes?$select=LogicalName,AttributeType,"
                + "IsValidForCreate,IsValidForUpdate,RequiredLevel").json().get("value");
        assertThat(find(attributes, "statecode").get("IsValidForCreate").asBoolean()).isFalse();
        assertThat(find(attributes, "statecode").get("IsValidForUpdate").asBoolean()).isTrue();
        assertThat(find(attributes, "statuscode").get("IsValidForCreate").asBoolean()).isTrue();
        JsonNode owner = find(attributes, "ownerid");
        assertThat(owner.get("AttributeType").asText()).isEqualTo("Owner");
        assertThat(owner.get("RequiredLevel").get("Value").asText()).isEqualTo("SystemRequired");
        assertThat(owner.get("@odata.type").asText()).isEqualTo("#Microsoft.Dynamics.CRM.LookupAttributeMetadata");
    }

    @Test
    void typedCastsCarryTargetsLengthsAndOptions() {
        JsonNode lookups = api.get("EntityDefinitions(LogicalName='contact')/Attributes/Microsoft.Dynamics.CRM.LookupAttributeMetadata"
                + "?$select=LogicalName,Targets").json().get("value");
        List<String> targets = new ArrayList<>();
        find(lookups, "parentcustomerid").get("Targets").forEach(t -> targets.add(t.asText()));
        assertThat(targets).containsExactly("account", "contact");

        JsonNode strings = api.get("EntityDefinitions(LogicalName='task')/Attributes/Microsoft.Dynamics.CRM.StringAttributeMetadata"
                + "?$select=LogicalName,MaxLength").json().get("value");
        assertThat(find(strings, "subject").get("MaxLength").asInt()).isEqualTo(200);

        JsonNode picklists = api.get("EntityDefinitions(LogicalName='account')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata"
                + "?$select=LogicalName&$expand=OptionSet($select=Options),GlobalOptionSet($select=Options)").json().get("value");
        JsonNode category = find(picklists, "accountcategorycode");
        assertThat(category.get("OptionSet").get("Options").get(0).get("Label").get("UserLocalizedLabel").get("Label").asText())
                .isEqualTo("Preferred Customer");
        assertThat(category.get("GlobalOptionSet").isNull()).isTrue();

        JsonNode states = api.get("EntityDefinitions(LogicalName='lead')/Attributes/Microsoft.Dynamics.CRM.StateAttributeMetadata"
                + "?$select=LogicalName&$expand=OptionSet").json().get("value").get(0).get("OptionSet").get("Options");
        assertThat(states.get(1).get("DefaultStatus").asInt()).isEqualTo(3);
        JsonNode statuses = api.get("EntityDefinitions(LogicalName='lead')/Attributes(LogicalName='statuscode')"
                + "/Microsoft.Dynamics.CRM.StatusAttributeMetadata?$expand=OptionSet").json().get("OptionSet").get("Options");
        assertThat(statuses.get(2).get("State").asInt()).isEqualTo(1);
        assertThat(api.get("EntityDefinitions(LogicalName='account')/Attributes/Microsoft.Dynamics.CRM.EnumAttributeMetadata")
                .status()).isEqualTo(400);
    }

    @Test
    void relationshipsInEveryDirection() {
        JsonNode manyToOne = api.get("EntityDefinitions(LogicalName='contact')/ManyToOneRelationships?$select=SchemaName,"
                + "ReferencingAttribute,ReferencedEntity,ReferencingEntityNavigationPropertyName").json().get("value");
        JsonNode customer = find(manyToOne, "contact_customer_accounts", "SchemaName");
        assertThat(customer.get("ReferencingEntityNavigationPropertyName").asText()).isEqualTo("parentcustomerid_account");
        assertThat(customer.get("ReferencedEntity").asText()).isEqualTo("account");
        JsonNode oneToMany = api.get("EntityDefinitions(LogicalName='account')/OneToManyRelationships?$select=SchemaName,"
                + "ReferencingEntity,CascadeConfiguration").json().get("value");
        assertThat(find(oneToMany, "Account_Tasks", "SchemaName").get("CascadeConfiguration").get("Delete").asText())
                .isEqualTo("Cascade");
        assertThat(find(oneToMany, "account_parent_account", "SchemaName").get("ReferencingEntity").asText()).isEqualTo("account");
        JsonNode manyToMany = api.get("EntityDefinitions(LogicalName='contact')/ManyToManyRelationships").json().get("value").get(0);
        assertThat(manyToMany.get("IntersectEntityName").asText()).isEqualTo("dvm_project_contact");
        assertThat(manyToMany.get("Entity1IntersectAttribute").asText()).isEqualTo("dvm_projectid");
        assertThat(manyToMany.get("Entity2NavigationPropertyName").asText()).isEqualTo("dvm_project_contact");
        JsonNode definitions = api.get("RelationshipDefinitions/Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata"
                + "?$select=SchemaName&$filter=ReferencedEntity%20eq%20'account'").json().get("value");
        assertThat(values(definitions, "SchemaName")).contains("contact_customer_accounts", "Account_Tasks")
                .doesNotContain("contact_customer_contacts");
    }

    @Test
    void aTableCreatedThroughTheMetadataApiTakesRows() {
        String body = """
                {"@odata.type":"Microsoft.Dynamics.CRM.EntityMetadata","SchemaName":"new_BankAccount",
                 "DisplayName":{"LocalizedLabels":[{"Label":"Bank Account","LanguageCode":1033}]},
                 "OwnershipType":"UserOwned","HasActivities":false,"HasNotes":false,"IsActivity":false,
                 "Attributes":[
                   {"@odata.type":"Microsoft.Dynamics.CRM.StringAttributeMetadata","AttributeType":"String","SchemaName":"new_AccountName",
                    "IsPrimaryName":true,"MaxLength":100,"RequiredLevel":{"Value":"None"},
                    "DisplayName":{"LocalizedLabels":[{"Label":"Account Name","LanguageCode":1033}]}},
                   {"@odata.type":"Microsoft.Dynamics.CRM.MoneyAttributeMetadata","SchemaName":"new_Balance","Precision":2}]}
                """;
        TestClient.Response created = api.post("EntityDefinitions", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(204);
        assertThat(created.header("OData-EntityId")).startsWith(api.root() + "EntityDefinitions(");
        assertThat(api.get("EntityDefinitions(LogicalName='new_bankaccount')?$select=EntitySetName").json()
                .get("EntitySetName").asText()).isEqualTo("new_bankaccounts");
        assertThat(api.post("new_bankaccounts", Map.of("new_accountname", "Savings", "new_balance", 10.5)).status()).isEqualTo(204);
        String relationship = """
                {"@odata.type":"Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata","SchemaName":"new_account_new_bankaccount",
                 "ReferencedEntity":"account","ReferencedAttribute":"accountid","ReferencingEntity":"new_bankaccount",
                 "CascadeConfiguration":{"Delete":"RemoveLink"},
                 "Lookup":{"@odata.type":"Microsoft.Dynamics.CRM.LookupAttributeMetadata","AttributeType":"Lookup","SchemaName":"new_AccountId"}}
                """;
        assertThat(api.post("RelationshipDefinitions", relationship).status()).isEqualTo(204);
        String account = api.get("accounts?$top=1&$select=accountid").json().get("value").get(0).get("accountid").asText();
        assertThat(api.post("new_bankaccounts", Map.of("new_accountname", "Linked",
                "new_AccountId@odata.bind", "/accounts(" + account + ")")).status()).isEqualTo(204);
        assertThat(api.get("new_bankaccounts?$filter=_new_accountid_value%20eq%20" + account).json().get("value")).hasSize(1);
    }

    @Test
    void aColumnCanBeWidenedThroughTheRealPut() {
        assertThat(api.post("tasks", Map.of("subject", "y".repeat(250))).status()).isEqualTo(400);
        String put = """
                {"@odata.type":"Microsoft.Dynamics.CRM.StringAttributeMetadata","LogicalName":"subject","SchemaName":"Subject","MaxLength":300}
                """;
        assertThat(api.put("EntityDefinitions(LogicalName='task')/Attributes(LogicalName='subject')", put,
                "MSCRM.MergeLabels", "true").status()).isEqualTo(204);
        assertThat(api.post("tasks", Map.of("subject", "y".repeat(250))).status()).isEqualTo(204);
        emulator.admin().setMaxLength("crm", "task", "subject", 200);
    }

    @Test
    void shadowAttributesMirrorLookupsAndChoices() {
        JsonNode attributes = api.get("EntityDefinitions(LogicalName='account')/Attributes?$select=LogicalName,AttributeType,"
                + "AttributeOf,IsValidForCreate,IsValidForUpdate").json().get("value");
        JsonNode ownerName = find(attributes, "owneridname");
        assertThat(ownerName.get("AttributeOf").asText()).isEqualTo("ownerid");
        assertThat(ownerName.get("AttributeType").asText()).isEqualTo("String");
        assertThat(ownerName.get("IsValidForCreate").asBoolean()).isFalse();
        assertThat(find(attributes, "owneridtype").get("AttributeType").asText()).isEqualTo("EntityName");
        assertThat(find(attributes, "owneridyominame").get("AttributeOf").asText()).isEqualTo("ownerid");
        assertThat(find(attributes, "primarycontactidyominame").get("AttributeOf").asText()).isEqualTo("primarycontactid");
        assertThat(find(attributes, "statecodename").get("AttributeType").asText()).isEqualTo("Virtual");
        assertThat(find(attributes, "creditonholdname").get("AttributeOf").asText()).isEqualTo("creditonhold");
        assertThat(find(attributes, "name").get("AttributeOf").isNull()).isTrue();
        JsonNode own = api.get("EntityDefinitions(LogicalName='account')/Attributes?$select=LogicalName&$filter=AttributeOf%20eq%20null")
                .json().get("value");
        assertThat(own.toString()).doesNotContain("owneridname");
        assertThat(api.get("EntityDefinitions(LogicalName='account')/Attributes(LogicalName='owneridname')").json()
                .get("AttributeOf").asText()).isEqualTo("ownerid");
        assertThat(api.get("accounts?$select=owneridname").status()).as("shadows are not properties").isEqualTo(400);
    }

    @Test
    void optionValuesCanBeRemovedAndAddedBack() {
        String insert = "{\"EntityLogicalName\":\"lead\",\"AttributeLogicalName\":\"leadsourcecode\",\"Value\":11,"
                + "\"Label\":{\"LocalizedLabels\":[{\"Label\":\"Podcast\",\"LanguageCode\":1033}]}}";
        TestClient.Response inserted = api.post("InsertOptionValue", insert);
        assertThat(inserted.status()).as(inserted.toString()).isEqualTo(200);
        assertThat(inserted.json().get("NewOptionValue").asInt()).isEqualTo(11);
        assertThat(api.post("leads", Map.of("lastname", "Heard it", "leadsourcecode", 11)).status()).isEqualTo(204);
        assertThat(api.post("DeleteOptionValue", "{\"EntityLogicalName\":\"lead\",\"AttributeLogicalName\":\"leadsourcecode\",\"Value\":11}")
                .status()).isEqualTo(204);
        TestClient.Response refused = api.post("leads", Map.of("lastname", "Again", "leadsourcecode", 11));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("0x8004431A");
        assertThat(api.post("InsertOptionValue", insert).status()).isEqualTo(200);
        assertThat(api.post("leads", Map.of("lastname", "Back", "leadsourcecode", 11)).status()).isEqualTo(204);
        JsonNode generated = api.post("InsertOptionValue", "{\"EntityLogicalName\":\"dvm_project\",\"AttributeLogicalName\":\"dvm_priority\","
                + "\"Label\":{\"LocalizedLabels\":[{\"Label\":\"Urgent\",\"LanguageCode\":1033}]}}").json();
        assertThat(generated.get("NewOptionValue").asInt()).isEqualTo(100_000_003);
        assertThat(api.post("InsertOptionValue", "{\"EntityLogicalName\":\"lead\",\"AttributeLogicalName\":\"statecode\",\"Value\":9}")
                .status()).isEqualTo(400);
    }

    private static JsonNode find(JsonNode array, String logicalName) {
        return find(array, logicalName, "LogicalName");
    }

    private static JsonNode find(JsonNode array, String value, String field) {
        for (JsonNode item : array) {
            if (item.get(field).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no " + value + " in " + array);
    }
}
