package io.dvmigrate.emulator.source;

import io.dvmigrate.emulator.data.Ref;
import io.dvmigrate.emulator.environment.Environment;
import io.dvmigrate.emulator.environment.Ids;
import io.dvmigrate.emulator.environment.Seeder;
import io.dvmigrate.emulator.environment.SystemIds;
import io.dvmigrate.emulator.schema.ManyToMany;
import io.dvmigrate.emulator.schema.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * {@code demo}, {@code demo:N} and {@code demo-schema}: a small CRM (accounts, contacts, leads, opportunities,
 * tasks, phone calls and a custom project table related to contacts N:N), owned by Contoso's staff. Both forms
 * have the staff users (same domain names, ids of their own environment), a second business unit, a sales team and
 * a EUR currency; only {@code demo} has the CRM rows. Rows are deterministic: their ids and values do not depend on
 * the environment's name, only their owners do.
 */
final class DemoSource implements EnvironmentSource {
    /** The staff users: domain name, first name, last name, title; the first three are in the root business unit. */
    static final List<String[]> STAFF = List.of(
            new String[] {"alice@contoso.example", "Alice", "Adams", "Sales Manager"},
            new String[] {"bob@contoso.example", "Bob", "Baker", "Account Executive"},
            new String[] {"carol@contoso.example", "Carol", "Chen", "Account Executive"},
            new String[] {"dave@contoso.example", "Dave", "Diaz", "Sales Representative"},
            new String[] {"erin@contoso.example", "Erin", "Evans", "Support Engineer"},
            new String[] {"frank@contoso.example", "Frank", "Fischer", "Marketing Lead"});
    static final String SALES_TEAM = "Contoso Sales";
    static final String WEST_BUSINESS_UNIT = "Contoso West";
    private static final String SEED = "demo";
    private static final double BASE_ROWS = 4800;
    private static final Instant EPOCH = LocalDate.of(2023, 1, 2).atStartOfDay().toInstant(ZoneOffset.UTC);

    private final long size;
    private final boolean withRows;

    DemoSource(long size, boolean withRows) {
        this.size = size;
        this.withRows = withRows;
    }

    @Override
    public void define(Schema schema) {
        JsonDocument.resource("demo.json").define(schema);
    }

    @Override
    public void populate(Environment environment, Seeder seeder) {
        String name = environment.name();
        SystemRows system = new SystemRows(environment, seeder);
        UUID west = Ids.of(name, "businessunit", WEST_BUSINESS_UNIT);
        system.insert("businessunit", west, Map.of("name", WEST_BUSINESS_UNIT,
                "parentbusinessunitid", new Ref("businessunit", environment.ids().rootBusinessUnit())));
        system.insert("team", Ids.of(name, "team", SALES_TEAM), Map.of("name", SALES_TEAM,
                "businessunitid", new Ref("businessunit", environment.ids().rootBusinessUnit()), "teamtype", 0,
                "isdefault", false));
        for (int i = 0; i < STAFF.size(); i++) {
            String[] person = STAFF.get(i);
            system.user(SystemIds.staffUser(name, person[0]), person[1], person[2], person[0],
                    i < 3 ? environment.ids().rootBusinessUnit() : west, 0);
        }
        system.currency(Ids.of(name, "transactioncurrency", "EUR"), "Euro", "EUR", "€", new BigDecimal("0.92"));
        if (withRows) {
            new Rows(environment, seeder).generate();
        }
    }

    private int count(int base) {
        if (size < 0) {
            return base;
        }
        return (int) Math.max(size == 0 ? 0 : 1, Math.round(base * size / BASE_ROWS));
    }

    /** Generates the CRM rows; one seeded random source per table keeps each table's values stable. */
    private final class Rows {
        private final Environment environment;
        private final Seeder seeder;
        private final List<Ref> owners;
        private final Ref usd;
        private final Ref eur;
        private final int accounts = count(500);
        private final int contacts = Math.max(accounts, count(1500));
        private final int leads = count(400);
        private final int opportunities = count(400);
        private final int tasks = count(1500);
        private final int phonecalls = count(300);
        private final int projects = count(200);

        Rows(Environment environment, Seeder seeder) {
            this.environment = environment;
            this.seeder = seeder;
            String name = environment.name();
            this.owners = new java.util.ArrayList<>(STAFF.stream()
                    .map(p -> new Ref("systemuser", SystemIds.staffUser(name, p[0]))).toList());
            this.owners.add(new Ref("team", Ids.of(name, "team", SALES_TEAM)));
            this.usd = new Ref("transactioncurrency", environment.ids().baseCurrency());
            this.eur = new Ref("transactioncurrency", Ids.of(name, "transactioncurrency", "EUR"));
        }

        void generate() {
            accounts();
            contacts();
            leads();
            opportunities();
            tasks();
            phonecalls();
            projects();
        }

        private Map<String, Object> common(SplittableRandom random, String table, int index, boolean money) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put(table.equals("task") || table.equals("phonecall") ? "activityid" : table + "id",
                    id(table, index));
            values.put("ownerid", random.nextInt(100) < 15 ? owners.get(owners.size() - 1)
                    : owners.get(random.nextInt(owners.size() - 1)));
            Instant created = EPOCH.plusSeconds(random.nextLong(365L * 24 * 3600));
            values.put("createdon", created);
            values.put("modifiedon", created.plusSeconds(random.nextLong(30L * 24 * 3600)));
            if (money) {
                values.put("transactioncurrencyid", random.nextInt(100) < 85 ? usd : eur);
            }
            return values;
        }

        private void accounts() {
            SplittableRandom random = new SplittableRandom(11);
            SampleText text = new SampleText(random);
            for (int i = 0; i < accounts; i++) {
                Map<String, Object> values = common(random, "account", i, true);
                values.put("name", text.company() + (i >= 300 ? " " + (i / 300 + 1) : ""));
                values.put("accountnumber", String.format("ACC-%05d", i + 1));
                if (i >= 10 && random.nextInt(100) < 20) {
                    values.put("parentaccountid", new Ref("account", id("account", random.nextInt(i))));
                }
                if (i < contacts) {
                    values.put("primarycontactid", new Ref("contact", id("contact", i)));
                }
                if (leads > 0 && random.nextInt(100) < 10) {
                    values.put("originatingleadid", new Ref("lead", id("lead", random.nextInt(leads))));
                }
                values.put("revenue", BigDecimal.valueOf(10_000L + random.nextLong(50_000_000L), 0).setScale(2));
                values.put("numberofemployees", 1 + random.nextInt(20_000));
                values.put("industrycode", new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 12}[random.nextInt(10)]);
                values.put("accountcategorycode", 1 + random.nextInt(2));
                values.put("creditonhold", random.nextInt(100) < 10);
                if (random.nextBoolean()) {
                    values.put("description", text.sentence(8 + random.nextInt(12)));
                }
                values.put("telephone1", text.phone());
                values.put("emailaddress1", "info" + (i + 1) + "@" + SampleText.slug(text.company()) + ".example");
                values.put("address1_city", text.city());
                values.put("address1_country", text.pick(SampleText.COUNTRIES));
                values.put("websiteurl", "https://www." + SampleText.slug((String) values.get("name")) + ".example");
                state(random, values, 10, 1, 2);
                seeder.insert("account", values);
            }
        }

        private void contacts() {
            SplittableRandom random = new SplittableRandom(12);
            SampleText text = new SampleText(random);
            for (int i = 0; i < contacts; i++) {
                Map<String, Object> values = common(random, "contact", i, random.nextInt(100) < 40);
                String first = text.firstName();
                String last = text.lastName();
                values.put("firstname", first);
                values.put("lastname", last);
                values.put("emailaddress1", (first + "." + last + (i + 1)).toLowerCase() + "@example.com");
                values.put("jobtitle", text.pick(SampleText.JOB_TITLES));
                values.put("telephone1", text.phone());
                if (random.nextBoolean()) {
                    values.put("mobilephone", text.phone());
                }
                values.put("birthdate", LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(12),
                        1 + random.nextInt(28)).atStartOfDay().toInstant(ZoneOffset.UTC));
                int parent = random.nextInt(100);
                if (i < accounts || parent < 80) {
                    values.put("parentcustomerid", new Ref("account", id("account", i < accounts ? i : random.nextInt(accounts))));
                } else if (parent < 88 && i > 0) {
                    values.put("parentcustomerid", new Ref("contact", id("contact", random.nextInt(i))));
                }
                values.put("gendercode", 1 + random.nextInt(2));
                if (values.containsKey("transactioncurrencyid")) {
                    values.put("creditlimit", BigDecimal.valueOf(1000L * (1 + random.nextInt(200)), 0).setScale(2));
                }
                values.put("donotemail", random.nextInt(100) < 12);
                state(random, values, 8, 1, 2);
                seeder.insert("contact", values);
            }
        }

        private void leads() {
            SplittableRandom random = new SplittableRandom(13);
            SampleText text = new SampleText(random);
            for (int i = 0; i < leads; i++) {
                Map<String, Object> values = common(random, "lead", i, true);
                values.put("subject", "Interest in " + text.pick(SampleText.WORDS) + " " + text.pick(SampleText.WORDS));
                values.put("firstname", text.firstName());
                values.put("lastname", text.lastName());
                values.put("companyname", text.company());
                values.put("emailaddress1", "lead" + (i + 1) + "@" + SampleText.slug(text.company()) + ".example");
                values.put("leadsourcecode", 1 + random.nextInt(10));
                values.put("estimatedamount", BigDecimal.valueOf(500L + random.nextLong(250_000L), 0).setScale(2));
                if (accounts > 0 && random.nextInt(100) < 30) {
                    values.put("parentaccountid", new Ref("account", id("account", random.nextInt(accounts))));
                }
                int outcome = random.nextInt(100);
                if (outcome < 20) {
                    values.put("statecode", 1);
                    values.put("statuscode", 3);
                } else if (outcome < 35) {
                    values.put("statecode", 2);
                    values.put("statuscode", 4 + random.nextInt(4));
                } else {
                    values.put("statecode", 0);
                    values.put("statuscode", 1 + random.nextInt(2));
                }
                seeder.insert("lead", values);
            }
        }

        private void opportunities() {
            SplittableRandom random = new SplittableRandom(14);
            SampleText text = new SampleText(random);
            for (int i = 0; i < opportunities; i++) {
                Map<String, Object> values = common(random, "opportunity", i, true);
                values.put("name", text.pick(SampleText.COMPANY_KINDS) + " " + text.pick(SampleText.WORDS) + " deal "
                        + (i + 1));
                values.put("customerid", random.nextInt(100) < 70 || contacts == 0
                        ? new Ref("account", id("account", random.nextInt(Math.max(1, accounts))))
                        : new Ref("contact", id("contact", random.nextInt(contacts))));
                if (leads > 0 && random.nextInt(100) < 40) {
                    values.put("originatingleadid", new Ref("lead", id("lead", random.nextInt(leads))));
                }
                values.put("estimatedvalue", BigDecimal.valueOf(1000L + random.nextLong(2_000_000L), 0).setScale(2));
                values.put("estimatedclosedate", LocalDate.of(2024, 1 + random.nextInt(12), 1 + random.nextInt(28))
                        .atStartOfDay().toInstant(ZoneOffset.UTC));
                values.put("closeprobability", random.nextInt(101));
                int outcome = random.nextInt(100);
                values.put("statecode", outcome < 15 ? 1 : outcome < 30 ? 2 : 0);
                values.put("statuscode", outcome < 15 ? 3 : outcome < 30 ? 4 + random.nextInt(2) : 1 + random.nextInt(2));
                seeder.insert("opportunity", values);
            }
        }

        private void tasks() {
            SplittableRandom random = new SplittableRandom(15);
            SampleText text = new SampleText(random);
            for (int i = 0; i < tasks; i++) {
                Map<String, Object> values = common(random, "task", i, false);
                values.put("subject", text.pick(SampleText.SUBJECTS));
                if (random.nextBoolean()) {
                    values.put("description", text.sentence(6 + random.nextInt(10)));
                }
                values.put("regardingobjectid", regarding(random, true));
                values.put("scheduledend", EPOCH.plusSeconds(random.nextLong(400L * 24 * 3600)));
                values.put("prioritycode", random.nextInt(3));
                values.put("actualdurationminutes", 15 * random.nextInt(9));
                int outcome = random.nextInt(100);
                values.put("statecode", outcome < 50 ? 1 : outcome < 55 ? 2 : 0);
                values.put("statuscode", outcome < 50 ? 5 : outcome < 55 ? 6 : new int[] {2, 3, 4, 7}[random.nextInt(4)]);
                values.put("percentcomplete", outcome < 50 ? 100 : random.nextInt(100));
                seeder.insert("task", values);
            }
        }

        private void phonecalls() {
            SplittableRandom random = new SplittableRandom(16);
            SampleText text = new SampleText(random);
            for (int i = 0; i < phonecalls; i++) {
                Map<String, Object> values = common(random, "phonecall", i, false);
                values.put("subject", "Call: " + text.pick(SampleText.SUBJECTS).toLowerCase());
                values.put("phonenumber", text.phone());
                values.put("directioncode", random.nextBoolean());
                values.put("regardingobjectid", regarding(random, false));
                boolean done = random.nextInt(100) < 60;
                values.put("statecode", done ? 1 : 0);
                values.put("statuscode", done ? (random.nextBoolean() ? 2 : 4) : 1);
                seeder.insert("phonecall", values);
            }
        }

        private Ref regarding(SplittableRandom random, boolean anyTable) {
            int kind = random.nextInt(100);
            if (!anyTable) {
                return kind < 60 && accounts > 0 ? new Ref("account", id("account", random.nextInt(accounts)))
                        : new Ref("contact", id("contact", random.nextInt(contacts)));
            }
            if (kind < 40 && accounts > 0) {
                return new Ref("account", id("account", random.nextInt(accounts)));
            }
            if (kind < 70 || opportunities == 0) {
                return new Ref("contact", id("contact", random.nextInt(contacts)));
            }
            if (kind < 90 || leads == 0) {
                return new Ref("opportunity", id("opportunity", random.nextInt(opportunities)));
            }
            return new Ref("lead", id("lead", random.nextInt(leads)));
        }

        private void projects() {
            SplittableRandom random = new SplittableRandom(17);
            SampleText text = new SampleText(random);
            ManyToMany members = environment.schema().manyToMany().stream()
                    .filter(r -> r.schemaName().equals("dvm_project_contact")).findFirst().orElseThrow();
            for (int i = 0; i < projects; i++) {
                Map<String, Object> values = common(random, "dvm_project", i, true);
                values.put("dvm_name", text.pick(SampleText.WORDS) + " " + text.pick(SampleText.COMPANY_KINDS).toLowerCase()
                        + " project " + (i + 1));
                values.put("dvm_code", String.format("PRJ-%05d", i + 1));
                if (accounts > 0) {
                    values.put("dvm_accountid", new Ref("account", id("account", random.nextInt(accounts))));
                }
                values.put("dvm_budget", BigDecimal.valueOf(5_000L + random.nextLong(500_000L), 0).setScale(2));
                LocalDate start = LocalDate.of(2023, 1 + random.nextInt(12), 1 + random.nextInt(28));
                values.put("dvm_startdate", start.atStartOfDay().toInstant(ZoneOffset.UTC));
                values.put("dvm_enddate", start.plusDays(30 + random.nextInt(300)).atStartOfDay().toInstant(ZoneOffset.UTC));
                values.put("dvm_priority", 100_000_000 + random.nextInt(3));
                values.put("dvm_hours", BigDecimal.valueOf(random.nextInt(200_000), 2));
                values.put("dvm_progress", Math.round(random.nextDouble() * 100) / 100.0);
                values.put("dvm_isbillable", random.nextInt(100) < 70);
                values.put("dvm_description", text.sentence(10 + random.nextInt(20)));
                state(random, values, 10, 1, 2);
                seeder.insert("dvm_project", values);
                int related = 1 + random.nextInt(5);
                for (int m = 0; m < related && contacts > 0; m++) {
                    seeder.associate(members, id("dvm_project", i), id("contact", random.nextInt(contacts)));
                }
            }
        }

        private static void state(SplittableRandom random, Map<String, Object> values, int inactivePercent,
                                  int activeStatus, int inactiveStatus) {
            boolean inactive = random.nextInt(100) < inactivePercent;
            values.put("statecode", inactive ? 1 : 0);
            values.put("statuscode", inactive ? inactiveStatus : activeStatus);
        }
    }

    /** The id of the {@code index}-th demo row of {@code table}. */
    static UUID id(String table, int index) {
        return Ids.sequential(SEED, table, index);
    }
}
