package io.arktasksync.simulator;

import java.nio.charset.StandardCharsets;

/**
 * Renders {@code {"total":N,"items":[...]}} by concatenating the items' cached bytes.
 *
 * <p>Why not a JSON writer: items are already serialized (and raw items must be spliced verbatim, even when
 * they are not what a JSON writer would produce), so the page is one exact-size array copy.
 */
final class PageRenderer {

    private static final byte[] ITEMS_START = ",\"items\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "]}".getBytes(StandardCharsets.US_ASCII);

    private PageRenderer() {
    }

    static byte[] render(Page page) {
        byte[] totalPart = ("{\"total\":" + page.total()).getBytes(StandardCharsets.US_ASCII);
        int length = totalPart.length + ITEMS_START.length + END.length + Math.max(0, page.items().size() - 1);
        for (byte[] item : page.items()) {
            length += item.length;
        }
        byte[] body = new byte[length];
        int at = copy(totalPart, body, 0);
        at = copy(ITEMS_START, body, at);
        boolean first = true;
        for (byte[] item : page.items()) {
            if (!first) {
                body[at++] = ',';
            }
            first = false;
            at = copy(item, body, at);
        }
        copy(END, body, at);
        return body;
    }

    /** The length of the page as {@link #write} sends it, filler included. */
    static long length(Page page) {
        long length = ("{\"total\":" + page.total()).length() + ITEMS_START.length + END.length
                + Math.max(0, page.items().size() - 1);
        for (int i = 0; i < page.items().size(); i++) {
            StoredItem.Stretch stretch = page.stretch(i);
            length += page.items().get(i).length + (stretch == null ? 0 : stretch.length());
        }
        return length;
    }

    /** Writes the page with each item's filler streamed in: what {@link #render} builds, without building it. */
    static void write(Page page, java.io.OutputStream out) throws java.io.IOException {
        out.write(("{\"total\":" + page.total()).getBytes(StandardCharsets.US_ASCII));
        out.write(ITEMS_START);
        byte[] filler = new byte[64 * 1024];
        for (int i = 0; i < page.items().size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            byte[] item = page.items().get(i);
            StoredItem.Stretch stretch = page.stretch(i);
            if (stretch == null) {
                out.write(item);
                continue;
            }
            out.write(item, 0, stretch.at());
            java.util.Arrays.fill(filler, stretch.fill());
            for (long left = stretch.length(); left > 0; left -= filler.length) {
                out.write(filler, 0, (int) Math.min(filler.length, left));
            }
            out.write(item, stretch.at(), item.length - stretch.at());
        }
        out.write(END);
    }

    private static int copy(byte[] source, byte[] target, int at) {
        System.arraycopy(source, 0, target, at, source.length);
        return at + source.length;
    }
}
