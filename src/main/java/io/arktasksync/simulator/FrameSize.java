package io.arktasksync.simulator;

/**
 * Pixel size of a generated video, and the token count Seedance bills for it.
 *
 * <p>Why: generated usage must be plausible, not random: a sync that sums tokens per model should see the
 * numbers a real account would. Seedance bills {@code width * height * frames / 1024} tokens, which gives the
 * documented example: 1280x720, 5 s at 24 fps (121 frames) = 108,900.
 *
 * @param width  pixels
 * @param height pixels
 */
record FrameSize(int width, int height) {

    /**
     * The output size for a resolution and a concrete aspect ratio ({@code 16:9}, {@code 9:16}, {@code 1:1},
     * {@code 4:3}); "adaptive" must be resolved to one of these by the caller.
     */
    static FrameSize of(String resolution, String aspectRatio) {
        int shortSide = switch (resolution) {
            case "480p" -> 480;
            case "720p" -> 720;
            case "1080p" -> 1080;
            default -> throw new IllegalArgumentException("unknown resolution: " + resolution);
        };
        return switch (aspectRatio) {
            case "16:9" -> new FrameSize(wide(shortSide, 16, 9), shortSide);
            case "9:16" -> new FrameSize(shortSide, wide(shortSide, 16, 9));
            case "4:3" -> new FrameSize(wide(shortSide, 4, 3), shortSide);
            case "1:1" -> new FrameSize(shortSide * 4 / 3, shortSide * 4 / 3);
            default -> throw new IllegalArgumentException("unknown aspect ratio: " + aspectRatio);
        };
    }

    /** Frames of a clip given in seconds: Seedance renders one more than duration x fps (5 s at 24 fps = 121). */
    static int framesFor(int durationSeconds, int framesPerSecond) {
        return durationSeconds * framesPerSecond + 1;
    }

    long tokensFor(int frames) {
        return (long) width * height * frames / 1024;
    }

    /** The long side for a short side, rounded down to an even number as video encoders require. */
    private static int wide(int shortSide, int numerator, int denominator) {
        return shortSide * numerator / denominator / 2 * 2;
    }
}
