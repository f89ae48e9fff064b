package io.dvmigrate.pipeline.load;

import io.dvmigrate.contracts.DeadLetter;
import io.dvmigrate.contracts.RunEvent;
import java.util.List;

/**
 * What writing one chunk came to.
 *
 * @param written     rows the target now has as the chunk says (upserted, patched, associated, deleted)
 * @param deadLetters the rows it refused, each with its error, for the dead-letter topic
 * @param failures    every failed row of the chunk (the transformer's rejects too), for the chunk-loaded event
 */
public record LoadOutcome(int written, List<DeadLetter> deadLetters, List<RunEvent.RowFailure> failures) {
}
