package io.arktasksync.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * The bytes the simulator serves for an output object: deterministic per object name and size, generated block by
 * block (a 300 MB "video" never sits in memory), so a test can compute the expected sha256 without downloading.
 */
public final class ContentBytes {

    static final int BLOCK = 64 * 1024;

    private ContentBytes() {
    }

    /** The default size of an object: 16..144 KiB for a video, 4..20 KiB for anything else, fixed per name. */
    public static long defaultSize(String object) {
        long seed = seed(object);
        long spread = Math.floorMod(seed, 128 * 1024L);
        return object.endsWith(".mp4") ? 16 * 1024 + spread : 4 * 1024 + spread / 8;
    }

    /** Block {@code index} of the object (the last one may be shorter). */
    static byte[] block(String object, long size, long index) {
        long offset = index * BLOCK;
        int length = (int) Math.min(BLOCK, size - offset);
        byte[] block = new byte[length];
        SplittableRandom random = new SplittableRandom(seed(object) ^ (index * 0x9E3779B97F4A7C15L));
        for (int i = 0; i < length; i += 8) {
            long value = random.nextLong();
            for (int b = 0; b < 8 && i + b < length; b++) {
                block[i + b] = (byte) (value >>> (8 * b));
            }
        }
        return block;
    }

    static long blocks(long size) {
        return (size + BLOCK - 1) / BLOCK;
    }

    /** Writes the whole object. */
    public static void write(String object, long size, OutputStream out) throws IOException {
        for (long i = 0; i < blocks(size); i++) {
            out.write(block(object, size, i));
        }
    }

    /** The lowercase hex sha256 of the object's bytes. */
    public static String sha256(String object, long size) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (long i = 0; i < blocks(size); i++) {
                digest.update(block(object, size, i));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long seed(String object) {
        long hash = 1125899906842597L;
        for (byte b : object.getBytes(StandardCharsets.UTF_8)) {
            hash = 31 * hash + b;
        }
        return hash;
    }
}
