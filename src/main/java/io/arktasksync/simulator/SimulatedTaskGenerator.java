package io.arktasksync.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic, realistic task data: the same {@code (count, randomSeed, now)} always gives the same list.
 *
 * <p>Why realistic: the sync under test must cope with what a real account returns, so the mix follows
 * {@code ARK_API.md}: about 85% succeeded, 6% failed, 3% running, 2% queued, 2% cancelled, 2% expired; 80%
 * default tier and 20% flex (hidden by the API's default tier filter); creation spread over the last 7 days;
 * usage computed from the video size; failures that name their error {@code failure_reason} a third of the
 * time; and extra fields, some of which no client knows yet.
 *
 * <p>Timing follows the lifecycle: queued and running tasks are recent (last 6 hours), cancelled ones are
 * younger than a day (they are deleted after 24 h), expired ones ran out their 48 h. Every
 * {@code updated_at} is at or before {@code now}.
 */
public final class SimulatedTaskGenerator {

    static final List<String> MODELS = List.of(
            "doubao-seedance-1-0-pro-250528",
            "doubao-seedance-1-0-lite-t2v-250428",
            "doubao-seedance-1-0-lite-i2v-250428",
            "doubao-seedance-1-0-pro-fast-251015",
            "seedance-1-5-pro-251215");
    private static final double[] MODEL_WEIGHTS = {0.35, 0.15, 0.15, 0.20, 0.15};

    private static final long MINUTE = 60;
    private static final long HOUR = 3_600;
    private static final long DAY = 86_400;
    private static final long WEEK = 7 * DAY;
    private static final int FPS = 24;

    private static final List<FailureKind> FAILURES = List.of(
            new FailureKind("OutputVideoSensitiveContentDetected",
                    "The request failed because the output video may contain sensitive information.", 0.50),
            new FailureKind("InputTextSensitiveContentDetected",
                    "The request failed because the input text may contain sensitive information.", 0.20),
            new FailureKind("InputImageSensitiveContentDetected",
                    "The request failed because the input image may contain sensitive information.", 0.15),
            new FailureKind("InternalServiceError",
                    "The service encountered an unexpected internal error.", 0.15));

    private static final List<String> REVISED_PROMPTS = List.of(
            "A red fox runs through fresh snow at dawn, cinematic, slow motion.",
            "一只橘猫在窗台上打哈欠，阳光洒在它的毛上，镜头缓慢推进。",
            "Drone shot over a \"neon\" city at night;\nrain reflects the signs.",
            "A paper boat drifts down a gutter stream 🌧️, macro lens, shallow depth of field.",
            "Close-up of hands kneading dough on a wooden table, warm light, 4K.");

    private final Random random;
    private final long now;
    private final TaskIds ids;
    private final ContentUrls urls;

    private SimulatedTaskGenerator(long randomSeed, long now) {
        this.random = new Random(randomSeed);
        this.now = now;
        this.ids = new TaskIds(random);
        this.urls = new ContentUrls(random);
    }

    /**
     * @param count      number of tasks, all with distinct ids
     * @param randomSeed seed of the only source of randomness
     * @param now        the moment the data is "listed"; creation times fall in the 7 days before it
     */
    public static List<SimulatedTask> generate(int count, long randomSeed, Instant now) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        SimulatedTaskGenerator generator = new SimulatedTaskGenerator(randomSeed, now.getEpochSecond());
        List<SimulatedTask> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tasks.add(generator.next());
        }
        return tasks;
    }

    private SimulatedTask next() {
        String model = MODELS.get(pick(MODEL_WEIGHTS));
        String status = status();
        String tier = random.nextDouble() < 0.80 ? "default" : "flex";
        long createdAt = createdAt(status);
        long updatedAt = updatedAt(status, createdAt);
        String id = ids.next(createdAt);

        String resolution = pickOf(new String[] {"480p", "720p", "1080p"}, new double[] {0.20, 0.50, 0.30});
        String ratio = ratio(model);
        String geometryRatio = "adaptive".equals(ratio)
                ? pickOf(new String[] {"16:9", "9:16", "4:3"}, new double[] {0.5, 0.3, 0.2})
                : ratio;
        Map<String, Object> extra = new LinkedHashMap<>();
        Integer duration = null;
        int frames;
        if (random.nextDouble() < 0.05) {
            frames = random.nextBoolean() ? 121 : 241;
            extra.put("frames", frames);
        } else {
            duration = random.nextDouble() < 0.70 ? 5 : 10;
            frames = FrameSize.framesFor(duration, FPS);
        }
        long seed = random.nextInt(Integer.MAX_VALUE);
        long tokens = FrameSize.of(resolution, geometryRatio).tokensFor(frames);

        Long completionTokens = null;
        Long totalTokens = null;
        String videoUrl = null;
        String lastFrameUrl = null;
        String errorCode = null;
        String errorMessage = null;
        boolean asFailureReason = false;
        if ("succeeded".equals(status)) {
            completionTokens = tokens;
            totalTokens = tokens;
            videoUrl = urls.video(id, updatedAt);
            lastFrameUrl = random.nextDouble() < 0.80 ? urls.lastFrame(id, updatedAt) : null;
        } else if ("failed".equals(status)) {
            FailureKind failure = FAILURES.get(pick(FAILURES.stream().mapToDouble(FailureKind::weight).toArray()));
            errorCode = failure.code();
            errorMessage = failure.message();
            asFailureReason = random.nextInt(3) == 0;
            if (random.nextBoolean()) {
                completionTokens = 0L;
                totalTokens = 0L;
            }
            if (random.nextDouble() < 0.10) {
                extra.put("content", Map.of());
            }
        }
        addExtraFields(extra, model, tier);
        return new SimulatedTask(id, model, status, tier, createdAt, updatedAt,
                completionTokens, totalTokens, videoUrl, lastFrameUrl, errorCode, errorMessage, asFailureReason,
                resolution, ratio, duration, FPS, seed, extra);
    }

    private String status() {
        return pickOf(new String[] {"succeeded", "failed", "running", "queued", "cancelled", "expired"},
                new double[] {0.85, 0.06, 0.03, 0.02, 0.02, 0.02});
    }

    private long createdAt(String status) {
        return switch (status) {
            case "queued", "running" -> now - between(1, 6 * HOUR);
            case "cancelled" -> now - between(10 * MINUTE, DAY - MINUTE);
            case "expired" -> now - between(SimulatedTask.EXECUTION_EXPIRES_AFTER_SECONDS + MINUTE, WEEK - MINUTE);
            default -> now - between(10 * MINUTE, WEEK - MINUTE);
        };
    }

    private long updatedAt(String status, long createdAt) {
        return switch (status) {
            case "queued" -> createdAt;
            case "running" -> createdAt + between(0, Math.min(10 * MINUTE, now - createdAt));
            case "expired" -> createdAt + SimulatedTask.EXECUTION_EXPIRES_AFTER_SECONDS;
            default -> createdAt + between(30, 10 * MINUTE);
        };
    }

    /** Text-to-video cannot follow an input image, so only image-capable models get "adaptive". */
    private String ratio(String model) {
        String ratio = pickOf(new String[] {"16:9", "9:16", "1:1", "adaptive"}, new double[] {0.50, 0.25, 0.10, 0.15});
        return "adaptive".equals(ratio) && model.contains("-t2v-") ? "16:9" : ratio;
    }

    private void addExtraFields(Map<String, Object> extra, String model, String tier) {
        if (model.startsWith("seedance-1-5")) {
            extra.put("generate_audio", random.nextDouble() < 0.70);
            extra.put("draft", random.nextDouble() < 0.05);
        }
        if ("flex".equals(tier) && random.nextDouble() < 0.30) {
            extra.put("priority", random.nextInt(10));
        }
        if (random.nextDouble() < 0.08) {
            extra.put("revised_prompt", REVISED_PROMPTS.get(random.nextInt(REVISED_PROMPTS.size())));
        }
        if (random.nextDouble() < 0.03) {
            extra.put("safety_identifier", "user-" + Integer.toHexString(random.nextInt()));
        }
        if (random.nextDouble() < 0.01) {
            extra.put("x_future_field", Map.of("a", 1));
        }
    }

    /** Uniform in [from, to], inclusive; {@code to < from} gives {@code from}. */
    private long between(long from, long to) {
        return to <= from ? from : from + (long) (random.nextDouble() * (to - from + 1));
    }

    private String pickOf(String[] values, double[] weights) {
        return values[pick(weights)];
    }

    private int pick(double[] weights) {
        double roll = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < weights.length - 1; i++) {
            cumulative += weights[i];
            if (roll < cumulative) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private record FailureKind(String code, String message, double weight) {
    }
}
