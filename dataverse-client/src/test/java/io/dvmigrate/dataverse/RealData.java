package io.dvmigrate.dataverse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * The real captured Dataverse material the client's tests parse: the repository's single copy under
 * {@code testdata/realdata/} (found by test-support's RealData; origins in its README), with the slicing of
 * {@code .http} captures into bodies. Files are named relative to it, e.g. {@code http/msdocs_paging_skiptoken.http}.
 */
public final class RealData {

    private RealData() {
    }

    public static byte[] bytes(String file) {
        try {
            return Files.readAllBytes(io.dvmigrate.testing.RealData.path(file));
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
