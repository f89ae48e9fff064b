package io.dvmigrate.dataverse.it;

import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.dataverse.read.JsonRow;
import io.dvmigrate.dataverse.read.Page;
import io.dvmigrate.dataverse.read.Query;
import io.dvmigrate.dataverse.write.TableRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Rows of the emulator's benchmark table {@code dvm_benchrecord} in the Web API's JSON form, and reading them back. */
public final class BenchRows {

    public static final TableRef RECORDS = new TableRef("dvm_benchrecord", "dvm_benchrecords", "dvm_benchrecordid");

    private BenchRows() {
    }

    /** {@code count} rows with fresh ids, codes {@code <prefix>-000001…}. */
    public static List<JsonRow> rows(String prefix, int count) {
        List<JsonRow> rows = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            rows.add(row(UUID.randomUUID(), prefix, i, "Row " + i + " of " + prefix));
        }
        return rows;
    }

    public static JsonRow row(UUID id, String prefix, int number, String name) {
        return JsonRow.of("{\"dvm_benchrecordid\":\"" + id + "\",\"dvm_name\":\"" + name + "\",\"dvm_code\":\""
                + code(prefix, number) + "\",\"dvm_quantity\":" + number + ",\"dvm_amount\":" + number + ".25"
                + ",\"dvm_active\":true,\"dvm_status\":100000001,\"dvm_email\":\"row" + number + "@example.com\"}");
    }

    public static String code(String prefix, int number) {
        return String.format("%s-%06d", prefix, number);
    }

    /** Every row whose code starts with {@code prefix-}, by id (a duplicate id would fail the map's contract check). */
    public static Map<String, JsonRow> readBack(DataverseClient client, String prefix) {
        Map<String, JsonRow> byId = new HashMap<>();
        for (Page page : client.read(Query.of(RECORDS.entitySetName())
                .select("dvm_benchrecordid", "dvm_name", "dvm_code", "dvm_quantity")
                .filter("startswith(dvm_code,'" + prefix + "-')"))) {
            for (JsonRow row : page.rows()) {
                JsonRow previous = byId.put(row.id("dvm_benchrecordid").orElseThrow(), row);
                if (previous != null) {
                    throw new AssertionError("row read twice: " + row);
                }
            }
        }
        return byId;
    }

    public static List<String> ids(List<JsonRow> rows) {
        return rows.stream().map(r -> r.id(RECORDS.primaryIdAttribute()).orElseThrow()).toList();
    }
}
