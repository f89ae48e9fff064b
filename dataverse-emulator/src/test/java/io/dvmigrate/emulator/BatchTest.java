package io.dvmigrate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nine $batch examples of Microsoft's documentation (realdata/http/msdocs_batch_examples.http), sent as
 * written, answered with the same overall status and the same structure: the same parts, change sets,
 * Content-IDs, part statuses and Location headers.
 */
class BatchTest {
    private static final Path EXAMPLES = RealDataFiles.path("http/msdocs_batch_examples.http");
    private static DataverseEmulator emulator;
    private static TestClient api;
    private static Map<Integer, String> sections;

    @BeforeAll
    static void start() throws IOException {
        emulator = DataverseEmulator.builder().environment("org", "demo-schema").start();
        api = TestClient.of(emulator, "org");
        sections = sections(Files.readString(EXAMPLES));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    /** The text of each example, by number. */
    private static Map<Integer, String> sections(String file) {
        Map<Integer, String> found = new LinkedHashMap<>();
        Matcher matcher = Pattern.compile("### EXAMPLE (\\d+)[^\\n]*\\n#+\\n").matcher(file);
        List<int[]> starts = new ArrayList<>();
        while (matcher.find()) {
            starts.add(new int[] {Integer.parseInt(matcher.group(1)), matcher.end(), matcher.start()});
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1)[2] : file.length();
            found.put(starts.get(i)[0], file.substring(starts.get(i)[1], end));
        }
        return found;
    }

    private record Exchange(String contentType, String prefer, String body, String expected) {
    }

    /** Splits an example into its request (headers, body) and its documented response. */
    private static Exchange exchange(int number) {
        String section = sections.get(number);
        int response = section.indexOf("### --- RESPONSE");
        String request = section.substring(0, response).replace("[Organization Uri]", emulator.environmentUrl("org"))
                .replace("[Organization URI]", emulator.environmentUrl("org"));
        String expected = section.substring(section.indexOf('\n', response) + 1);
        String contentType = null;
        String prefer = null;
        String body = request;
        if (request.startsWith("POST ")) {
            int blank = request.indexOf("\n\n");
            for (String line : request.substring(0, blank).split("\n")) {
                if (line.toLowerCase().startsWith("content-type:")) {
                    contentType = line.substring(line.indexOf(':') + 1).trim();
                }
                if (line.toLowerCase().startsWith("prefer:")) {
                    prefer = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            body = request.substring(blank + 2);
        }
        if (contentType == null) {
            Matcher boundary = Pattern.compile("^--(\\S+)", Pattern.MULTILINE).matcher(body);
            assertThat(boundary.find()).isTrue();
            contentType = "multipart/mixed;boundary=" + boundary.group(1);
        }
        return new Exchange(contentType, prefer, body, expected);
    }

    private static TestClient.Response send(Exchange exchange, boolean crlf) {
        String body = crlf ? exchange.body().replace("\r\n", "\n").replace("\n", "\r\n") : exchange.body();
        return exchange.prefer() == null ? api.post("$batch", body, "Content-Type", exchange.contentType())
                : api.post("$batch", body, "Content-Type", exchange.contentType(), "Prefer", exchange.prefer());
    }

    /** One answered part, or a change set of them. */
    private record Part(int status, String contentId, boolean location, String body, List<Part> changeSet) {
        @Override
        public String toString() {
            return changeSet != null ? "changeset" + changeSet : status + (contentId == null ? "" : "#" + contentId)
                    + (location ? "+Location" : "");
        }
    }

    /** The structure of a multipart/mixed batch response body. */
    private static List<Part> parts(String body) {
        Matcher first = Pattern.compile("^--(\\S+)\\s*$", Pattern.MULTILINE).matcher(body);
        assertThat(first.find()).as("a multipart body: " + body).isTrue();
        return parts(body, first.group(1));
    }

    private static List<Part> parts(String body, String boundary) {
        List<Part> parts = new ArrayList<>();
        String[] chunks = body.replace("\r\n", "\n").split("--" + Pattern.quote(boundary));
        for (String chunk : chunks) {
            String trimmed = chunk.strip();
            if (trimmed.startsWith("--")) {
                break;
            }
            if (trimmed.isEmpty()) {
                continue;
            }
            Matcher nested = Pattern.compile("Content-Type: multipart/mixed; ?boundary=(\\S+)").matcher(trimmed);
            if (nested.find() && trimmed.indexOf("HTTP/1.1") > trimmed.indexOf(nested.group(1)) + nested.group(1).length()
                    && trimmed.startsWith("Content-Type: multipart/mixed")) {
                parts.add(new Part(0, null, false, null, parts(trimmed.substring(nested.end()), nested.group(1))));
                continue;
            }
            Matcher status = Pattern.compile("HTTP/1.1 (\\d{3})").matcher(trimmed);
            assertThat(status.find()).as(trimmed).isTrue();
            Matcher contentId = Pattern.compile("(?m)^Content-ID: ?(\\S+)").matcher(trimmed.substring(0, status.start()));
            String afterStatus = trimmed.substring(status.end());
            int bodyStart = afterStatus.indexOf("\n\n");
            String headers = bodyStart < 0 ? afterStatus : afterStatus.substring(0, bodyStart);
            parts.add(new Part(Integer.parseInt(status.group(1)), contentId.find() ? contentId.group(1) : null,
                    headers.contains("\nLocation:"), bodyStart < 0 ? "" : afterStatus.substring(bodyStart).strip(), null));
        }
        return parts;
    }

    private static int documentedStatus(String expected) {
        Matcher matcher = Pattern.compile("HTTP(?:/1.1)? (\\d{3})").matcher(expected);
        assertThat(matcher.find()).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private static TestClient.Response answersLikeTheDocs(int number, boolean crlf) {
        Exchange exchange = exchange(number);
        TestClient.Response response = send(exchange, crlf);
        assertThat(response.status()).as("example " + number + ": " + response.body()).isEqualTo(documentedStatus(exchange.expected()));
        assertThat(response.header("Content-Type")).startsWith("multipart/mixed; boundary=batchresponse_");
        assertThat(response.body()).startsWith("--batchresponse_");
        if (!exchange.expected().contains("--batchresponse_")) {
            return response;
        }
        String expectedBody = exchange.expected().substring(exchange.expected().indexOf("--batchresponse_"));
        assertThat(parts(response.body()).toString()).as("example " + number).isEqualTo(parts(expectedBody).toString());
        if (response.body().contains("--changesetresponse_")) {
            assertThat(response.body()).containsPattern("Content-Type: multipart/mixed; boundary=changesetresponse_[0-9a-f-]{36}");
        }
        return response;
    }

    private static void givenTheAccountTheExamplesReferTo() {
        if (api.get("accounts(00000000-0000-0000-0000-000000000001)").status() == 404) {
            assertThat(api.post("accounts", Map.of("accountid", "00000000-0000-0000-0000-000000000001",
                    "name", "Account of the batch examples")).status()).isEqualTo(204);
        }
    }

    @Test
    void example1ABatchWithoutChangeSetCreatesThenReads() {
        givenTheAccountTheExamplesReferTo();
        TestClient.Response response = answersLikeTheDocs(1, true);
        List<Part> parts = parts(response.body());
        JsonNode tasks = TestClient.JSON.valueToTree(read(parts.get(3).body()));
        assertThat(tasks.get("@odata.context").asText()).endsWith("$metadata#tasks(subject)");
        List<String> subjects = new ArrayList<>();
        tasks.get("value").forEach(t -> subjects.add(t.get("subject").asText()));
        assertThat(subjects).contains("Task 1 in batch", "Task 2 in batch", "Task 3 in batch");
    }

    @Test
    void example2AChangeSetAndAGetOutsideIt() {
        givenTheAccountTheExamplesReferTo();
        answersLikeTheDocs(2, false);
    }

    @Test
    void example3ContentIdsInBodies() {
        TestClient.Response response = answersLikeTheDocs(3, true);
        String account = parts(response.body()).get(0).changeSet().get(2).body();
        assertThat(account).isEmpty();
        JsonNode created = api.get("accounts?$filter=name%20eq%20'IcM%20Account'&$select=_originatingleadid_value,_primarycontactid_value")
                .json().get("value").get(0);
        assertThat(created.get("_originatingleadid_value").isNull()).isFalse();
        assertThat(created.get("_primarycontactid_value").isNull()).isFalse();
    }

    @Test
    void example4AContentIdInAUrl() {
        answersLikeTheDocs(4, true);
        assertThat(api.get("contacts?$filter=lastname%20eq%20'BBBBB'").json().get("value")).hasSize(1);
    }

    @Test
    void example5AContentIdInARefBody() {
        answersLikeTheDocs(5, true);
        JsonNode account = api.get("accounts?$filter=name%20eq%20'Account%20Name'&$select=_primarycontactid_value")
                .json().get("value").get(0);
        assertThat(account.get("_primarycontactid_value").isNull()).isFalse();
    }

    @Test
    void example6PatchOfAContentId() {
        answersLikeTheDocs(6, true);
    }

    @Test
    void example7AReferenceBeforeItsDeclarationFails() {
        long accounts = api.get("accounts/$count").body().length();
        TestClient.Response response = answersLikeTheDocs(7, true);
        assertThat(response.body()).contains("Content-ID Reference: '$1' does not exist in the batch context.");
        assertThat(api.get("accounts?$filter=name%20eq%20'QQQQ'").json().get("value")).isEmpty();
        assertThat(api.get("accounts/$count").body().length()).isEqualTo(accounts);
    }

    @Test
    void example8StopsAtTheFirstError() {
        givenTheAccountTheExamplesReferTo();
        int before = Integer.parseInt(api.get("tasks/$count").body());
        TestClient.Response response = answersLikeTheDocs(8, true);
        Part failure = parts(response.body()).get(0);
        assertThat(failure.body()).isEqualTo("{\"error\":{\"code\":\"0x80044331\",\"message\":\"A validation error occurred.  "
                + "The length of the 'subject' attribute of the 'task' entity exceeded the maximum allowed length of '200'.\"}}");
        assertThat(response.body()).contains("REQ_ID: ");
        assertThat(Integer.parseInt(api.get("tasks/$count").body())).isEqualTo(before);
    }

    @Test
    void example9ContinuesOnError() {
        givenTheAccountTheExamplesReferTo();
        Exchange eight = exchange(8);
        String boundary = "batch_662d4610-7f12-4895-ac4a-3fdf77cc10a1";
        Exchange nine = new Exchange("multipart/mixed; boundary=\"" + boundary + "\"", "odata.continue-on-error",
                eight.body().replace("batch_431faf5a-f979-4ee6-a374-d242f8962d41", boundary), exchange(9).expected());
        int before = Integer.parseInt(api.get("tasks/$count").body());
        TestClient.Response response = send(nine, true);
        assertThat(response.status()).isEqualTo(documentedStatus(nine.expected()));
        String expectedBody = nine.expected().substring(nine.expected().indexOf("--batchresponse_"));
        assertThat(parts(response.body()).toString()).isEqualTo(parts(expectedBody).toString());
        assertThat(Integer.parseInt(api.get("tasks/$count").body())).isEqualTo(before + 2);
    }

    @Test
    void aFailingChangeSetRollsBackEveryPart() {
        String boundary = "batch_rollback";
        String changeSet = "changeset_rollback";
        String body = "--" + boundary + "\r\nContent-Type: multipart/mixed; boundary=" + changeSet + "\r\n\r\n"
                + "--" + changeSet + "\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n"
                + "POST /api/data/v9.2/accounts HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"name\":\"Rolled back\"}\r\n"
                + "--" + changeSet + "\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\n"
                + "POST /api/data/v9.2/accounts HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"name\":\"x\",\"nope\":1}\r\n"
                + "--" + changeSet + "--\r\n--" + boundary + "--\r\n";
        TestClient.Response response = api.post("$batch", body, "Content-Type", "multipart/mixed; boundary=" + boundary,
                "Prefer", "odata.continue-on-error");
        assertThat(response.status()).isEqualTo(200);
        List<Part> parts = parts(response.body());
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).status()).isEqualTo(400);
        assertThat(parts.get(0).contentId()).isEqualTo("2");
        assertThat(api.get("accounts?$filter=name%20eq%20'Rolled%20back'").json().get("value")).isEmpty();
    }

    private static Object read(String json) {
        try {
            return TestClient.JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(json, e);
        }
    }
}
