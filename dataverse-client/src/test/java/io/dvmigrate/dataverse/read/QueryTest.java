package io.dvmigrate.dataverse.read;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryTest {

    private static final URI ROOT = URI.create("https://contoso.crm4.dynamics.com/api/data/v9.2/");

    @Test
    void buildsTheDocumentedQueryOptionsEncodingOnlyWhatAUrlCannotCarry() {
        Query query = Query.of("contacts")
                .select("fullname", "_parentcustomerid_value")
                .filter("contains(fullname,'A&B') and statecode eq 0")
                .expandLookup("parentcustomerid_account", "accountnumber")
                .orderBy("contactid")
                .annotations("Microsoft.Dynamics.CRM.lookuplogicalname", "OData.Community.Display.V1.FormattedValue")
                .pageSize(2500);

        assertThat(query.uri(ROOT).toString()).isEqualTo("https://contoso.crm4.dynamics.com/api/data/v9.2/contacts"
                + "?$select=fullname,_parentcustomerid_value"
                + "&$filter=contains(fullname,'A%26B')%20and%20statecode%20eq%200"
                + "&$orderby=contactid"
                + "&$expand=parentcustomerid_account($select=accountnumber)");
        assertThat(query.headers()).containsEntry("Prefer", "odata.maxpagesize=2500,odata.include-annotations="
                + "\"Microsoft.Dynamics.CRM.lookuplogicalname,OData.Community.Display.V1.FormattedValue\"");
    }

    @Test
    void changeTrackingAsksForTheDeltaLinkAndRefusesWhatDataverseRefuses() {
        Query tracked = Query.of("accounts").select("name").trackChanges();

        assertThat(tracked.headers().get("Prefer")).isEqualTo("odata.maxpagesize=5000,odata.track-changes");
        assertThatThrownBy(() -> Query.of("accounts").filter("statecode eq 0").trackChanges())
                .hasMessage("The \"$filter\" query parameter isn't supported when Change Tracking is enabled.");
    }

    @Test
    void resumesFromALinkVerbatimAndKeepsTrackingForDeltaLinks() {
        String next = "https://contoso.crm4.dynamics.com/api/data/v9.2/contacts?$select=fullname&$skiptoken=%3Ccookie%20pagenumber=%222%22%20/%3E";
        assertThat(Query.resume(next).uri(ROOT).toString()).isEqualTo(next);

        String delta = "https://contoso.crm4.dynamics.com/api/data/v9.2/accounts?$select=name&$deltatoken=919058%2108%2f22%2f2017";
        assertThat(Query.resume(delta).headers().get("Prefer")).contains("odata.track-changes");
    }

    @Test
    void aLinkWithCharactersAUriCannotHoldIsEncodedOnlyThere() {
        assertThat(QueryEncoding.link("https://h/x?$filter=name eq 'a b'&$skiptoken=%3C").toString())
                .isEqualTo("https://h/x?$filter=name%20eq%20'a%20b'&$skiptoken=%3C");
    }

    @Test
    void refusesPageSizesDataverseRefuses() {
        assertThatThrownBy(() -> Query.of("accounts").pageSize(5001)).hasMessageContaining("1 to 5000");
        assertThatThrownBy(() -> Query.of("accounts?$top=1")).hasMessageContaining("entity set name");
    }
}
