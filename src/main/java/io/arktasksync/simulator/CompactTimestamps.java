package io.arktasksync.simulator;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Formats Unix seconds as the digit-only stamps used in task ids and TOS signatures.
 *
 * <p>Why hand-rolled: the generator formats three stamps per task for 250,000 tasks, and
 * {@code DateTimeFormatter} with a zone is the slowest part of that; these fixed layouts need no parser.
 */
final class CompactTimestamps {

    private CompactTimestamps() {
    }

    /** {@code yyyyMMdd} at the given offset. */
    static String day(long epochSecond, ZoneOffset offset) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, 0, offset);
        StringBuilder out = new StringBuilder(8);
        appendDate(out, time);
        return out.toString();
    }

    /** {@code yyyyMMddHHmmss} at the given offset. */
    static String dayAndTime(long epochSecond, ZoneOffset offset) {
        return stamp(epochSecond, offset, "");
    }

    /** {@code yyyyMMdd'T'HHmmss'Z'} in UTC, as in {@code X-Tos-Date}. */
    static String isoBasicUtc(long epochSecond) {
        return stamp(epochSecond, ZoneOffset.UTC, "T") + "Z";
    }

    private static String stamp(long epochSecond, ZoneOffset offset, String separator) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, 0, offset);
        StringBuilder out = new StringBuilder(16);
        appendDate(out, time);
        out.append(separator);
        appendTwoDigits(out, time.getHour());
        appendTwoDigits(out, time.getMinute());
        appendTwoDigits(out, time.getSecond());
        return out.toString();
    }

    private static void appendDate(StringBuilder out, LocalDateTime time) {
        out.append(time.getYear());
        appendTwoDigits(out, time.getMonthValue());
        appendTwoDigits(out, time.getDayOfMonth());
    }

    private static void appendTwoDigits(StringBuilder out, int value) {
        if (value < 10) {
            out.append('0');
        }
        out.append(value);
    }
}
