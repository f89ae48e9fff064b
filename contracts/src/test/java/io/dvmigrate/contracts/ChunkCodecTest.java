package io.dvmigrate.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChunkCodecTest {
    private static final UUID RUN = UUID.fromString("6f1c1d3e-0000-4000-8000-000000000001");
    private static final EnvironmentRef TARGET = new EnvironmentRef("target", "https://fabrikam.crm.dynamics.com",
            "fabrikam.onmicrosoft.com", "client", "env:TARGET_SECRET", null, null, List.of());

    private static TableJob job() {
        return new TableJob("account", "accountid", "account", "accounts", "accountid", TableJob.Action.UPSERT, Match.byId(),
                List.of(TableJob.ColumnRule.same("name"), new TableJob.ColumnRule("industrycode", "industrycode",
                        Map.of(1, 101))),
                List.of(new TableJob.LookupRule("parentaccountid", "parentaccountid", List.of(new TableJob.LookupTarget(
                        "account", "parentaccountid", "accounts", null, null)), null)),
                Map.of(), TableJob.WriteOptions.defaults(), null);
    }

    private static List<JsonNode> trees(JsonRows rows) {
        List<JsonNode> trees = new ArrayList<>();
        rows.forEachTree(trees::add);
        return trees;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rowsCrossTheCodecByteForByte() {
        List<byte[]> rows = List.of(
                utf8("{\"accountid\":\"a1\",\"name\":\"Fourth Coffee ☕\",\"nested\":{\"x\":[1,2,{\"y\":null}]}}"),
                utf8("{\"accountid\":\"a2\",\"name\":\"quote \\\" and brace } inside\"}"));
        Chunk chunk = new Chunk(new Chunk.Header(new ChunkId(RUN, "account", Pass.DATA, 7), Chunk.Content.SOURCE_ROWS,
                TARGET, job(), List.of(new RunEvent.RowFailure("a0", ErrorInfo.row(0, "DVM_TRANSFORM", "no id")))),
                JsonRows.of(rows));

        Chunk decoded = ChunkCodec.decode(ChunkCodec.encode(chunk));

        assertThat(decoded.header()).isEqualTo(chunk.header());
        assertThat(decoded.rows().count()).isEqualTo(2);
        assertThat(decoded.rows().toByteArray()).isEqualTo(chunk.rows().toByteArray());
        assertThat(decoded.rows().split()).containsExactly(rows.get(0), rows.get(1));
    }

    @Test
    void chunksCrossKafkaAsLz4FramesOfTheirJsonAndPlainJsonStillDecodes() {
        Chunk chunk = new Chunk(new Chunk.Header(new ChunkId(RUN, "account", Pass.DATA, 3), Chunk.Content.SOURCE_ROWS,
                TARGET, job(), List.of()), JsonRows.of(List.of(utf8("{\"accountid\":\"a1\"}"))));

        byte[] message = ChunkCodec.encode(chunk);

        assertThat(Lz4Frame.isFrame(message)).isTrue();
        assertThat(Lz4Frame.decompress(message)).isEqualTo(ChunkCodec.json(chunk));
        assertThat(ChunkCodec.decode(ChunkCodec.json(chunk)).header()).isEqualTo(chunk.header());
    }

    @Test
    void anEmptyChunkStaysEmpty() {
        Chunk chunk = new Chunk(new Chunk.Header(new ChunkId(RUN, "account", Pass.DELETES, 0),
                Chunk.Content.TARGET_ONLY, TARGET, job(), List.of()), JsonRows.empty());

        Chunk decoded = ChunkCodec.decode(ChunkCodec.encode(chunk));

        assertThat(decoded.rows().isEmpty()).isTrue();
        assertThat(decoded.rows().split()).isEmpty();
    }

    @Test
    void anUnknownVersionIsRefusedWithTheVersionNamed() {
        byte[] future = utf8("{\"v\":2,\"header\":{},\"count\":0,\"rows\":[]}");

        assertThatThrownBy(() -> ChunkCodec.decode(future))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("unsupported chunk version 2");
    }

    @Test
    void rowsMustCloseTheChunk() {
        String header = new String(ChunkCodec.json(new Chunk(new Chunk.Header(new ChunkId(RUN, "account", Pass.DATA, 1),
                Chunk.Content.SOURCE_ROWS, TARGET, job(), List.of()), JsonRows.of(List.of(utf8("{\"a\":1}"))))),
                StandardCharsets.UTF_8);
        String rowsThenMore = header.substring(0, header.length() - 1) + ",\"extra\":1}";

        assertThatThrownBy(() -> ChunkCodec.decode(utf8(rowsThenMore)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("\"rows\" is an array and the last field of the chunk");
        assertThat(ChunkCodec.decode(utf8(header + "\n")).rows().split()).hasSize(1);
    }

    @Test
    void garbageIsAMalformedMessage() {
        assertThatThrownBy(() -> ChunkCodec.decode(utf8("[1,2")))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void builderJoinsRowsIntoOneArray() {
        JsonRows rows = new JsonRows.Builder().add(utf8("{\"a\":1}")).add(utf8("{\"a\":2}")).build();

        assertThat(new String(rows.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("[{\"a\":1},{\"a\":2}]");
        assertThat(rows.count()).isEqualTo(2);
    }

    @Test
    void rowsParseAsTreesInOnePass() {
        JsonRows rows = new JsonRows.Builder().add(utf8("{\"a\":1,\"n\":{\"b\":[true,null]}}")).add(utf8("{\"a\":\"☕\"}"))
                .build();

        assertThat(trees(rows)).extracting(Object::toString)
                .containsExactly("{\"a\":1,\"n\":{\"b\":[true,null]}}", "{\"a\":\"☕\"}");
        assertThatThrownBy(() -> trees(JsonRows.of(List.of(utf8("{\"a\":")))))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void writerWritesRowsStraightIntoOneArray() throws Exception {
        JsonRows.Writer writer = new JsonRows.Writer(4);
        writer.generator().writeStartObject();
        writer.generator().writeStringField("a", "☕");
        writer.generator().writeEndObject();
        writer.rowWritten();
        writer.generator().writeStartObject();
        writer.generator().writeNumberField("a", 2);
        writer.generator().writeEndObject();
        writer.rowWritten();
        JsonRows rows = writer.finish();

        assertThat(new String(rows.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("[{\"a\":\"☕\"},{\"a\":2}]");
        assertThat(rows.count()).isEqualTo(2);
        assertThat(rows.byteSize()).isEqualTo(rows.toByteArray().length);
        assertThat(new JsonRows.Writer(16).finish().count()).isZero();
    }
}
