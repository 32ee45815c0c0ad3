package io.arktasksync.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** Samples of the Prometheus text format by series ({@code name{labels}} as written), comments skipped. */
public final class PrometheusText {

    private PrometheusText() {
    }

    public static Map<String, Double> samples(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        text.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.valueOf(line.substring(space + 1)));
        });
        return samples;
    }
}
