package io.arktasksync.job;

import java.time.Duration;

import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

/**
 * The progress bar's one line, fitted to the terminal's width: what matters most (the share done and the count)
 * always, then the time left, the rate and the page as the width allows, the bar in whatever room is left. The
 * share shown never goes back: when a listing's total becomes known only as it starts (the second tier), the whole
 * grows and the bar waits for the count to catch up instead of jumping back. The time left is what remains at the
 * run's average rate, shown once the estimate has something to stand on.
 */
final class ProgressLine implements ProgressBarRenderer {

    /** Narrowest bar worth drawing (brackets excluded). */
    private static final int MIN_BAR = 8;

    /** The bar comes before the time left, the rate and the page: each is shown only if the bar keeps this much. */
    private static final int BAR_BEFORE_EXTRAS = 20;

    /** Before this share and this time, the rate says little about the rest of the run. */
    private static final double ESTIMATE_FROM_SHARE = 0.02;

    private static final Duration ESTIMATE_FROM_TIME = Duration.ofSeconds(5);

    private double shownShare;

    @Override
    public String render(ProgressState state, int maxLength) {
        return render(state.getCurrent(), state.isIndefinite() ? -1 : state.getMax(), state.getTotalElapsed(),
                state.getExtraMessage(), maxLength);
    }

    /**
     * @param read tasks read so far
     * @param total the listings' totals, or -1 while none is known
     * @param elapsed since the bar started
     * @param page e.g. {@code "page 7"}, may be empty
     * @param width the terminal's columns: the line stays one column short of them, so that it never wraps
     */
    synchronized String render(long read, long total, Duration elapsed, String page, int width) {
        int room = Math.max(width - 1, 1);
        boolean known = total > 0;
        if (known) {
            shownShare = Math.max(shownShare, Math.min(1.0, (double) read / total));
        }
        String share = known ? String.format("%3d%%", (int) Math.floor(shownShare * 100)) : "";
        String count = known ? read + "/" + total + " tasks" : read + " tasks";
        String left = known ? timeLeft(read, total, elapsed) : "";
        String rate = elapsed.toMillis() >= 1_000 ? Math.round(read * 1000.0 / elapsed.toMillis()) + "/s" : "";
        String pageText = page == null ? "" : page.strip();

        // optional parts, most useful first, while they fit beside the bar's minimum
        StringBuilder tail = new StringBuilder(count);
        for (String part : new String[] { left, rate, pageText }) {
            if (!part.isEmpty() && prefix(share, room).length() + 1 + tail.length() + 2 + part.length()
                    + (known ? BAR_BEFORE_EXTRAS + 3 : 0) <= room) {
                tail.append("  ").append(part);
            }
        }
        String head = prefix(share, room);
        int barWidth = room - head.length() - tail.length() - 4; // spaces and brackets
        StringBuilder line = new StringBuilder(head);
        if (known && barWidth >= MIN_BAR) {
            int filled = (int) Math.floor(shownShare * barWidth);
            line.append(" [").append("=".repeat(filled)).append(" ".repeat(barWidth - filled)).append("]");
        }
        line.append(line.length() == 0 ? "" : " ").append(tail);
        return line.length() <= room ? line.toString() : line.substring(0, room);
    }

    /** "Syncing  45%" where there is room for the word, else the share alone. */
    private static String prefix(String share, int room) {
        if (room < 50) {
            return share;
        }
        return share.isEmpty() ? "Syncing" : "Syncing " + share;
    }

    private String timeLeft(long read, long total, Duration elapsed) {
        if (shownShare < ESTIMATE_FROM_SHARE || elapsed.compareTo(ESTIMATE_FROM_TIME) < 0 || read == 0) {
            return "";
        }
        long remaining = Math.max(0, total - read);
        long seconds = Math.round(remaining * (elapsed.toMillis() / 1000.0) / read);
        return "ETA " + (seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60));
    }
}
