package io.dvmigrate.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Dataverse material the tests use (CMT packages, a real {@code $metadata}, captured HTTP exchanges), kept
 * unchanged under {@code testdata/realdata/} at the repository root; its README says where each file comes from.
 */
public final class RealData {
    private RealData() {
    }

    /** A file or folder under {@code testdata/realdata/}, e.g. {@code cmt/nonprofit-accelerator/DefaultData.zip}. */
    public static Path path(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testdata/realdata");
            if (Files.isDirectory(candidate)) {
                return candidate.resolve(relative);
            }
        }
        throw new IllegalStateException("testdata/realdata not found above " + Path.of("").toAbsolutePath());
    }
}
