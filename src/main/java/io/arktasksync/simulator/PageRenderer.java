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

    private static int copy(byte[] source, byte[] target, int at) {
        System.arraycopy(source, 0, target, at, source.length);
        return at + source.length;
    }
}
