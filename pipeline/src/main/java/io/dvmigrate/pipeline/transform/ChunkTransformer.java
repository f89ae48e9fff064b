package io.dvmigrate.pipeline.transform;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.dvmigrate.contracts.Chunk;
import io.dvmigrate.contracts.DeadLetter;
import io.dvmigrate.contracts.ErrorInfo;
import io.dvmigrate.contracts.JsonRows;
import io.dvmigrate.contracts.RunEvent;
import io.dvmigrate.contracts.TableJob;
import io.dvmigrate.contracts.TableJob.ManyToManyRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The transformer's one job: a chunk of source rows in, the same chunk in the target's wire form out. A row that
 * cannot be mapped becomes a dead letter with the reason; the rest of the chunk goes on.
 */
public final class ChunkTransformer {

    /** The mapped chunk and the rows it had to reject. */
    public record Result(Chunk mapped, List<DeadLetter> deadLetters) {
    }

    public Result transform(Chunk chunk) {
        if (chunk.header().content() != Chunk.Content.SOURCE_ROWS) {
            // target-only identities (deletes, extra rows in verify) need no mapping
            return new Result(chunk, List.of());
        }
        ManyToManyRule association = chunk.header().job().manyToMany();
        RowMapper mapper = new RowMapper(chunk.header().job());
        // mapped rows are about the size of the source rows: written straight into the chunk, one row parsed at a time
        JsonRows.Writer mapped = new JsonRows.Writer(chunk.rows().byteSize() + chunk.rows().byteSize() / 4);
        JsonGenerator out = mapped.generator();
        List<DeadLetter> deadLetters = new ArrayList<>();
        List<RunEvent.RowFailure> rejected = new ArrayList<>(chunk.header().rejected());
        chunk.rows().forEachTree(row -> {
            try {
                // a rejected row is refused before anything of it is written
                if (association != null) {
                    writeAssociation(association, row, out);
                } else {
                    mapper.map(row, out);
                }
                mapped.rowWritten();
            } catch (RowRejected e) {
                String id = association != null ? associationId(association, row) : mapper.nameOf(row);
                ErrorInfo error = ErrorInfo.row(0, RowRejected.CODE, e.getMessage());
                rejected.add(new RunEvent.RowFailure(id, error));
                if (chunk.header().job().action() != TableJob.Action.VERIFY) {
                    // the verify pass only reads: its rejects count as missing and were dead-lettered when written
                    deadLetters.add(new DeadLetter(row, error, "transformer", id, chunk.header().job()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Chunk.Header header = chunk.header().withContent(Chunk.Content.TARGET_ROWS, rejected);
        return new Result(new Chunk(header, mapped.finish()), deadLetters);
    }

    /** An intersect row becomes {@code {"from":<id>,"to":<id>}}: the loader associates {@code to} with {@code from}. */
    private static void writeAssociation(ManyToManyRule rule, JsonNode row, JsonGenerator out)
            throws IOException, RowRejected {
        JsonNode from = row.get(rule.from().intersectAttribute());
        JsonNode to = row.get(rule.to().intersectAttribute());
        if (from == null || from.isNull() || to == null || to.isNull()) {
            throw new RowRejected("intersect row of '" + rule.relationship() + "' lacks '"
                    + rule.from().intersectAttribute() + "' or '" + rule.to().intersectAttribute() + "'");
        }
        out.writeStartObject();
        out.writeStringField("from", from.asText());
        out.writeStringField("to", to.asText());
        out.writeEndObject();
    }

    /** How associations are named in the ledger and dead letters: {@code fromId/toId}. */
    public static String associationId(ManyToManyRule rule, JsonNode row) {
        JsonNode from = row.get(rule.from().intersectAttribute());
        JsonNode to = row.get(rule.to().intersectAttribute());
        return (from == null ? "?" : from.asText()) + "/" + (to == null ? "?" : to.asText());
    }
}
