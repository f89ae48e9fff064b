package io.dvmigrate.contracts;

import java.util.Arrays;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The LZ4 frame format (lz4's own, which {@code lz4 -d} reads): how chunks cross Kafka. Compressing the chunk here
 * rather than in the producer's record batch spares the broker, which decompresses every compressed batch it receives
 * to validate it; the bytes on the broker are the same. Frames written here carry their content size and independent
 * blocks of up to 4 MB, no checksums (Kafka's batch CRC guards the transport); any frame of independent blocks without
 * a dictionary reads.
 */
final class Lz4Frame {
    private static final int MAGIC = 0x184D2204;
    private static final int VERSION = 0x40;
    private static final int BLOCK_INDEPENDENCE = 0x20;
    private static final int BLOCK_CHECKSUM = 0x10;
    private static final int CONTENT_SIZE = 0x08;
    private static final int CONTENT_CHECKSUM = 0x04;
    private static final int DICTIONARY_ID = 0x01;
    private static final int MAX_BLOCK = 4 << 20;
    private static final int BLOCK_SIZE_4MB = 7 << 4;
    private static final int UNCOMPRESSED_BLOCK = 0x80000000;

    // the fastest codec there is: native when the system class loader loaded lz4-java, Java otherwise
    private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();
    private static final XXHash32 XXHASH = XXHashFactory.fastestInstance().hash32();

    private Lz4Frame() {
    }

    static boolean isFrame(byte[] bytes) {
        return bytes.length >= 4 && intLE(bytes, 0) == MAGIC;
    }

    /** The content size a frame declares in its header, or -1 when it does not. */
    static long declaredSize(byte[] frame) {
        return frame.length >= 14 && (frame[4] & CONTENT_SIZE) != 0 ? longLE(frame, 6) : -1;
    }

    static byte[] compress(byte[] content) {
        int blocks = Math.max(1, (content.length + MAX_BLOCK - 1) / MAX_BLOCK);
        byte[] out = new byte[15 + blocks * (4 + COMPRESSOR.maxCompressedLength(MAX_BLOCK)) + 4];
        putIntLE(out, 0, MAGIC);
        out[4] = (byte) (VERSION | BLOCK_INDEPENDENCE | CONTENT_SIZE);
        out[5] = (byte) BLOCK_SIZE_4MB;
        putLongLE(out, 6, content.length);
        out[14] = headerChecksum(out, 4, 10);
        int at = 15;
        for (int from = 0; from < content.length; from += MAX_BLOCK) {
            int length = Math.min(MAX_BLOCK, content.length - from);
            int compressed = COMPRESSOR.compress(content, from, length, out, at + 4, out.length - at - 8);
            if (compressed < length) {
                putIntLE(out, at, compressed);
                at += 4 + compressed;
            } else { // incompressible: stored as it is
                putIntLE(out, at, length | UNCOMPRESSED_BLOCK);
                System.arraycopy(content, from, out, at + 4, length);
                at += 4 + length;
            }
        }
        putIntLE(out, at, 0); // end mark
        return Arrays.copyOf(out, at + 4);
    }

    /** The frame's content; a frame that is cut short, damaged or of an unknown kind is refused, saying how. */
    static byte[] decompress(byte[] frame) {
        try {
            return read(frame);
        } catch (LZ4Exception | ArrayIndexOutOfBoundsException e) {
            throw new MalformedMessageException("not a valid LZ4 frame: " + e.getMessage(), e);
        }
    }

    private static byte[] read(byte[] frame) {
        int flags = frame[4] & 0xFF;
        expect((flags & 0xC0) == VERSION, "version bits " + (flags >> 6) + " (01 expected)");
        expect((flags & DICTIONARY_ID) == 0, "frames with a dictionary are not read");
        expect((flags & BLOCK_INDEPENDENCE) != 0, "frames of linked blocks are not read (lz4 -BD writes them)");
        int maxBlock = 1 << (8 + 2 * ((frame[5] >> 4) & 0x7));
        expect(maxBlock >= 64 << 10, "block size code " + ((frame[5] >> 4) & 0x7));
        int descriptorEnd = 6 + ((flags & CONTENT_SIZE) != 0 ? 8 : 0);
        expect(frame[descriptorEnd] == headerChecksum(frame, 4, descriptorEnd - 4), "header checksum mismatch");
        long declared = declaredSize(frame);
        // LZ4 expands at most about 255 times: a larger declared size is a damaged header, not an allocation to make
        expect(declared <= Math.min(Integer.MAX_VALUE - 8, 255L * frame.length), "content of " + declared + " bytes");
        byte[] content = new byte[declared >= 0 ? (int) declared : Math.max(maxBlock, frame.length * 4)];
        int written = 0;
        int at = descriptorEnd + 1;
        while (true) {
            int header = intLE(frame, at);
            at += 4;
            if (header == 0) {
                break;
            }
            int length = header & ~UNCOMPRESSED_BLOCK;
            expect(length <= maxBlock && at + length <= frame.length, "block of " + length + " bytes at " + at);
            if (declared < 0 && content.length - written < maxBlock) {
                content = Arrays.copyOf(content, content.length * 2);
            }
            if ((header & UNCOMPRESSED_BLOCK) != 0) {
                expect(length <= content.length - written, "more content than the declared " + declared + " bytes");
                System.arraycopy(frame, at, content, written, length);
                written += length;
            } else {
                written += DECOMPRESSOR.decompress(frame, at, length, content, written, content.length - written);
            }
            at += length;
            if ((flags & BLOCK_CHECKSUM) != 0) {
                expect(intLE(frame, at) == XXHASH.hash(frame, at - length, length, 0), "block checksum mismatch");
                at += 4;
            }
        }
        expect(declared < 0 || written == declared, declared + " bytes declared, " + written + " found");
        if ((flags & CONTENT_CHECKSUM) != 0) {
            expect(intLE(frame, at) == XXHASH.hash(content, 0, written, 0), "content checksum mismatch");
        }
        return written == content.length ? content : Arrays.copyOf(content, written);
    }

    private static byte headerChecksum(byte[] bytes, int from, int length) {
        return (byte) (XXHASH.hash(bytes, from, length, 0) >> 8);
    }

    private static void expect(boolean condition, String message) {
        if (!condition) {
            throw new MalformedMessageException("not a valid LZ4 frame: " + message);
        }
    }

    private static int intLE(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8 | (bytes[at + 2] & 0xFF) << 16 | (bytes[at + 3] & 0xFF) << 24;
    }

    private static long longLE(byte[] bytes, int at) {
        return (intLE(bytes, at) & 0xFFFFFFFFL) | (long) intLE(bytes, at + 4) << 32;
    }

    private static void putIntLE(byte[] bytes, int at, int value) {
        bytes[at] = (byte) value;
        bytes[at + 1] = (byte) (value >> 8);
        bytes[at + 2] = (byte) (value >> 16);
        bytes[at + 3] = (byte) (value >> 24);
    }

    private static void putLongLE(byte[] bytes, int at, long value) {
        putIntLE(bytes, at, (int) value);
        putIntLE(bytes, at + 4, (int) (value >> 32));
    }
}
