package io.dvmigrate.emulator.odata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The system query options of a request, parsed. Unsupported options ({@code $skip}, {@code $search},
 * {@code $format}) are refused as the real service refuses them; option names are case-sensitive.
 *
 * @param select  the selected properties, or null for all
 * @param filter  the parsed $filter, or null
 * @param top     $top, or null
 */
public record QueryOptions(List<String> select, Filter.Node filter, String filterText, List<OrderBy> orderBy,
                           Integer top, boolean count, List<Expand> expand, String skipToken, String deltaToken,
                           Map<String, String> aliases) {

    public record OrderBy(List<String> path, boolean descending) {
    }

    /** {@code nav($select=...;$filter=...)}; {@code ref} for {@code nav/$ref}. */
    public record Expand(String navigation, boolean ref, QueryOptions options) {
    }

    public static QueryOptions none() {
        return new QueryOptions(null, null, null, List.of(), null, false, List.of(), null, null, Map.of());
    }

    public static QueryOptions parse(Map<String, String> parameters) {
        Map<String, String> aliases = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (name.startsWith("@")) {
                aliases.put(name, value);
            }
        });
        for (String refused : List.of("$skip", "$search", "$format")) {
            if (parameters.containsKey(refused)) {
                throw Errors.unsupportedQueryOption(refused);
            }
        }
        if (parameters.containsKey("$apply")) {
            throw Errors.notSupported("The emulator does not implement $apply.");
        }
        return build(parameters, aliases);
    }

    private static QueryOptions build(Map<String, String> parameters, Map<String, String> aliases) {
        List<String> select = null;
        String selectText = parameters.get("$select");
        if (selectText != null && !selectText.isBlank()) {
            select = new ArrayList<>();
            for (String item : selectText.split(",")) {
                if (!item.isBlank()) {
                    select.add(item.trim());
                }
            }
        }
        String filterText = parameters.get("$filter");
        Filter.Node filter = filterText == null || filterText.isBlank() ? null : Filter.parse(filterText, aliases);
        List<OrderBy> orderBy = new ArrayList<>();
        String orderText = parameters.get("$orderby");
        if (orderText != null && !orderText.isBlank()) {
            for (String item : QueryString.splitTopLevel(orderText, ',')) {
                String[] words = item.trim().split("\\s+");
                String path = aliases.getOrDefault(words[0], words[0]);
                boolean descending = words.length > 1 && words[1].equalsIgnoreCase("desc");
                orderBy.add(new OrderBy(List.of(path.split("/")), descending));
            }
        }
        Integer top = null;
        String topText = parameters.get("$top");
        if (topText != null) {
            try {
                top = Integer.parseInt(topText.trim());
            } catch (NumberFormatException e) {
                throw Errors.badRequest("Invalid value '" + topText + "' for $top query option found.");
            }
            if (top < 0) {
                throw Errors.badRequest("Invalid value '" + topText + "' for $top query option found.");
            }
        }
        boolean count = "true".equalsIgnoreCase(parameters.get("$count"));
        List<Expand> expand = new ArrayList<>();
        String expandText = parameters.get("$expand");
        if (expandText != null && !expandText.isBlank()) {
            for (String item : QueryString.splitTopLevel(expandText, ',')) {
                expand.add(expand(item, aliases));
            }
        }
        return new QueryOptions(select, filter, filterText, List.copyOf(orderBy), top, count, List.copyOf(expand),
                parameters.get("$skiptoken"), parameters.get("$deltatoken"), Map.copyOf(aliases));
    }

    private static Expand expand(String item, Map<String, String> aliases) {
        int open = item.indexOf('(');
        String name = open < 0 ? item.trim() : item.substring(0, open).trim();
        boolean ref = name.endsWith("/$ref");
        if (ref) {
            name = name.substring(0, name.length() - "/$ref".length());
        }
        if (open < 0) {
            return new Expand(name, ref, none());
        }
        if (!item.endsWith(")")) {
            throw Errors.badRequest("The $expand item '" + item + "' is not closed.");
        }
        Map<String, String> nested = new LinkedHashMap<>();
        for (String option : QueryString.splitTopLevel(item.substring(open + 1, item.length() - 1), ';')) {
            int equals = option.indexOf('=');
            if (equals < 0) {
                throw Errors.badRequest("The $expand option '" + option + "' has no value.");
            }
            nested.put(option.substring(0, equals).trim(), option.substring(equals + 1).trim());
        }
        for (String refused : List.of("$skip", "$count", "$search", "$levels")) {
            if (nested.containsKey(refused)) {
                throw Errors.unsupportedQueryOption(refused);
            }
        }
        return new Expand(name, ref, build(nested, aliases));
    }
}
