package io.arktasksync.persistence;

import java.util.List;

import io.arktasksync.mapping.MappingResult;
import io.arktasksync.mapping.TaskRow;
import io.arktasksync.mapping.UsageRow;

/**
 * A chunk of tasks turned inside out, one array per column, so that one {@code unnest(...)} statement writes the
 * whole chunk: one round trip instead of one per row. Bound by name with {@code @BindMethods}.
 */
public record TaskColumns(String[] ids, String[] models, String[] statuses, String[] serviceTiers,
        String[] videoUrls, String[] lastFrameUrls, String[] fileUrls, String[] errorCodes, String[] errorMessages,
        String[] resolutions, String[] ratios, Integer[] durations, Integer[] frames, Integer[] fps, Long[] seeds,
        Long[] createdAts, Long[] updatedAts, String[] raws, Boolean[] hasUsage, Long[] completionTokens,
        Long[] totalTokens, String[] toolUsages) {

    /** @param tasks distinct by id: PostgreSQL refuses to upsert one row twice in a statement */
    public static TaskColumns of(List<MappingResult.Mapped> tasks) {
        int n = tasks.size();
        TaskColumns c = new TaskColumns(new String[n], new String[n], new String[n], new String[n], new String[n],
                new String[n], new String[n], new String[n], new String[n], new String[n], new String[n],
                new Integer[n], new Integer[n], new Integer[n], new Long[n], new Long[n], new Long[n], new String[n],
                new Boolean[n], new Long[n], new Long[n], new String[n]);
        for (int i = 0; i < n; i++) {
            TaskRow t = tasks.get(i).task();
            UsageRow u = tasks.get(i).usage();
            c.ids[i] = t.id();
            c.models[i] = t.model();
            c.statuses[i] = t.status();
            c.serviceTiers[i] = t.serviceTier();
            c.videoUrls[i] = t.videoUrl();
            c.lastFrameUrls[i] = t.lastFrameUrl();
            c.fileUrls[i] = t.fileUrl();
            c.errorCodes[i] = t.errorCode();
            c.errorMessages[i] = t.errorMessage();
            c.resolutions[i] = t.resolution();
            c.ratios[i] = t.ratio();
            c.durations[i] = t.duration();
            c.frames[i] = t.frames();
            c.fps[i] = t.fps();
            c.seeds[i] = t.seed();
            c.createdAts[i] = t.createdAt();
            c.updatedAts[i] = t.updatedAt();
            c.raws[i] = t.rawJson();
            c.hasUsage[i] = u != null;
            c.completionTokens[i] = u == null ? null : u.completionTokens();
            c.totalTokens[i] = u == null ? null : u.totalTokens();
            c.toolUsages[i] = u == null ? null : u.toolUsageJson();
        }
        return c;
    }
}
