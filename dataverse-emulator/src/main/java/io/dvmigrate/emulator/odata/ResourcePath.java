package io.dvmigrate.emulator.odata;

import java.util.ArrayList;
import java.util.List;

/** The resource path of a Web API URL (after {@code /api/data/v9.2/}), split into segments with their keys. */
public final class ResourcePath {
    private ResourcePath() {
    }

    /** One segment: {@code accounts}, {@code accounts(<key>)}, {@code $ref}, a cast or an action name. */
    public record Segment(String name, String key) {
        public boolean hasKey() {
            return key != null;
        }

        @Override
        public String toString() {
            return key == null ? name : name + "(" + key + ")";
        }
    }

    public static List<Segment> parse(String path) {
        List<Segment> segments = new ArrayList<>();
        for (String raw : QueryString.splitTopLevel(path, '/')) {
            if (raw.isEmpty()) {
                continue;
            }
            String text = QueryString.decode(raw);
            int open = text.indexOf('(');
            if (open > 0 && text.endsWith(")")) {
                segments.add(new Segment(text.substring(0, open), text.substring(open + 1, text.length() - 1)));
            } else if (open == 0) {
                throw Errors.unrecognizedPath();
            } else {
                segments.add(new Segment(text, null));
            }
        }
        return segments;
    }
}
