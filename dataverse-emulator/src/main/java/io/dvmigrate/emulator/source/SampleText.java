package io.dvmigrate.emulator.source;

import java.util.SplittableRandom;

/** Plausible names, places and sentences for generated rows, drawn from a seeded random source. */
final class SampleText {
    static final String[] FIRST_NAMES = {"Ava", "Liam", "Mia", "Noah", "Emma", "Lucas", "Olivia", "Mateo", "Sofia",
            "Elias", "Amara", "Hugo", "Yuki", "Ravi", "Ingrid", "Tomas", "Leila", "Kofi", "Nina", "Jonas", "Priya",
            "Diego", "Hana", "Omar", "Freya", "Luca", "Zara", "Ben", "Ines", "Aiden"};
    static final String[] LAST_NAMES = {"Adams", "Baker", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hansen",
            "Ito", "Jensen", "Kowalski", "Lopez", "Martin", "Nakamura", "Okafor", "Petrov", "Quinn", "Rossi",
            "Schmidt", "Tanaka", "Ueda", "Vargas", "Weber", "Xu", "Yilmaz", "Zhang", "Moreau", "Silva", "Novak", "Berg"};
    static final String[] COMPANY_WORDS = {"Northwind", "Contoso", "Fabrikam", "Litware", "Tailspin", "Woodgrove",
            "Adventure", "Proseware", "Lucerne", "Alpine", "Coho", "Wingtip", "Fourth", "Blue Yonder", "Humongous",
            "Trey", "Margie's", "Graphic", "Relecloud", "Wide World"};
    static final String[] COMPANY_KINDS = {"Traders", "Systems", "Holdings", "Logistics", "Partners", "Foods",
            "Energy", "Labs", "Works", "Consulting", "Insurance", "Travel", "Design", "Analytics", "Outfitters"};
    static final String[] CITIES = {"Seattle", "Redmond", "London", "Paris", "Berlin", "Madrid", "Lisbon", "Oslo",
            "Tokyo", "Sydney", "Toronto", "Dublin", "Vienna", "Prague", "Milan", "Austin", "Denver", "Chicago"};
    static final String[] COUNTRIES = {"United States", "United Kingdom", "France", "Germany", "Spain", "Portugal",
            "Norway", "Japan", "Australia", "Canada", "Ireland", "Austria", "Czechia", "Italy"};
    static final String[] JOB_TITLES = {"Purchasing Manager", "Chief Executive Officer", "IT Director",
            "Sales Representative", "Operations Lead", "Office Manager", "Buyer", "Finance Controller", "Engineer"};
    static final String[] WORDS = {"quarterly", "review", "pricing", "renewal", "shipment", "contract", "follow",
            "up", "meeting", "proposal", "invoice", "discount", "delivery", "support", "upgrade", "training",
            "onboarding", "forecast", "budget", "approval", "schedule", "demo", "feedback", "call", "site", "visit"};
    static final String[] SUBJECTS = {"Follow up on proposal", "Send pricing sheet", "Schedule product demo",
            "Confirm delivery date", "Prepare quarterly review", "Call about renewal", "Collect feedback",
            "Arrange site visit", "Review contract terms", "Check invoice status"};

    private final SplittableRandom random;

    SampleText(SplittableRandom random) {
        this.random = random;
    }

    String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    String firstName() {
        return pick(FIRST_NAMES);
    }

    String lastName() {
        return pick(LAST_NAMES);
    }

    String company() {
        return pick(COMPANY_WORDS) + " " + pick(COMPANY_KINDS);
    }

    String city() {
        return pick(CITIES);
    }

    String sentence(int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            String word = pick(WORDS);
            text.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
            text.append(i == words - 1 ? '.' : ' ');
        }
        return text.toString();
    }

    String phone() {
        return String.format("+1 555 %03d %04d", random.nextInt(1000), random.nextInt(10_000));
    }

    static String slug(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "");
    }
}
