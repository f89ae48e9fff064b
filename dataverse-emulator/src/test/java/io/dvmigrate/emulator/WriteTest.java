package io.dvmigrate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Create, update, upsert, delete, binds, associations and the validation errors, over the demo schema. */
class WriteTest {
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

    private static String newAccount(String name) {
        TestClient.Response created = api.post("accounts", Map.of("name", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(204);
        String entityId = created.header("OData-EntityId");
        return entityId.substring(entityId.indexOf('(') + 1, entityId.length() - 1);
    }

    @Test
    void createWithAChosenIdAndReturnRepresentation() {
        String id = UUID.randomUUID().toString();
        TestClient.Response created = api.post("accounts", Map.of("accountid", id, "name", "Chosen id", "revenue", 1250.5));
        assertThat(created.status()).isEqualTo(204);
        assertThat(created.header("OData-EntityId")).isEqualTo(api.root() + "accounts(" + id + ")");
        JsonNode row = api.get("accounts(" + id + ")").json();
        assertThat(row.get("name").asText()).isEqualTo("Chosen id");
        assertThat(row.get("_transactioncurrencyid_value").isNull()).isFalse();
        assertThat(row.get("statecode").asInt()).isEqualTo(0);
        assertThat(row.get("statuscode").asInt()).isEqualTo(1);
        assertThat(row.get("_ownerid_value").asText()).isEqualTo(api.get("WhoAmI").json().get("UserId").asText());
        TestClient.Response duplicate = api.post("accounts", Map.of("accountid", id, "name", "Again"));
        assertThat(duplicate.status()).isEqualTo(412);
        assertThat(duplicate.errorCode()).isEqualTo("0x80040237");

        TestClient.Response represented = api.post("accounts?$select=name", Map.of("name", "Represented"),
                "Prefer", "return=representation");
        assertThat(represented.status()).isEqualTo(201);
        assertThat(represented.json().get("@odata.context").asText()).isEqualTo(api.root() + "$metadata#accounts(name)/$entity");
        assertThat(represented.json().get("name").asText()).isEqualTo("Represented");
        assertThat(represented.header("OData-EntityId")).isNull();
    }

    @Test
    void upsertStatusesFollowTheDocumentedTable() {
        String id = UUID.randomUUID().toString();
        assertThat(api.patch("accounts(" + id + ")", Map.of("name", "Nothing"), "If-Match", "*").status()).isEqualTo(404);
        TestClient.Response created = api.patch("accounts(" + id + ")", Map.of("name", "Upserted"));
        assertThat(created.status()).isEqualTo(204);
        assertThat(created.header("OData-EntityId")).isEqualTo(api.root() + "accounts(" + id + ")");
        TestClient.Response updated = api.patch("accounts(" + id + ")", Map.of("name", "Upserted again"));
        assertThat(updated.status()).isEqualTo(204);
        TestClient.Response conflict = api.patch("accounts(" + id + ")", Map.of("name", "x"), "If-None-Match", "*");
        assertThat(conflict.status()).isEqualTo(412);
        assertThat(conflict.errorMessage()).isEqualTo("A record with matching key values already exists.");
        assertThat(api.patch("accounts(" + id + ")", Map.of("name", "Only update"), "If-Match", "*").status()).isEqualTo(204);

        String fresh = UUID.randomUUID().toString();
        TestClient.Response representedCreate = api.patch("accounts(" + fresh + ")?$select=accountid", Map.of("name", "R"),
                "Prefer", "return=representation");
        assertThat(representedCreate.status()).isEqualTo(201);
        assertThat(representedCreate.header("ETag")).matches("W/\"\\d+\"");
        TestClient.Response representedUpdate = api.patch("accounts(" + fresh + ")?$select=accountid", Map.of("name", "R2"),
                "Prefer", "return=representation");
        assertThat(representedUpdate.status()).isEqualTo(200);
        String etag = representedUpdate.header("ETag");
        assertThat(api.patch("accounts(" + fresh + ")", Map.of("name", "stale"), "If-Match", "W/\"1\"").status()).isEqualTo(412);
        assertThat(api.patch("accounts(" + fresh + ")", Map.of("name", "current"), "If-Match", etag).status()).isEqualTo(204);
    }

    @Test
    void upsertByAlternateKey() {
        TestClient.Response created = api.patch("dvm_projects(dvm_code='NEW-0001')", Map.of("dvm_name", "Keyed project"));
        assertThat(created.status()).as(created.toString()).isEqualTo(204);
        assertThat(created.header("OData-EntityId")).isEqualTo(api.root() + "dvm_projects(dvm_code='NEW-0001')");
        JsonNode row = api.get("dvm_projects(dvm_code='NEW-0001')").json();
        assertThat(row.get("dvm_name").asText()).isEqualTo("Keyed project");
        assertThat(api.patch("dvm_projects(dvm_code='NEW-0001')", Map.of("dvm_name", "Renamed", "dvm_code", "OTHER"))
                .status()).isEqualTo(204);
        JsonNode renamed = api.get("dvm_projects(dvm_code='NEW-0001')").json();
        assertThat(renamed.get("dvm_name").asText()).isEqualTo("Renamed");
        assertThat(renamed.get("dvm_projectid").asText()).isEqualTo(row.get("dvm_projectid").asText());
        TestClient.Response badKey = api.get("dvm_projects(dvm_name='x')");
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.errorMessage()).startsWith("The key in the request URI is not valid for resource 'Microsoft.Dynamics.CRM.dvm_project'");
    }

    @Test
    void bindsByIdKeyAndPolymorphicNavigationWithExactCase() {
        String account = newAccount("Parent for binds");
        String contactId = UUID.randomUUID().toString();
        assertThat(api.post("contacts", Map.of("contactid", contactId, "lastname", "Bound",
                "parentcustomerid_account@odata.bind", "/accounts(" + account + ")")).status()).isEqualTo(204);
        TestClient.Response contact = api.get("contacts(" + contactId + ")?$select=_parentcustomerid_value", "Prefer",
                "odata.include-annotations=\"*\"");
        assertThat(contact.json().get("_parentcustomerid_value").asText()).isEqualTo(account);
        assertThat(contact.json().get("_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname").asText()).isEqualTo("account");
        assertThat(api.patch("contacts(" + contactId + ")", Map.of("parentcustomerid_contact@odata.bind",
                "contacts(" + contactId + ")")).status()).isEqualTo(204);
        assertThat(api.get("contacts(" + contactId + ")?$select=_parentcustomerid_value", "Prefer",
                "odata.include-annotations=\"*\"").json().get("_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname")
                .asText()).isEqualTo("contact");

        TestClient.Response byKey = api.post("dvm_projects", Map.of("dvm_name", "Bound by key", "dvm_code", "BIND-1",
                "dvm_AccountId@odata.bind", "/accounts(accountnumber='ACC-00002')"));
        assertThat(byKey.status()).as(byKey.toString()).isEqualTo(204);
        String expected = api.get("accounts(accountnumber='ACC-00002')?$select=accountid").json().get("accountid").asText();
        assertThat(api.get("dvm_projects(dvm_code='BIND-1')?$select=_dvm_accountid_value").json()
                .get("_dvm_accountid_value").asText()).isEqualTo(expected);

        TestClient.Response wrongCase = api.post("dvm_projects", Map.of("dvm_name", "x", "dvm_code", "BIND-2",
                "dvm_accountid@odata.bind", "/accounts(" + account + ")"));
        assertThat(wrongCase.status()).isEqualTo(400);
        assertThat(wrongCase.errorMessage()).startsWith("An undeclared property 'dvm_accountid' which only has property annotations");

        TestClient.Response missingTarget = api.post("contacts", Map.of("lastname", "x",
                "parentcustomerid_account@odata.bind", "/accounts(" + UUID.randomUUID() + ")"));
        assertThat(missingTarget.status()).isEqualTo(404);
        assertThat(missingTarget.errorCode()).isEqualTo("0x80040217");

        String team = api.get("teams?$filter=name%20eq%20'Contoso%20Sales'&$select=teamid").json().get("value").get(0)
                .get("teamid").asText();
        assertThat(api.patch("accounts(" + account + ")", Map.of("ownerid@odata.bind", "/teams(" + team + ")")).status())
                .isEqualTo(204);
        JsonNode owned = api.get("accounts(" + account + ")?$select=_ownerid_value,_owningteam_value,_owninguser_value").json();
        assertThat(owned.get("_ownerid_value").asText()).isEqualTo(team);
        assertThat(owned.get("_owningteam_value").asText()).isEqualTo(team);
        assertThat(owned.get("_owninguser_value").isNull()).isTrue();
        assertThat(api.patch("accounts(" + account + ")", "{\"primarycontactid@odata.bind\":null}").status()).isEqualTo(204);
    }

    @Test
    void validationErrorsCarryTheRealCodesAndMessages() {
        TestClient.Response unknown = api.post("accounts", Map.of("name", "x", "citty", "Lyon"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo("0x80048d19");
        assertThat(unknown.errorMessage()).contains("The property 'citty' does not exist on type 'Microsoft.Dynamics.CRM.account'");

        TestClient.Response tooLong = api.post("tasks", Map.of("subject", "x".repeat(201)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.errorCode()).isEqualTo("0x80044331");
        assertThat(tooLong.errorMessage()).isEqualTo("A validation error occurred.  The length of the 'subject' attribute "
                + "of the 'task' entity exceeded the maximum allowed length of '200'.");

        TestClient.Response option = api.post("accounts", Map.of("name", "x", "industrycode", 999));
        assertThat(option.status()).isEqualTo(400);
        assertThat(option.errorCode()).isEqualTo("0x8004431A");

        TestClient.Response required = api.post("dvm_projects", Map.of("dvm_code", "NO-NAME"));
        assertThat(required.status()).isEqualTo(400);
        assertThat(required.errorMessage()).contains("dvm_name");

        assertThat(api.post("dvm_projects", Map.of("dvm_name", "a", "dvm_code", "DUP-1")).status()).isEqualTo(204);
        TestClient.Response duplicateKey = api.post("dvm_projects", Map.of("dvm_name", "b", "dvm_code", "dup-1"));
        assertThat(duplicateKey.status()).isEqualTo(412);
        assertThat(duplicateKey.errorCode()).isEqualTo("0x80060892");

        TestClient.Response lookupValue = api.post("contacts", Map.of("lastname", "x", "_parentcustomerid_value",
                UUID.randomUUID().toString()));
        assertThat(lookupValue.status()).isEqualTo(400);
        assertThat(lookupValue.errorMessage()).startsWith("CRM do not support direct update of Entity Reference properties");

        TestClient.Response wrongType = api.post("accounts", Map.of("name", 12));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.errorCode()).isEqualTo("0x80048d19");
    }

    @Test
    void systemColumnsAreIgnoredAndStateGoesWithStatus() {
        String id = UUID.randomUUID().toString();
        assertThat(api.post("accounts", Map.of("accountid", id, "name", "Old", "createdon", "2001-01-01T00:00:00Z",
                "overriddencreatedon", "2015-05-05T00:00:00Z", "versionnumber", 5)).status()).isEqualTo(204);
        JsonNode row = api.get("accounts(" + id + ")?$select=createdon,overriddencreatedon,versionnumber").json();
        assertThat(row.get("createdon").asText()).isEqualTo("2015-05-05T00:00:00Z");
        assertThat(row.get("versionnumber").asLong()).isGreaterThan(5);
        assertThat(api.patch("accounts(" + id + ")", Map.of("statecode", 1)).status()).isEqualTo(204);
        JsonNode inactive = api.get("accounts(" + id + ")?$select=statecode,statuscode").json();
        assertThat(inactive.get("statecode").asInt()).isEqualTo(1);
        assertThat(inactive.get("statuscode").asInt()).isEqualTo(2);
        TestClient.Response mismatch = api.patch("accounts(" + id + ")", Map.of("statecode", 0, "statuscode", 2));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.errorMessage()).startsWith("2 is not a valid status code for state code AccountState.Active");
        assertThat(api.patch("accounts(" + id + ")", Map.of("statecode", 0, "statuscode", 1)).status()).isEqualTo(204);
    }

    @Test
    void associationsThroughRef() {
        String contact = api.get("contacts?$top=1&$select=contactid").json().get("value").get(0).get("contactid").asText();
        assertThat(api.post("dvm_projects", Map.of("dvm_name", "Team", "dvm_code", "REF-1")).status()).isEqualTo(204);
        String project = api.get("dvm_projects(dvm_code='REF-1')?$select=dvm_projectid").json().get("dvm_projectid").asText();
        Map<String, String> reference = Map.of("@odata.id", api.root() + "dvm_projects(" + project + ")");
        assertThat(api.post("contacts(" + contact + ")/dvm_project_contact/$ref", reference).status()).isEqualTo(204);
        TestClient.Response again = api.post("contacts(" + contact + ")/dvm_project_contact/$ref", reference);
        assertThat(again.status()).isEqualTo(412);
        assertThat(again.errorCode()).isEqualTo("0x80040237");
        assertThat(api.get("dvm_projects(" + project + ")/dvm_project_contact?$select=fullname").json().get("value")).hasSize(1);
        assertThat(api.get("dvm_project_contactset?$filter=dvm_projectid%20eq%20" + project).json().get("value")).hasSize(1);
        assertThat(api.delete("contacts(" + contact + ")/dvm_project_contact(" + project + ")/$ref").status()).isEqualTo(204);
        assertThat(api.get("dvm_projects(" + project + ")/dvm_project_contact").json().get("value")).isEmpty();

        String account = newAccount("One to many");
        assertThat(api.post("accounts(" + account + ")/contact_customer_accounts/$ref",
                Map.of("@odata.id", "contacts(" + contact + ")")).status()).isEqualTo(204);
        assertThat(api.get("contacts(" + contact + ")?$select=_parentcustomerid_value").json().get("_parentcustomerid_value")
                .asText()).isEqualTo(account);
        assertThat(api.put("accounts(" + account + ")/primarycontactid/$ref", Map.of("@odata.id", "contacts(" + contact + ")"))
                .status()).isEqualTo(204);
        assertThat(api.get("accounts(" + account + ")/primarycontactid?$select=contactid").json().get("contactid").asText())
                .isEqualTo(contact);
        assertThat(api.delete("accounts(" + account + ")/primarycontactid/$ref").status()).isEqualTo(204);
        assertThat(api.get("accounts(" + account + ")?$select=_primarycontactid_value").json().get("_primarycontactid_value")
                .isNull()).isTrue();
    }

    @Test
    void singlePropertiesAndDeleteCascades() {
        String account = newAccount("Cascading");
        assertThat(api.put("accounts(" + account + ")/description", Map.of("value", "Set alone")).status()).isEqualTo(204);
        assertThat(api.get("accounts(" + account + ")/description").json().get("value").asText()).isEqualTo("Set alone");
        assertThat(api.delete("accounts(" + account + ")/description").status()).isEqualTo(204);
        assertThat(api.get("accounts(" + account + ")/description").status()).isEqualTo(204);

        String task = UUID.randomUUID().toString();
        assertThat(api.post("tasks", Map.of("activityid", task, "subject", "Regarding",
                "regardingobjectid_account_task@odata.bind", "/accounts(" + account + ")")).status()).isEqualTo(204);
        assertThat(api.post("dvm_projects", Map.of("dvm_name", "Linked", "dvm_code", "CASCADE-1",
                "dvm_AccountId@odata.bind", "/accounts(" + account + ")")).status()).isEqualTo(204);
        assertThat(api.delete("accounts(" + account + ")").status()).isEqualTo(204);
        assertThat(api.get("tasks(" + task + ")").status()).isEqualTo(404);
        assertThat(api.get("dvm_projects(dvm_code='CASCADE-1')?$select=_dvm_accountid_value").json()
                .get("_dvm_accountid_value").isNull()).isTrue();
        assertThat(api.delete("accounts(" + account + ")").status()).isEqualTo(404);
    }
}
