package io.dvmigrate.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;

class Lz4FrameTest {

    /** JSON-like text that compresses as chunks do, plus random bytes that do not compress at all. */
    private static byte[] content(int size) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < size / 2; i++) {
            text.append("{\"dvm_benchrecordid\":\"").append(i).append("\",\"dvm_name\":\"Record ").append(i).append("\"},");
        }
        byte[] noise = new byte[size - size / 2];
        new Random(7).nextBytes(noise);
        byte[] content = Arrays.copyOf(text.toString().getBytes(StandardCharsets.UTF_8), size);
        System.arraycopy(noise, 0, content, size / 2, noise.length);
        return content;
    }

    @Test
    void framesRoundTripAcrossBlocksIncludingIncompressibleOnes() {
        for (int size : new int[] {0, 1, 100_000, (4 << 20) + 17, 9 << 20}) {
            byte[] content = content(size);

            byte[] frame = Lz4Frame.compress(content);

            assertThat(Lz4Frame.isFrame(frame)).isTrue();
            assertThat(Lz4Frame.decompress(frame)).as("%d bytes", size).isEqualTo(content);
        }
    }

    @Test
    void framesAreTheStandardFormat() throws IOException {
        byte[] content = content(3 << 20);

        // read by lz4-java's own implementation of the frame format, which checks the header checksum
        try (LZ4FrameInputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(Lz4Frame.compress(content)))) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        // and the other way: a frame with checksums and 64 KB blocks, as the lz4 tool writes by default
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(written, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM,
                LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM)) {
            out.write(content);
        }
        assertThat(Lz4Frame.decompress(written.toByteArray())).isEqualTo(content);
    }

    @Test
    void damagedFramesAreRefusedSayingWhy() {
        byte[] frame = Lz4Frame.compress(content(200_000));

        byte[] cut = Arrays.copyOf(frame, frame.length / 2);
        assertThatThrownBy(() -> Lz4Frame.decompress(cut))
                .isInstanceOf(MalformedMessageException.class).hasMessageStartingWith("not a valid LZ4 frame");
        byte[] header = frame.clone();
        header[8] ^= 1; // the declared content size
        assertThatThrownBy(() -> Lz4Frame.decompress(header))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("header checksum mismatch");
        byte[] block = frame.clone();
        block[17] = 0x7F; // the first block's length, now beyond the frame (its data has no checksum: Kafka's CRC)
        assertThatThrownBy(() -> Lz4Frame.decompress(block))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("block of");
        byte[] linked = frame.clone();
        linked[4] &= ~0x20; // blocks that may refer to the ones before them, under a header checksum that matches
        linked[14] = (byte) (XXHashFactory.fastestInstance().hash32().hash(linked, 4, 10, 0) >> 8);
        assertThatThrownBy(() -> Lz4Frame.decompress(linked))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("linked blocks");
    }
}
