package io.dvmigrate.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunEventCodecTest {
    private static final UUID RUN = UUID.randomUUID();

    @Test
    void everyEventSurvivesItsOwnType() {
        List<RunEvent> events = List.of(
                new RunEvent.ExtractStarted(RUN, "account", Pass.DATA, 1234),
                new RunEvent.ExtractCompleted(RUN, "account", Pass.DATA, 3, 1234),
                new RunEvent.ExtractFailed(RUN, "account", Pass.DATA,
                        new ErrorInfo(ErrorInfo.Kind.CREDENTIALS, 401, null, "credentials rejected for 'source'")),
                new RunEvent.ChunkLoaded(RUN, "contact", Pass.DATA, 2, 500, 498, 2, List.of(
                        new RunEvent.RowFailure("c1", ErrorInfo.row(400, "0x80044331", "too long")))),
                new RunEvent.ChunkVerified(RUN, "contact", Pass.VERIFY, 0, 500, 499, List.of("c9"),
                        List.of(new RunEvent.RowDifference("c3", List.of(
                                new RunEvent.ColumnDifference("firstname", "\"Ann\"", "\"Anne\"")))), List.of()));

        for (RunEvent event : events) {
            RunEvent decoded = RunEventCodec.decode(event.type(), RunEventCodec.encode(event));
            assertThat(decoded).isEqualTo(event);
        }
    }

    @Test
    void typesAreVersionedAndSubjectsNameTheChunk() {
        RunEvent loaded = new RunEvent.ChunkLoaded(RUN, "contact", Pass.DATA, 2, 1, 1, 0, List.of());

        assertThat(loaded.type()).isEqualTo("io.dvmigrate.chunk.loaded.v1");
        assertThat(loaded.subject()).isEqualTo(RUN + "/contact/DATA/2");
    }

    @Test
    void anUnknownTypeIsNamed() {
        assertThatThrownBy(() -> RunEventCodec.decode("io.dvmigrate.chunk.exploded.v1", "{}".getBytes()))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("io.dvmigrate.chunk.exploded.v1");
    }
}
