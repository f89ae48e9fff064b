package io.dvmigrate.emulator.environment;

import java.nio.file.Path;

/**
 * What an environment is made of, as written on the command line: {@code demo}, {@code demo:N},
 * {@code demo-schema}, {@code generated:N}, {@code cmt:PATH}, {@code cmt-schema:PATH}, {@code csdl:PATH},
 * {@code json:PATH}.
 *
 * @param size for demo:N and generated:N, the number of rows asked for; -1 when not given
 * @param path for the file-based kinds
 */
public record EnvironmentSpec(Kind kind, long size, Path path, String text) {

    public enum Kind { DEMO, DEMO_SCHEMA, GENERATED, CMT, CMT_SCHEMA, CSDL, JSON }

    public static EnvironmentSpec parse(String text) {
        String spec = text.trim();
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        String argument = colon < 0 ? null : spec.substring(colon + 1);
        return switch (kind) {
            case "demo" -> new EnvironmentSpec(Kind.DEMO, argument == null ? -1 : count(spec, argument), null, spec);
            case "demo-schema" -> noArgument(Kind.DEMO_SCHEMA, spec, argument);
            case "generated" -> {
                if (argument == null) {
                    throw new IllegalArgumentException("'" + spec + "': generated needs a row count, e.g. generated:100000");
                }
                yield new EnvironmentSpec(Kind.GENERATED, count(spec, argument), null, spec);
            }
            case "cmt" -> withPath(Kind.CMT, spec, argument);
            case "cmt-schema" -> withPath(Kind.CMT_SCHEMA, spec, argument);
            case "csdl" -> withPath(Kind.CSDL, spec, argument);
            case "json" -> withPath(Kind.JSON, spec, argument);
            default -> throw new IllegalArgumentException("unknown environment spec '" + spec
                    + "': use demo, demo:N, demo-schema, generated:N, cmt:PATH, cmt-schema:PATH, csdl:PATH or json:PATH");
        };
    }

    private static EnvironmentSpec noArgument(Kind kind, String spec, String argument) {
        if (argument != null) {
            throw new IllegalArgumentException("'" + spec + "' takes no argument");
        }
        return new EnvironmentSpec(kind, -1, null, spec);
    }

    private static EnvironmentSpec withPath(Kind kind, String spec, String argument) {
        if (argument == null || argument.isBlank()) {
            throw new IllegalArgumentException("'" + spec + "' needs a path, e.g. " + spec + ":/path/to/file");
        }
        return new EnvironmentSpec(kind, -1, Path.of(argument), spec);
    }

    private static long count(String spec, String argument) {
        try {
            long count = Long.parseLong(argument.replace("_", ""));
            if (count < 0) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "': '" + argument + "' is not a row count");
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
