package io.dvmigrate.dataverse.it;

import io.dvmigrate.dataverse.DataverseClient;
import io.dvmigrate.dataverse.config.ConnectionSettings;
import io.dvmigrate.dataverse.read.Page;
import io.dvmigrate.dataverse.read.Pages;
import io.dvmigrate.dataverse.read.Query;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads a whole table in a JVM of its own (started by a test with a capped heap) and prints what it read:
 * {@code rows=<n> pages=<n> distinct=<n> heapPeakMb=<n>}. Exits 0 on success.
 * Arguments: service root, authority, client id, secret reference, trust PEM, entity set, columns (the primary id
 * first, comma-separated), page size.
 */
public final class CappedHeapReader {

    private CappedHeapReader() {
    }

    public static void main(String[] args) {
        ConnectionSettings settings = ConnectionSettings.builder("capped")
                .serviceRoot(args[0]).authority(args[1]).clientSecret(args[2], args[3])
                .trustCertificate(Path.of(args[4])).build();
        String[] columns = args[6].split(",");
        String primaryId = columns[0];
        long rows = 0;
        // 64 bits of each id (the generator's ids differ there) detect a row read twice at 16 bytes a row
        Set<Long> seen = new HashSet<>();
        long duplicates = 0;
        try (DataverseClient client = DataverseClient.connect(settings)) {
            Pages pages = client.read(Query.of(args[5]).select(columns).pageSize(Integer.parseInt(args[7])));
            for (Page page : pages) {
                for (var row : page.rows()) {
                    rows++;
                    String id = row.id(primaryId).orElseThrow();
                    if (!seen.add(java.util.UUID.fromString(id).getLeastSignificantBits())) {
                        duplicates++;
                    }
                }
            }
            System.out.println("rows=" + rows + " pages=" + pages.pagesRead() + " duplicates=" + duplicates
                    + " heapPeakMb=" + heapPeak() / (1024 * 1024));
        }
    }

    private static long heapPeak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
