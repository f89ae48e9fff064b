package io.dvmigrate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Queries over the demo data: $select, $filter, $orderby, $top, $count, $expand, paging, annotations. */
class ReadTest {
    private static DataverseEmulator emulator;
    private static TestClient api;
    private static List<JsonNode> contacts;

    @BeforeAll
    static void start() {
        emulator = DataverseEmulator.builder().environment("crm", "demo").start();
        api = TestClient.of(emulator, "crm");
        contacts = rows(api.get("contacts").json());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static List<JsonNode> rows(JsonNode page) {
        List<JsonNode> rows = new ArrayList<>();
        page.get("value").forEach(rows::add);
        return rows;
    }

    private static Set<String> ids(List<JsonNode> rows, String key) {
        Set<String> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.get(key).asText()));
        return ids;
    }

    private static Set<String> expected(Predicate<JsonNode> predicate) {
        return ids(contacts.stream().filter(predicate).toList(), "contactid");
    }

    private static Set<String> filtered(String filter) {
        TestClient.Response response = api.get("contacts?$select=fullname&$filter=" + filter.replace(" ", "%20"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return ids(rows(response.json()), "contactid");
    }

    @Test
    void aCollectionHasItsContextEtagsAndAllColumnsWithoutSelect() {
        assertThat(contacts).hasSize(1500);
        JsonNode first = contacts.get(0);
        assertThat(first.get("@odata.etag").asText()).matches("W/\"\\d+\"");
        assertThat(first.has("_parentcustomerid_value")).isTrue();
        assertThat(first.has("_ownerid_value")).isTrue();
        assertThat(first.has("parentcustomerid")).isFalse();
        TestClient.Response selected = api.get("contacts?$select=fullname,emailaddress1&$top=3");
        assertThat(selected.json().get("@odata.context").asText())
                .isEqualTo(api.root() + "$metadata#contacts(fullname,emailaddress1)");
        JsonNode row = selected.json().get("value").get(0);
        List<String> names = new ArrayList<>();
        row.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("@odata.etag", "fullname", "emailaddress1", "contactid");
        assertThat(selected.json().get("value")).hasSize(3);
        assertThat(selected.header("OData-Version")).isEqualTo("4.0");
        assertThat(selected.header("x-ms-dop-hint")).isEqualTo("8");
    }

    @Test
    void filtersCompareCombineAndSearchText() {
        JsonNode sample = contacts.get(42);
        String last = sample.get("lastname").asText();
        assertThat(filtered("lastname eq '" + last.toUpperCase() + "'"))
                .isEqualTo(expected(c -> c.get("lastname").asText().equalsIgnoreCase(last))).isNotEmpty();
        assertThat(filtered("lastname ne '" + last + "'"))
                .isEqualTo(expected(c -> !c.get("lastname").asText().equalsIgnoreCase(last)));
        assertThat(filtered("contains(emailaddress1,'.adams') and gendercode eq 2"))
                .isEqualTo(expected(c -> c.get("emailaddress1").asText().contains(".adams") && c.get("gendercode").asInt() == 2));
        assertThat(filtered("startswith(firstname,'A') or endswith(lastname,'en')"))
                .isEqualTo(expected(c -> c.get("firstname").asText().startsWith("A") || c.get("lastname").asText().endsWith("en")));
        assertThat(filtered("not (gendercode eq 1) and (donotemail eq true or creditlimit gt 100000)"))
                .isEqualTo(expected(c -> c.get("gendercode").asInt() != 1 && (c.get("donotemail").asBoolean()
                        || (!c.get("creditlimit").isNull() && c.get("creditlimit").asDouble() > 100000))));
        assertThat(filtered("creditlimit ge 50000 and creditlimit le 60000"))
                .isEqualTo(expected(c -> !c.get("creditlimit").isNull() && c.get("creditlimit").asDouble() >= 50000
                        && c.get("creditlimit").asDouble() <= 60000));
        assertThat(filtered("mobilephone eq null")).isEqualTo(expected(c -> c.get("mobilephone").isNull()));
        assertThat(filtered("birthdate lt 1960-01-01"))
                .isEqualTo(expected(c -> c.get("birthdate").asText().compareTo("1960-01-01") < 0));
        assertThat(filtered("createdon gt 2023-06-01T00:00:00Z"))
                .isEqualTo(expected(c -> Instant.parse(c.get("createdon").asText()).isAfter(Instant.parse("2023-06-01T00:00:00Z"))));
        String parent = sample.get("_parentcustomerid_value").asText();
        assertThat(filtered("_parentcustomerid_value eq " + parent))
                .isEqualTo(expected(c -> parent.equals(c.get("_parentcustomerid_value").asText()))).isNotEmpty();
        String id = sample.get("contactid").asText();
        assertThat(filtered("contactid eq " + id)).containsExactly(id);
        assertThat(filtered("parentcustomerid_account/name eq 'nobody at all'")).isEmpty();
        assertThat(api.get("contacts?$filter=@p1%20eq%20@p2&@p1=lastname&@p2='" + last + "'").json().get("value"))
                .hasSize(expected(c -> c.get("lastname").asText().equalsIgnoreCase(last)).size());
    }

    @Test
    void orderByTopAndCount() {
        JsonNode page = api.get("accounts?$select=name,revenue&$orderby=revenue%20desc,name&$top=5&$count=true").json();
        List<Double> revenues = new ArrayList<>();
        page.get("value").forEach(r -> revenues.add(r.get("revenue").asDouble()));
        assertThat(revenues).hasSize(5).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(page.get("@odata.count").asInt()).isEqualTo(Integer.parseInt(api.get("accounts/$count").body()))
                .isGreaterThanOrEqualTo(500);
        assertThat(page.has("@odata.nextLink")).isFalse();
        TestClient.Response count = api.get("contacts/$count");
        assertThat(count.body()).isEqualTo("1500");
        assertThat(api.get("tasks/$count").body()).isEqualTo("1500");
        assertThat(api.get("contacts?$count=true&$top=1").json().get("@odata.count").asInt()).isEqualTo(1500);
    }

    @Test
    void expandFollowsLookupsAndCollections() {
        JsonNode account = api.get("accounts?$select=name&$top=1&$filter=_primarycontactid_value%20ne%20null&$expand=primarycontactid($select=fullname),"
                + "contact_customer_accounts($select=fullname;$orderby=fullname),Account_Tasks($select=subject;$top=2)")
                .json().get("value").get(0);
        assertThat(account.get("primarycontactid").get("fullname").asText()).isNotBlank();
        assertThat(account.get("primarycontactid").has("@odata.etag")).isTrue();
        String accountId = account.get("accountid").asText();
        long children = contacts.stream().filter(c -> accountId.equals(c.get("_parentcustomerid_value").asText())).count();
        assertThat(account.get("contact_customer_accounts")).hasSize((int) children);
        assertThat(account.get("Account_Tasks").size()).isLessThanOrEqualTo(2);
        JsonNode project = api.get("dvm_projects?$top=1&$select=dvm_name&$expand=dvm_project_contact($select=fullname),"
                + "dvm_AccountId($select=name)").json().get("value").get(0);
        assertThat(project.get("dvm_project_contact").size()).isBetween(1, 5);
        assertThat(project.get("dvm_AccountId").get("name").asText()).isNotBlank();
        JsonNode reference = api.get("accounts?$select=name&$top=1&$filter=_primarycontactid_value%20ne%20null&$expand=primarycontactid/$ref").json().get("value").get(0);
        assertThat(reference.get("primarycontactid").get("@odata.id").asText()).startsWith(api.root() + "contacts(");
        TestClient.Response refOnCollection = api.get("accounts?$expand=Account_Tasks/$ref");
        assertThat(refOnCollection.status()).isEqualTo(400);
        assertThat(refOnCollection.errorCode()).isEqualTo("0x80060888");
    }

    @Test
    void annotationsComeOnlyWhenAsked() {
        JsonNode plain = api.get("contacts?$select=gendercode,_parentcustomerid_value&$top=1").json().get("value").get(0);
        assertThat(plain.has("gendercode@OData.Community.Display.V1.FormattedValue")).isFalse();
        TestClient.Response annotated = api.get("contacts?$select=gendercode,_parentcustomerid_value,_ownerid_value&$top=1",
                "Prefer", "odata.include-annotations=\"*\"");
        JsonNode row = annotated.json().get("value").get(0);
        assertThat(row.get("gendercode@OData.Community.Display.V1.FormattedValue").asText()).isIn("Male", "Female");
        assertThat(row.get("_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname").asText()).isEqualTo("account");
        assertThat(row.get("_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty").asText())
                .isEqualTo("parentcustomerid_account");
        assertThat(row.get("_ownerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty").asText()).isEqualTo("ownerid");
        assertThat(row.get("_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname").asText()).isIn("systemuser", "team");
        assertThat(row.get("_parentcustomerid_value@OData.Community.Display.V1.FormattedValue").asText()).isNotBlank();
        assertThat(annotated.header("Preference-Applied")).isEqualTo("odata.include-annotations=\"*\"");
        JsonNode formattedOnly = api.get("accounts?$select=revenue,_primarycontactid_value&$top=1&$filter=revenue%20ne%20null", "Prefer",
                "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"").json().get("value").get(0);
        assertThat(formattedOnly.get("revenue@OData.Community.Display.V1.FormattedValue").asText()).startsWith("$");
        assertThat(formattedOnly.has("_primarycontactid_value@Microsoft.Dynamics.CRM.lookuplogicalname")).isFalse();
    }

    @Test
    void thePagingExampleOfTheDocs() {
        TestClient.Response first = api.get("contacts?$select=fullname", "Prefer", "odata.maxpagesize=2");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Preference-Applied")).isEqualTo("odata.maxpagesize=2");
        assertThat(first.json().get("@odata.context").asText()).isEqualTo(api.root() + "$metadata#contacts(fullname)");
        assertThat(first.json().get("value")).hasSize(2);
        String next = first.json().get("@odata.nextLink").asText();
        assertThat(next).startsWith(api.root() + "contacts?$select=fullname&$skiptoken=%3Ccookie%20pagenumber=%222%22%20pagingcookie=%22%253ccookie%2520page%253d%25221%2522%253e%253ccontactid%2520last%253d%2522%257b");
        assertThat(next).endsWith("istracking=%22False%22%20/%3E");
        TestClient.Response second = api.get(next, "Prefer", "odata.maxpagesize=2");
        assertThat(second.json().get("value")).hasSize(2);
        assertThat(second.json().get("value").get(0).get("contactid").asText())
                .isEqualTo(contacts.get(2).get("contactid").asText());
        assertThat(second.json().get("@odata.nextLink").asText()).contains("pagenumber=%223%22");
    }

    @Test
    void pagingReadsEveryRowOnceWhileOthersWrite() {
        Set<String> seen = new HashSet<>();
        String next = "accounts?$select=name&$top=3";
        int pages = 0;
        List<String> before = new ArrayList<>(ids(rows(api.get("accounts?$select=name").json()), "accountid"));
        String removed = null;
        while (next != null) {
            TestClient.Response page = api.get(next, "Prefer", "odata.maxpagesize=60");
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            for (JsonNode row : page.json().get("value")) {
                assertThat(seen.add(row.get("accountid").asText())).as("duplicate row").isTrue();
            }
            if (pages++ == 1) {
                for (int i = 0; i < 5; i++) {
                    assertThat(api.post("accounts", Map.of("name", "Written while paging " + i)).status()).isEqualTo(204);
                }
                String lastSeen = page.json().get("value").get(59).get("accountid").asText();
                removed = before.stream().filter(id -> !seen.contains(id) && id.compareTo(lastSeen) != 0)
                        .findFirst().orElseThrow();
                assertThat(api.delete("accounts(" + removed + ")").status()).isEqualTo(204);
            }
            next = page.json().has("@odata.nextLink") ? page.json().get("@odata.nextLink").asText() : null;
        }
        Set<String> survivors = new HashSet<>(before);
        survivors.remove(removed);
        assertThat(seen).containsAll(survivors).doesNotContain(removed);
        assertThat(pages).isGreaterThan(8);
    }

    @Test
    void orderedPagingKeepsItsOrderAcrossPages() {
        List<String> names = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String next = "contacts?$select=lastname&$orderby=lastname%20desc,birthdate";
        while (next != null) {
            JsonNode page = api.get(next, "Prefer", "odata.maxpagesize=250").json();
            for (JsonNode row : page.get("value")) {
                names.add(row.get("lastname").asText());
                assertThat(ids.add(row.get("contactid").asText())).isTrue();
            }
            next = page.has("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
        }
        assertThat(ids).hasSize(1500);
        assertThat(names).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER.reversed());
    }

    @Test
    void singleRowsPropertiesAndNavigation() {
        String id = contacts.get(7).get("contactid").asText();
        TestClient.Response row = api.get("contacts(" + id + ")?$select=fullname");
        assertThat(row.json().get("@odata.context").asText()).isEqualTo(api.root() + "$metadata#contacts(fullname)/$entity");
        String etag = row.json().get("@odata.etag").asText();
        assertThat(api.get("contacts(" + id + ")", "If-None-Match", etag).status()).isEqualTo(304);
        assertThat(api.get("contacts(" + id + ")/fullname").json().get("value").asText())
                .isEqualTo(contacts.get(7).get("fullname").asText());
        TestClient.Response missing = api.get("contacts(00000000-0000-0000-0000-0000000000aa)");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("0x80040217");
        assertThat(missing.errorMessage()).isEqualTo("contact With Id = 00000000-0000-0000-0000-0000000000aa Does Not Exist");
        String account = contacts.get(7).get("_parentcustomerid_value").asText();
        JsonNode children = api.get("accounts(" + account + ")/contact_customer_accounts?$select=fullname").json();
        assertThat(ids(rows(children), "contactid")).contains(id);
        assertThat(api.get("accounts(accountnumber='ACC-00001')?$select=accountnumber").json().get("accountnumber").asText())
                .isEqualTo("ACC-00001");
        assertThat(api.get("accounts(accountid=" + account + ")?$select=name").status()).isEqualTo(200);
        String user = api.get("WhoAmI").json().get("UserId").asText();
        assertThat(api.get("systemusers(" + user + ")?$select=fullname").status()).isEqualTo(200);
        assertThat(api.get("systemusers(systemuserid=" + user + ")").status()).as("principal key").isEqualTo(400);
    }

    @Test
    void retrieveTotalRecordCountIsNotCapped() {
        JsonNode counts = api.get("RetrieveTotalRecordCount(EntityNames=@p)?@p=%5B%22account%22,%22contact%22%5D").json();
        assertThat(counts.get("@odata.context").asText()).endsWith("$metadata#Microsoft.Dynamics.CRM.RetrieveTotalRecordCountResponse");
        JsonNode collection = counts.get("EntityRecordCountCollection");
        assertThat(collection.get("Count").asInt()).isEqualTo(2);
        assertThat(collection.get("Keys").get(1).asText()).isEqualTo("contact");
        assertThat(collection.get("Values").get(1).asLong()).isEqualTo(1500);
        assertThat(api.get("RetrieveTotalRecordCount(EntityNames=%5B'task'%5D)").json().get("EntityRecordCountCollection")
                .get("Values").get(0).asLong()).isGreaterThan(1400);
        assertThat(api.get("RetrieveTotalRecordCount(EntityNames=%5B'nope'%5D)").status()).isEqualTo(400);
    }

    @Test
    void aDefaultJdkClientThatOffersHttp2IsServed() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> response = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(api.root() + "contacts?$select=fullname&$top=2"))
                .header("Authorization", "Bearer " + api.token()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestClient.JSON.readTree(response.body()).get("value")).hasSize(2);
        java.net.http.HttpResponse<String> created = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(api.root() + "accounts")).header("Authorization", "Bearer " + api.token())
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"Over HTTP/2 offer\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(204);
    }

    @Test
    void refusedOptionsAndUnknownNames() {
        TestClient.Response skip = api.get("contacts?$skip=10");
        assertThat(skip.status()).isEqualTo(400);
        assertThat(skip.errorMessage()).contains("$skip");
        TestClient.Response unknown = api.get("contacts?$select=nosuchcolumn");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorMessage()).isEqualTo("Could not find a property named 'nosuchcolumn' on type 'Microsoft.Dynamics.CRM.contact'.");
        assertThat(api.get("nosuchset").status()).isEqualTo(404);
    }

    @Test
    void urlsUpToTheRealServicesLimitAreServed() {
        StringBuilder filter = new StringBuilder("contactid eq 00000000-0000-0000-0000-000000000000");
        while (filter.length() < 20_000) {
            filter.append("%20or%20contactid%20eq%2000000000-0000-0000-0000-000000000000");
        }
        assertThat(api.get("contacts?$select=fullname&$filter=" + filter.toString().replace(" ", "%20")).status())
                .as("a 20 KB URL").isEqualTo(200);
        while (filter.length() < 40_000) {
            filter.append("%20or%20contactid%20eq%2000000000-0000-0000-0000-000000000000");
        }
        assertThat(api.get("contacts?$select=fullname&$filter=" + filter.toString().replace(" ", "%20")).status())
                .as("beyond 32 KB").isEqualTo(414);
    }

    @Test
    void filtersThatNameRowsByIdReturnExactlyThoseRows() throws Exception {
        List<String> three = contacts.subList(0, 3).stream().map(c -> c.get("contactid").asText()).toList();
        String byId = String.join("%20or%20", three.stream().map(id -> "contactid%20eq%20" + id).toList())
                + "%20or%20contactid%20eq%2000000000-0000-0000-0000-00000000beef";
        assertThat(ids(rows(api.get("contacts?$select=contactid&$filter=" + byId).json()), "contactid"))
                .containsExactlyInAnyOrderElementsOf(three);

        String firstName = contacts.get(1).get("firstname").asText().replace("'", "''");
        String narrowed = "(" + byId + ")%20and%20firstname%20eq%20'" + firstName.replace(" ", "%20") + "'";
        assertThat(ids(rows(api.get("contacts?$select=contactid&$filter=" + narrowed).json()), "contactid"))
                .contains(three.get(1)).allMatch(three::contains);

        // accounts with a number: other tests of this class write accounts without one, and any may sort first
        List<JsonNode> accounts = rows(api.get("accounts?$select=accountid,accountnumber"
                + "&$filter=accountnumber%20ne%20null&$top=2").json());
        assertThat(accounts).hasSize(2);
        String byKey = String.join("%20or%20", accounts.stream()
                .map(a -> "accountnumber%20eq%20'" + a.get("accountnumber").asText() + "'").toList());
        assertThat(ids(rows(api.get("accounts?$select=accountid&$filter=" + byKey).json()), "accountid"))
                .containsExactlyInAnyOrderElementsOf(ids(accounts, "accountid"));
    }
}
