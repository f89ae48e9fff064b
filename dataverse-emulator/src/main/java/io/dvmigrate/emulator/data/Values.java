package io.dvmigrate.emulator.data;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.emulator.schema.AttributeType;
import io.dvmigrate.emulator.schema.Column;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/**
 * The stored Java form of each column type and its conversions: from JSON and from text (CMT files, key
 * literals, paging cookies), to JSON, to formatted text, and ordering.
 * Stored forms: UUID; String; Integer (whole numbers and choices); Long; BigDecimal (decimal, money); Double;
 * Boolean; Instant (date-only values at midnight UTC); {@link Ref} for lookups.
 */
public final class Values {
    private static final DateTimeFormatter US_DATE_TIME = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);
    private static final DateTimeFormatter US_DATE_TIME_SHORT = DateTimeFormatter.ofPattern("M/d/yyyy h:mm a", Locale.US);
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/yyyy", Locale.US);

    private Values() {
    }

    /** Converts a JSON value of a request body; throws {@link ValueException} when its JSON type does not fit. */
    public static Object fromJson(Column column, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        AttributeType type = column.type();
        try {
            return switch (type) {
                case Uniqueidentifier -> node.isTextual() ? UUID.fromString(node.asText()) : fail(column, node);
                case String, Memo, EntityName -> node.isTextual() ? node.asText() : fail(column, node);
                case Integer, Picklist, State, Status -> node.canConvertToInt() && node.isIntegralNumber()
                        ? (Object) node.intValue() : fail(column, node);
                case BigInt -> node.isIntegralNumber() && node.canConvertToLong() ? (Object) node.longValue()
                        : fail(column, node);
                case Decimal, Money -> node.isNumber() ? node.decimalValue() : fail(column, node);
                case Double -> node.isNumber() ? (Object) node.doubleValue() : fail(column, node);
                case Boolean -> node.isBoolean() ? (Object) node.booleanValue() : fail(column, node);
                case DateTime -> node.isTextual() ? parseDate(column, node.asText()) : fail(column, node);
                case Lookup, Customer, Owner -> fail(column, node);
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ValueException("Cannot convert the literal '" + node.asText() + "' to the expected type '"
                    + type.edmType() + "' of property '" + column.logicalName() + "'.");
        }
    }

    private static Object fail(Column column, JsonNode node) {
        throw new ValueException("Cannot convert the literal '" + node + "' to the expected type '"
                + column.type().edmType() + "' of property '" + column.logicalName() + "'.");
    }

    /**
     * Converts text as found in CMT packages, alternate-key literals and paging cookies: invariant numbers,
     * {@code True}/{@code False}, ISO or US-locale dates.
     */
    public static Object fromText(Column column, String text) {
        if (text == null) {
            return null;
        }
        try {
            return switch (column.type()) {
                case Uniqueidentifier -> UUID.fromString(stripBraces(text));
                case String, Memo, EntityName -> text;
                case Integer, Picklist, State, Status -> Integer.parseInt(text.trim());
                case BigInt -> Long.parseLong(text.trim());
                case Decimal, Money -> new BigDecimal(text.trim());
                case Double -> Double.parseDouble(text.trim());
                case Boolean -> parseBoolean(text.trim());
                case DateTime -> parseDate(column, text.trim());
                case Lookup, Customer, Owner -> new Ref(column.targets().isEmpty() ? null : column.targets().get(0),
                        UUID.fromString(stripBraces(text)));
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ValueException("'" + text + "' is not a valid " + column.type() + " value for column '"
                    + column.logicalName() + "'");
        }
    }

    private static String stripBraces(String text) {
        String trimmed = text.trim();
        return trimmed.startsWith("{") && trimmed.endsWith("}") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    private static Boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true") || text.equals("1")) {
            return true;
        }
        if (text.equalsIgnoreCase("false") || text.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException(text);
    }

    /** ISO-8601 instants and dates, and the US-locale forms CMT writes ({@code 10/2/2018 5:48:12 PM}), as UTC. */
    public static Instant parseDate(Column column, String text) {
        Instant instant = parseInstant(text);
        return column != null && column.isDateOnly() ? instant.truncatedTo(ChronoUnit.DAYS) : instant;
    }

    public static Instant parseInstant(String text) {
        Instant fast = parseUtcSeconds(text);
        if (fast != null) {
            return fast;
        }
        if (text.indexOf('/') > 0) {
            String upper = text.toUpperCase(Locale.ROOT);
            if (upper.endsWith("AM") || upper.endsWith("PM")) {
                DateTimeFormatter format = text.chars().filter(c -> c == ':').count() == 2 ? US_DATE_TIME
                        : US_DATE_TIME_SHORT;
                return LocalDateTime.parse(upper, format).toInstant(ZoneOffset.UTC);
            }
            return LocalDate.parse(text, US_DATE).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        if (text.length() == 10) {
            Instant date = parseUtcSeconds(text + "T00:00:00Z");
            return date != null ? date : LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        if (text.endsWith("Z") || hasOffset(text)) {
            return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.SECONDS);
        }
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    }

    private static boolean hasOffset(String text) {
        int length = text.length();
        return length > 6 && text.charAt(length - 3) == ':' && (text.charAt(length - 6) == '+' || text.charAt(length - 6) == '-');
    }

    /** {@code yyyy-MM-ddTHH:mm:ssZ}, the form the service writes, parsed without a formatter; null for any other form. */
    private static Instant parseUtcSeconds(String text) {
        if (text.length() != 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != 'Z') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int number(String text, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Writes a stored value as its OData JSON form (lookups are written by their caller as ids). */
    public static void write(JsonGenerator json, Column column, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        switch (value) {
            case String text -> json.writeString(text);
            case Integer number -> json.writeNumber(number);
            case Long number -> json.writeNumber(number);
            case BigDecimal decimal -> json.writeNumber(scaled(column, decimal));
            case Double number -> json.writeNumber(number);
            case Boolean flag -> json.writeBoolean(flag);
            case UUID id -> json.writeString(id.toString());
            case Instant instant -> json.writeString(column != null && column.isDateOnly()
                    ? toText(column, instant) : isoSeconds(instant));
            case Ref ref -> json.writeString(ref.id().toString());
            default -> json.writeString(value.toString());
        }
    }

    private static BigDecimal scaled(Column column, BigDecimal decimal) {
        Integer precision = column == null ? null : column.precision();
        if (precision == null || decimal.scale() == precision) {
            return decimal;
        }
        return decimal.setScale(Math.max(precision, 0), RoundingMode.HALF_UP);
    }

    /** {@code 2024-01-31T08:05:09Z}: an instant to the second, written without a formatter (a hot path of reads). */
    static String isoSeconds(Instant instant) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = time.getYear();
        if (year < 0 || year > 9999) {
            return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
        }
        char[] text = new char[20];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, time.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, time.getHour(), 2);
        text[13] = ':';
        digits(text, 14, time.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, time.getSecond(), 2);
        text[19] = 'Z';
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The invariant text of a stored value, as used in keys, cookies and OData-EntityId headers. */
    public static String toText(Column column, Object value) {
        return switch (value) {
            case null -> "";
            case Instant instant -> column != null && column.isDateOnly()
                    ? instant.atOffset(ZoneOffset.UTC).toLocalDate().toString() : isoSeconds(instant);
            case Ref ref -> ref.id().toString();
            case BigDecimal decimal -> decimal.toPlainString();
            default -> value.toString();
        };
    }
    /** The OData.Community.Display.V1.FormattedValue of a value that is not a lookup (en-US, UTC). */
    public static String format(Column column, Object value) {
        if (value == null) {
            return null;
        }
        if (column.type().isChoice() && value instanceof Integer number) {
            return column.option(number).map(o -> o.label()).orElse(number.toString());
        }
        return switch (value) {
            case Boolean flag -> column.options().isEmpty() ? (flag ? "Yes" : "No")
                    : column.option(flag ? 1 : 0).map(o -> o.label()).orElse(flag ? "Yes" : "No");
            case BigDecimal decimal when column.type() == AttributeType.Money -> "$" + grouped(decimal, 2);
            case BigDecimal decimal -> grouped(decimal, column.precision() == null ? 2 : column.precision());
            case Integer number -> grouped(BigDecimal.valueOf(number), 0);
            case Long number -> grouped(BigDecimal.valueOf(number), 0);
            case Double number -> grouped(BigDecimal.valueOf(number), 2);
            case Instant instant -> column.isDateOnly()
                    ? US_DATE.format(instant.atOffset(ZoneOffset.UTC))
                    : US_DATE_TIME_SHORT.format(instant.atOffset(ZoneOffset.UTC));
            default -> value.toString();
        };
    }

    private static String grouped(BigDecimal value, int decimals) {
        DecimalFormat format = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
                DecimalFormatSymbols.getInstance(Locale.US));
        return format.format(value.setScale(decimals, RoundingMode.HALF_UP));
    }

    /** Orders stored values: nulls first, text case-insensitively, numbers by value, lookups by id. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compare(Object left, Object right) {
        if (left == right) {
            return 0;
        }
        if (left == null) {
            return -1;
        }
        if (right == null) {
            return 1;
        }
        if (left instanceof String a && right instanceof String b) {
            return a.compareToIgnoreCase(b);
        }
        if (left instanceof Number a && right instanceof Number b) {
            return toDecimal(a).compareTo(toDecimal(b));
        }
        if (left instanceof Ref a) {
            return compare(a.id(), right instanceof Ref b ? b.id() : right);
        }
        if (right instanceof Ref b) {
            return compare(left, b.id());
        }
        if (left instanceof Comparable a && left.getClass() == right.getClass()) {
            return a.compareTo(right);
        }
        return left.toString().compareToIgnoreCase(right.toString());
    }

    public static BigDecimal toDecimal(Number number) {
        return switch (number) {
            case BigDecimal decimal -> decimal;
            case Integer value -> BigDecimal.valueOf(value);
            case Long value -> BigDecimal.valueOf(value);
            default -> BigDecimal.valueOf(number.doubleValue());
        };
    }
}
