package io.dvmigrate.emulator;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Dataverse material the tests replay: {@code testdata/realdata/} in the repository when it is there (as on
 * main), else the shared copy at {@code /work/shared/realdata/}. Both hold the same unchanged files.
 */
final class RealDataFiles {
    private static final Path SHARED = Path.of("/work/shared/realdata");

    private RealDataFiles() {
    }

    static Path path(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testdata/realdata");
            if (Files.isDirectory(candidate)) {
                return candidate.resolve(relative);
            }
        }
        return SHARED.resolve(relative);
    }
}
