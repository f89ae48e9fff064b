package io.dvmigrate.dataverse.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvmigrate.dataverse.error.DataverseError;
import io.dvmigrate.dataverse.http.ApiRequest;
import io.dvmigrate.dataverse.http.ApiResponse;
import io.dvmigrate.dataverse.http.Transport;
import io.dvmigrate.dataverse.read.QueryEncoding;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Whether a table accepts the bulk messages. Asked once per table through {@code sdkmessagefilters} (the documented
 * check: {@code CreateMultiple} registered for the table; {@code UpsertMultiple} is available wherever it is). When
 * that query cannot be answered the client assumes support and learns otherwise from the first bulk request that
 * Dataverse refuses as unsupported.
 */
final class BulkSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transport transport;
    private final Map<String, FutureTask<Boolean>> known = new ConcurrentHashMap<>();

    BulkSupport(Transport transport) {
        this.transport = transport;
    }

    /** Asks once per table, however many threads want to know at the same moment; the others wait for the answer. */
    boolean supports(TableRef table) {
        FutureTask<Boolean> question = new FutureTask<>(() -> ask(table.logicalName()));
        FutureTask<Boolean> asked = known.putIfAbsent(table.logicalName(), question);
        if (asked == null) {
            asked = question;
            question.run();
        }
        try {
            return asked.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking whether " + table.logicalName() + " has bulk messages", e);
        } catch (ExecutionException e) {
            known.remove(table.logicalName(), asked);
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    void unsupported(TableRef table) {
        FutureTask<Boolean> no = new FutureTask<>(() -> false);
        no.run();
        known.put(table.logicalName(), no);
    }

    /**
     * Dataverse's answers to a bulk message the table does not have: "The 'UpsertMultiple' method does not support
     * entities of type 'x'. MessageProcessorCache returned MessageProcessor.Empty." (0x80040315), or, on an
     * organisation without the action at all, a 404 for the action's URL segment.
     */
    static boolean isUnsupported(DataverseError error) {
        String message = error.message();
        return message.contains("does not support entities of type")
                || error.status() == 404 && message.contains("segment 'Microsoft.Dynamics.CRM.")
                || error.status() == 501;
    }

    private boolean ask(String logicalName) {
        String filter = "sdkmessageid/name eq 'CreateMultiple' and primaryobjecttypecode eq '" + logicalName.replace("'", "''") + "'";
        ApiResponse response = transport.send(ApiRequest.get(transport.settings().serviceRoot()
                .resolve("sdkmessagefilters?$select=sdkmessagefilterid&$filter=" + QueryEncoding.value(filter)), Map.of()));
        if (!response.isSuccess()) {
            return true;
        }
        try {
            return JSON.readTree(response.body()).path("value").size() > 0;
        } catch (IOException e) {
            return true;
        }
    }
}
