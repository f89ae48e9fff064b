package io.dvmigrate.dataverse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real captured Dataverse material under src/test/resources/realdata (origins in its README). */
public final class RealData {

    private RealData() {
    }

    public static byte[] bytes(String file) {
        try (InputStream in = RealData.class.getResourceAsStream("/realdata/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no real-data file " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    /** The JSON body that follows a marker line in a .http capture: from the first '{' line to its closing '}' line. */
    public static byte[] jsonAfter(String file, String marker) {
        String text = text(file);
        int at = text.indexOf(marker);
        if (at < 0) {
            throw new IllegalArgumentException(marker + " not in " + file);
        }
        int from = text.indexOf("\n{", at) + 1;
        int to = text.indexOf("\n}", from) + 2;
        return text.substring(from, to).getBytes(StandardCharsets.UTF_8);
    }

    /** The text between a marker line and the next line starting with "###". */
    public static String sectionAfter(String file, String marker) {
        String text = text(file);
        int at = text.indexOf(marker);
        if (at < 0) {
            throw new IllegalArgumentException(marker + " not in " + file);
        }
        int from = text.indexOf('\n', at) + 1;
        int to = text.indexOf("\n###", from);
        return text.substring(from, to < 0 ? text.length() : to + 1);
    }
}
