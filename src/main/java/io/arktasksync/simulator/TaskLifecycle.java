package io.arktasksync.simulator;

import java.util.Random;

/**
 * The moves a task makes after it is submitted, for a caller that evolves a simulated account over time (the demo):
 * a new task, its start, and its end with the usage and URLs the generator would have given it.
 */
public final class TaskLifecycle {

    private TaskLifecycle() {
    }

    /**
     * A new task shaped like {@code template} (model, tier, size, extra fields), submitted at {@code createdAt}:
     * queued, without usage, under a fresh id.
     */
    public static SimulatedTask submitted(SimulatedTask template, long createdAt, Random random) {
        String id = new TaskIds(random).next(createdAt);
        return new SimulatedTask(id, template.model(), "queued", template.serviceTier(), createdAt, createdAt, null, null,
                null, null, null, null, false, template.resolution(), template.ratio(), template.duration(),
                template.framesPerSecond(), template.seed(), template.extraFields());
    }

    /** The task succeeded at {@code updatedAt}: billed for its frames, with its video's URLs. */
    public static SimulatedTask succeeded(SimulatedTask task, long updatedAt, Random random) {
        String ratio = "adaptive".equals(task.ratio()) ? "16:9" : task.ratio();
        int frames = task.duration() != null ? FrameSize.framesFor(task.duration(), task.framesPerSecond())
                : ((Number) task.extraFields().getOrDefault("frames", 121)).intValue();
        long tokens = FrameSize.of(task.resolution(), ratio).tokensFor(frames);
        ContentUrls urls = new ContentUrls(random);
        return new SimulatedTask(task.id(), task.model(), "succeeded", task.serviceTier(), task.createdAt(), updatedAt,
                tokens, tokens, urls.video(task.id(), updatedAt), urls.lastFrame(task.id(), updatedAt), null, null,
                false, task.resolution(), task.ratio(), task.duration(), task.framesPerSecond(), task.seed(),
                task.extraFields());
    }

    /** The task failed at {@code updatedAt} with an internal error, billed nothing. */
    public static SimulatedTask failed(SimulatedTask task, long updatedAt) {
        return new SimulatedTask(task.id(), task.model(), "failed", task.serviceTier(), task.createdAt(), updatedAt,
                0L, 0L, null, null, "InternalServiceError", "The service encountered an unexpected internal error.",
                false, task.resolution(), task.ratio(), task.duration(), task.framesPerSecond(), task.seed(),
                task.extraFields());
    }
}
