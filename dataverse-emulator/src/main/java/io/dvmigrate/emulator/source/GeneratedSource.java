package io.dvmigrate.emulator.source;

import io.dvmigrate.emulator.data.Ref;
import io.dvmigrate.emulator.environment.Environment;
import io.dvmigrate.emulator.environment.Ids;
import io.dvmigrate.emulator.environment.Seeder;
import io.dvmigrate.emulator.schema.Schema;
import io.dvmigrate.emulator.schema.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * {@code generated:N}: the benchmark schema (README) with N rows in dvm_benchrecord, one category per thousand
 * records (at least one) and one detail per ten records. Row {@code i} of a table is a pure function of {@code i},
 * so any row can be recomputed, and generating a million rows takes seconds.
 */
final class GeneratedSource implements EnvironmentSource {
    private static final String SEED = "generated";
    private static final Instant EPOCH = LocalDate.of(2024, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

    private final long records;

    GeneratedSource(long records) {
        this.records = records;
    }

    @Override
    public void define(Schema schema) {
        JsonDocument.resource("generated.json").define(schema);
    }

    @Override
    public void populate(Environment environment, Seeder seeder) {
        if (records == 0) {
            return;
        }
        long categories = Math.max(1, records / 1000);
        Schema schema = environment.schema();
        Ref owner = new Ref("systemuser", environment.ids().admin());
        Table category = schema.requireTable("dvm_benchcategory");
        for (long i = 0; i < categories; i++) {
            Object[] values = new Object[category.width()];
            set(category, values, "dvm_benchcategoryid", id("dvm_benchcategory", i));
            set(category, values, "dvm_name", "Category " + (i + 1));
            set(category, values, "dvm_code", "CAT-" + padded(i + 1, 6));
            set(category, values, "dvm_description", "Benchmark category number " + (i + 1) + ".");
            set(category, values, "ownerid", owner);
            seeder.insert(category, values);
        }
        Table record = schema.requireTable("dvm_benchrecord");
        Ref currency = new Ref("transactioncurrency", environment.ids().baseCurrency());
        Columns columns = new Columns(record);
        Ref[] categoryRefs = new Ref[(int) categories];
        for (int i = 0; i < categoryRefs.length; i++) {
            categoryRefs[i] = new Ref("dvm_benchcategory", id("dvm_benchcategory", i));
        }
        for (long i = 0; i < records; i++) {
            seeder.insert(record, record(columns, i, categoryRefs, owner, currency));
        }
        Table detail = schema.requireTable("dvm_benchdetail");
        for (long i = 0; i < records / 10; i++) {
            SplittableRandom random = new SplittableRandom(i * 31 + 7);
            Object[] values = new Object[detail.width()];
            set(detail, values, "dvm_benchdetailid", id("dvm_benchdetail", i));
            set(detail, values, "dvm_name", "Detail " + (i + 1));
            set(detail, values, "dvm_recordid", new Ref("dvm_benchrecord", id("dvm_benchrecord", i * 10)));
            set(detail, values, "dvm_value", BigDecimal.valueOf(random.nextLong(1_000_000), 2));
            set(detail, values, "dvm_note", "Note for record " + (i * 10 + 1));
            set(detail, values, "ownerid", owner);
            seeder.insert(detail, values);
        }
    }

    /** The ordinals of dvm_benchrecord, looked up once. */
    private record Columns(int id, int name, int code, int description, int quantity, int amount, int ratio,
                           int weight, int active, int eventDate, int dueDate, int status, int category, int email,
                           int phone, int city, int owner, int currency, int width) {
        Columns(Table t) {
            this(o(t, "dvm_benchrecordid"), o(t, "dvm_name"), o(t, "dvm_code"), o(t, "dvm_description"),
                    o(t, "dvm_quantity"), o(t, "dvm_amount"), o(t, "dvm_ratio"), o(t, "dvm_weight"),
                    o(t, "dvm_active"), o(t, "dvm_eventdate"), o(t, "dvm_duedate"), o(t, "dvm_status"),
                    o(t, "dvm_categoryid"), o(t, "dvm_email"), o(t, "dvm_phone"), o(t, "dvm_city"), o(t, "ownerid"),
                    o(t, "transactioncurrencyid"), t.width());
        }

        private static int o(Table table, String column) {
            return table.requireColumn(column).ordinal();
        }
    }

    private static Object[] record(Columns c, long i, Ref[] categories, Ref owner, Ref currency) {
        SplittableRandom random = new SplittableRandom(i * 1_000_003 + 17);
        Object[] values = new Object[c.width()];
        String city = SampleText.CITIES[random.nextInt(SampleText.CITIES.length)];
        values[c.id()] = id("dvm_benchrecord", i);
        values[c.name()] = "Record " + (i + 1) + " " + SampleText.COMPANY_WORDS[random.nextInt(SampleText.COMPANY_WORDS.length)];
        values[c.code()] = "REC-" + padded(i + 1, 9);
        values[c.description()] = description(random, i);
        values[c.quantity()] = random.nextInt(100_000);
        values[c.amount()] = BigDecimal.valueOf(random.nextLong(100_000_000L), 2);
        values[c.ratio()] = random.nextInt(1_000_000) / 1000.0;
        values[c.weight()] = BigDecimal.valueOf(random.nextLong(10_000_000L), 4);
        values[c.active()] = random.nextInt(10) < 8;
        values[c.eventDate()] = EPOCH.plusSeconds(random.nextLong(2L * 365 * 24 * 3600));
        values[c.dueDate()] = EPOCH.plusSeconds(86_400L * random.nextInt(730));
        values[c.status()] = 100_000_000 + random.nextInt(4);
        values[c.category()] = categories[(int) (i % categories.length)];
        values[c.email()] = "record" + (i + 1) + "@" + city.toLowerCase() + ".example";
        values[c.phone()] = "+1 555 " + padded(random.nextInt(1000), 3) + " " + padded(random.nextInt(10_000), 4);
        values[c.city()] = city;
        values[c.owner()] = owner;
        values[c.currency()] = currency;
        return values;
    }

    private static String description(SplittableRandom random, long i) {
        StringBuilder text = new StringBuilder(160).append("Generated record ").append(i + 1).append(':');
        int words = 14 + random.nextInt(8);
        for (int w = 0; w < words; w++) {
            text.append(' ').append(SampleText.WORDS[random.nextInt(SampleText.WORDS.length)]);
        }
        return text.append('.').toString();
    }

    /** {@code value} with leading zeros to {@code width} digits. */
    static String padded(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static void set(Table table, Object[] values, String column, Object value) {
        values[table.requireColumn(column).ordinal()] = value;
    }

    /** The id of the {@code index}-th generated row of {@code table}. */
    static UUID id(String table, long index) {
        return Ids.sequential(SEED, table, index);
    }
}
