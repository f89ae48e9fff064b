package io.dvmigrate.emulator.odata;

import io.dvmigrate.emulator.data.Ref;
import io.dvmigrate.emulator.data.Values;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An OData {@code $filter} expression: comparisons (eq, ne, gt, ge, lt, le), and/or/not, parentheses, the string
 * functions contains/startswith/endswith, literals (strings, numbers, booleans, null, GUIDs, dates, enum members)
 * and parameter aliases. Property paths are bound by the caller, so the same expressions filter rows and metadata.
 * Text comparisons ignore case, as Dataverse's SQL collation does.
 */
public final class Filter {
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(Z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?[mMdDlLfF]?");

    /** The syntax tree. */
    public sealed interface Node {
    }

    public record Or(Node left, Node right) implements Node {
    }

    public record And(Node left, Node right) implements Node {
    }

    public record Not(Node operand) implements Node {
    }

    public record Compare(String operator, Node left, Node right) implements Node {
    }

    public record Call(String function, List<Node> arguments) implements Node {
    }

    public record Literal(Object value) implements Node {
    }

    public record Path(List<String> segments) implements Node {
    }

    /** Resolves a property path to a getter, or throws the real "could not find a property" error. */
    public interface Binder<T> {
        Function<T, Object> bind(List<String> path);
    }

    private final List<String> tokens;
    private final Map<String, String> aliases;
    private int position;

    private Filter(List<String> tokens, Map<String, String> aliases) {
        this.tokens = tokens;
        this.aliases = aliases;
    }

    /** Parses an expression; {@code aliases} holds the query's {@code @name=value} parameters. */
    public static Node parse(String text, Map<String, String> aliases) {
        Filter parser = new Filter(tokenize(text), aliases);
        Node node = parser.or();
        if (parser.position < parser.tokens.size()) {
            throw syntax(text, "unexpected '" + parser.tokens.get(parser.position) + "'");
        }
        return node;
    }

    /** Compiles a parsed expression into a predicate over whatever {@code binder} reads. */
    public static <T> Predicate<T> compile(Node node, Binder<T> binder) {
        return switch (node) {
            case Or or -> compile(or.left(), binder).or(compile(or.right(), binder));
            case And and -> compile(and.left(), binder).and(compile(and.right(), binder));
            case Not not -> compile(not.operand(), binder).negate();
            case Compare compare -> {
                Function<T, Object> left = operand(compare.left(), binder);
                Function<T, Object> right = operand(compare.right(), binder);
                String operator = compare.operator();
                yield row -> compare(operator, left.apply(row), right.apply(row));
            }
            case Call call -> {
                Function<T, Object> value = operand(call, binder);
                yield row -> Boolean.TRUE.equals(value.apply(row));
            }
            case Literal literal -> row -> Boolean.TRUE.equals(literal.value());
            case Path path -> {
                Function<T, Object> value = binder.bind(path.segments());
                yield row -> Boolean.TRUE.equals(value.apply(row));
            }
        };
    }

    private static <T> Function<T, Object> operand(Node node, Binder<T> binder) {
        return switch (node) {
            case Literal literal -> row -> literal.value();
            case Path path -> binder.bind(path.segments());
            case Call call -> {
                List<Function<T, Object>> arguments = call.arguments().stream().map(a -> operand(a, binder)).toList();
                yield row -> call(call.function(), arguments.stream().map(a -> a.apply(row)).toList());
            }
            default -> {
                Predicate<T> predicate = compile(node, binder);
                yield predicate::test;
            }
        };
    }

    private static Object call(String function, List<Object> arguments) {
        switch (function) {
            case "contains", "startswith", "endswith" -> {
                if (arguments.size() != 2) {
                    throw Errors.badRequest("The function '" + function + "' takes two arguments.");
                }
                Object value = arguments.get(0);
                Object part = arguments.get(1);
                if (value == null || part == null) {
                    return false;
                }
                String text = value.toString().toLowerCase(Locale.ROOT);
                String search = part.toString().toLowerCase(Locale.ROOT);
                return switch (function) {
                    case "contains" -> text.contains(search);
                    case "startswith" -> text.startsWith(search);
                    default -> text.endsWith(search);
                };
            }
            case "tolower", "toupper", "trim" -> {
                Object value = arguments.isEmpty() ? null : arguments.get(0);
                if (value == null) {
                    return null;
                }
                String text = value.toString();
                return function.equals("tolower") ? text.toLowerCase(Locale.ROOT)
                        : function.equals("toupper") ? text.toUpperCase(Locale.ROOT) : text.trim();
            }
            default -> throw Errors.badRequest("An unknown function with name '" + function + "' was found.");
        }
    }

    static boolean compare(String operator, Object left, Object right) {
        Object a = normalise(left, right);
        Object b = normalise(right, left);
        if (a == null || b == null) {
            boolean bothNull = a == null && b == null;
            return switch (operator) {
                case "eq" -> bothNull;
                case "ne" -> !bothNull;
                default -> false;
            };
        }
        int order = Values.compare(a, b);
        return switch (operator) {
            case "eq" -> order == 0;
            case "ne" -> order != 0;
            case "gt" -> order > 0;
            case "ge" -> order >= 0;
            case "lt" -> order < 0;
            case "le" -> order <= 0;
            default -> throw Errors.badRequest("Unknown operator '" + operator + "'.");
        };
    }

    /** Brings a value to the type of what it is compared with (a GUID string to a UUID, a date to an instant). */
    private static Object normalise(Object value, Object other) {
        if (value instanceof Ref ref) {
            return ref.id();
        }
        if (value instanceof String text && (other instanceof UUID || other instanceof Ref) && GUID.matcher(text).matches()) {
            return UUID.fromString(text);
        }
        if (value instanceof String text && other instanceof Instant && (DATE.matcher(text).matches()
                || DATE_TIME.matcher(text).matches())) {
            return Values.parseInstant(text);
        }
        if (value instanceof Boolean flag && other instanceof Number) {
            return flag ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        return value;
    }

    private Node or() {
        Node left = and();
        while (accept("or")) {
            left = new Or(left, and());
        }
        return left;
    }

    private Node and() {
        Node left = unary();
        while (accept("and")) {
            left = new And(left, unary());
        }
        return left;
    }

    private Node unary() {
        if (accept("not")) {
            return new Not(unary());
        }
        Node left = primary();
        String next = peek();
        if (next != null && List.of("eq", "ne", "gt", "ge", "lt", "le").contains(next)) {
            position++;
            return new Compare(next, left, primary());
        }
        return left;
    }

    private Node primary() {
        String token = next();
        if (token.equals("(")) {
            Node inner = or();
            expect(")");
            return inner;
        }
        if (token.startsWith("'")) {
            return new Literal(token.substring(1, token.length() - 1).replace("''", "'"));
        }
        if (token.startsWith("@")) {
            String value = aliases.get(token);
            if (value == null) {
                throw Errors.badRequest("The parameter alias '" + token + "' is not defined in the query.");
            }
            return parse(value, Map.of());
        }
        if ("(".equals(peek()) && !GUID.matcher(token).matches()) {
            position++;
            List<Node> arguments = new ArrayList<>();
            if (!accept(")")) {
                do {
                    arguments.add(or());
                } while (accept(","));
                expect(")");
            }
            return new Call(token, arguments);
        }
        return literalOrPath(token);
    }

    private static Node literalOrPath(String token) {
        switch (token) {
            case "true":
                return new Literal(Boolean.TRUE);
            case "false":
                return new Literal(Boolean.FALSE);
            case "null":
                return new Literal(null);
            default:
                break;
        }
        if (GUID.matcher(token).matches()) {
            return new Literal(UUID.fromString(token));
        }
        if (DATE.matcher(token).matches() || DATE_TIME.matcher(token).matches()) {
            return new Literal(Values.parseInstant(token));
        }
        if (NUMBER.matcher(token).matches()) {
            String digits = Character.isLetter(token.charAt(token.length() - 1))
                    ? token.substring(0, token.length() - 1) : token;
            return new Literal(new BigDecimal(digits));
        }
        int quote = token.indexOf('\'');
        if (quote > 0 && token.endsWith("'")) {
            return new Literal(token.substring(quote + 1, token.length() - 1));
        }
        return new Path(List.of(token.split("/")));
    }

    private boolean accept(String token) {
        if (token.equals(peek())) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw syntax(String.join(" ", tokens), "expected '" + token + "'");
        }
    }

    private String peek() {
        return position < tokens.size() ? tokens.get(position) : null;
    }

    private String next() {
        if (position >= tokens.size()) {
            throw syntax(String.join(" ", tokens), "the expression ends too early");
        }
        return tokens.get(position++);
    }

    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '\'') {
                int end = closingQuote(text, i);
                tokens.add(text.substring(i, end + 1));
                i = end + 1;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "(),'".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                if (i < text.length() && text.charAt(i) == '\'' && text.substring(start, i).contains(".")) {
                    i = closingQuote(text, i) + 1;
                }
                tokens.add(text.substring(start, i));
            }
        }
        return tokens;
    }

    private static int closingQuote(String text, int open) {
        int i = open + 1;
        while (i < text.length()) {
            if (text.charAt(i) == '\'') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        throw syntax(text, "a string literal is not closed");
    }

    private static ODataException syntax(String text, String problem) {
        return Errors.badRequest("Syntax error in $filter '" + text + "': " + problem + ".");
    }
}
