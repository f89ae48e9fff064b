package io.dvmigrate.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.dvmigrate.contracts.ErrorInfo;
import io.dvmigrate.dataverse.error.CredentialsRejected;
import io.dvmigrate.dataverse.error.DataverseError;
import io.dvmigrate.dataverse.error.RequestFailed;
import io.dvmigrate.dataverse.error.RequestLine;
import io.dvmigrate.dataverse.error.SecretUnavailable;
import io.dvmigrate.dataverse.error.ServiceUnreachable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The errors users read in run events and dead letters, from what the client and the stages throw. */
class FailuresTest {
    private static final RequestLine READ = new RequestLine("GET",
            URI.create("https://contoso.crm4.dynamics.com/api/data/v9.2/accounts?$select=name"));

    @Test
    void refusedCredentialsAndAnUnavailableSecretAreBothForTheUserToFix() {
        ErrorInfo rejected = Failures.of(new CredentialsRejected("target", "dvm-app", "AADSTS7000215: Invalid client secret",
                null));
        ErrorInfo unavailable = Failures.of(new SecretUnavailable("target", "environment variable DVM_SECRET is not set",
                null));

        assertThat(rejected).isEqualTo(new ErrorInfo(ErrorInfo.Kind.CREDENTIALS, 401, null,
                "Credentials of application dvm-app were rejected for environment 'target': AADSTS7000215: Invalid client secret"));
        assertThat(unavailable).isEqualTo(new ErrorInfo(ErrorInfo.Kind.CREDENTIALS, 0, null,
                "Secret for environment 'target' is unavailable: environment variable DVM_SECRET is not set"));
    }

    @Test
    void anUnreachableEnvironmentNamesTheUrl() {
        ErrorInfo error = Failures.of(new ServiceUnreachable("source", URI.create("https://contoso.crm4.dynamics.com/"),
                "connection refused after 5 attempts", new ConnectException("Connection refused")));

        assertThat(error.kind()).isEqualTo(ErrorInfo.Kind.UNREACHABLE);
        assertThat(error.status()).isZero();
        assertThat(error.message()).contains("https://contoso.crm4.dynamics.com/").contains("connection refused after 5 attempts");
    }

    @Test
    void aRefusedRequestCarriesDataversesStatusCodeAndMessageAndAMissingPrivilegeIsSaidSo() {
        ErrorInfo privilege = Failures.of(new RequestFailed("source", READ, new DataverseError(403, "0x80040220",
                "Principal user (Id=…) is missing prvReadAccount privilege"), 1, List.of()));
        ErrorInfo other = Failures.of(new RequestFailed("source", READ, new DataverseError(400, "0x80048d19",
                "The property 'nme' does not exist on type 'Microsoft.Dynamics.CRM.account'."), 1, List.of()));

        assertThat(privilege).isEqualTo(new ErrorInfo(ErrorInfo.Kind.PRIVILEGE, 403, "0x80040220",
                "Principal user (Id=…) is missing prvReadAccount privilege"));
        assertThat(other).isEqualTo(new ErrorInfo(ErrorInfo.Kind.OTHER, 400, "0x80048d19",
                "The property 'nme' does not exist on type 'Microsoft.Dynamics.CRM.account'."));
    }

    @Test
    void aDataverseFailureIsFoundInsideTheExceptionsThatCarryIt() {
        RequestFailed refused = new RequestFailed("source", READ, new DataverseError(403, "0x80040220", "no read"), 1,
                List.of());

        ErrorInfo error = Failures.of(new CompletionException(new IllegalStateException("reading failed", refused)));

        assertThat(error).isEqualTo(new ErrorInfo(ErrorInfo.Kind.PRIVILEGE, 403, "0x80040220", "no read"));
    }

    @Test
    void anyOtherFailureKeepsWhatEachLayerSaid() {
        ErrorInfo error = Failures.of(new UncheckedIOException("a row of the chunk is not JSON",
                new IOException("Unexpected character ('<' (code 60)) at line 1, column 2")));

        assertThat(error.kind()).isEqualTo(ErrorInfo.Kind.OTHER);
        assertThat(error.status()).isZero();
        assertThat(error.code()).isNull();
        assertThat(error.message()).isEqualTo("a row of the chunk is not JSON: Unexpected character ('<' (code 60)) at line 1,"
                + " column 2");
    }

    @Test
    void aFailureWithoutMessageIsNamedByItsKindNeverAsNull() {
        ErrorInfo error = Failures.of(new IllegalStateException());

        assertThat(error.message()).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void aRowFailureIsTheRowsFaultWithDataversesOwnWords() {
        ErrorInfo error = Failures.ofRow(new DataverseError(400, "0x80044331",
                "A validation error occurred. The length of the 'name' attribute of the 'account' entity exceeded the"
                        + " maximum allowed length of '160'."));

        assertThat(error.kind()).isEqualTo(ErrorInfo.Kind.ROW);
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.code()).isEqualTo("0x80044331");
        assertThat(error.message()).contains("'name'").contains("'160'");
    }
}
