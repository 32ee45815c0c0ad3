package io.arktasksync.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the elements of a JSON array in raw bytes, without decoding them, so that a page the JSON parser refuses
 * because of one element can still be read element by element.
 * <p>
 * Only the array's structure is checked: brackets outside strings must match, strings must end, elements must be
 * separated by commas and none may be empty, and the array must end before the body does. What is inside an element
 * (names, escapes, numbers) is left to the parser. Working on bytes is safe with UTF-8: every byte of a multi-byte
 * character is 0x80 or above, so none can be mistaken for a bracket, quote, backslash or comma.
 */
final class JsonArraySplitter {

    private JsonArraySplitter() {
    }

    /**
     * One element: bytes {@code [start, end)} of the body, without the whitespace around it.
     */
    record Element(int start, int end) {

        int length() {
            return end - start;
        }

        /** Whether the element is a bracketed object ({@code {...}}), as a task item should be. */
        boolean isObject(byte[] body) {
            return body[start] == '{' && body[end - 1] == '}';
        }
    }

    /**
     * @param elements the array's elements, in order
     * @param end index of the array's closing bracket
     */
    record Split(List<Element> elements, int end) {
    }

    /** Where the scan is among the array's elements (outside any nested value). */
    private enum State {
        /** before an element: only whitespace so far */
        NONE,
        /** inside a bare scalar (number, true, false, null, or garbage) */
        SCALAR,
        /** inside a string or a bracketed value */
        OPEN,
        /** after a complete string or bracketed value: only whitespace, a comma or the end may follow */
        DONE
    }

    /**
     * @param body the bytes holding the array
     * @param arrayStart index of the array's opening bracket
     * @return the elements, or empty when the array's structure is not intact (cut short, unbalanced, an element
     *         missing between commas, two values without a comma)
     */
    static Optional<Split> split(byte[] body, int arrayStart) {
        if (arrayStart < 0 || arrayStart >= body.length || body[arrayStart] != '[') {
            return Optional.empty();
        }
        List<Element> elements = new ArrayList<>();
        StringBuilder open = new StringBuilder();
        State state = State.NONE;
        boolean inString = false;
        boolean afterComma = false;
        int start = -1;
        int lastSignificant = -1;
        for (int i = arrayStart + 1; i < body.length; i++) {
            byte b = body[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                }
                else if (b == '"') {
                    inString = false;
                    if (open.isEmpty()) {
                        state = State.DONE;
                    }
                }
                lastSignificant = i;
                continue;
            }
            if (isWhitespace(b)) {
                if (state == State.SCALAR) {
                    state = State.DONE;
                }
                continue;
            }
            if (!open.isEmpty()) {
                switch (b) {
                    case '"' -> inString = true;
                    case '{', '[' -> open.append((char) b);
                    case '}', ']' -> {
                        char expected = b == '}' ? '{' : '[';
                        if (open.charAt(open.length() - 1) != expected) {
                            return Optional.empty();
                        }
                        open.setLength(open.length() - 1);
                        if (open.isEmpty()) {
                            state = State.DONE;
                        }
                    }
                    default -> {
                        // inside a value: the parser judges it
                    }
                }
                lastSignificant = i;
                continue;
            }
            switch (b) {
                case ',' -> {
                    if (state == State.NONE) {
                        return Optional.empty();
                    }
                    elements.add(new Element(start, lastSignificant + 1));
                    state = State.NONE;
                    afterComma = true;
                }
                case ']' -> {
                    if (state == State.NONE) {
                        // "[]" is an empty array; "[1,]" lacks an element
                        return afterComma ? Optional.empty() : Optional.of(new Split(elements, i));
                    }
                    elements.add(new Element(start, lastSignificant + 1));
                    return Optional.of(new Split(elements, i));
                }
                case '}' -> {
                    return Optional.empty();
                }
                default -> {
                    if (state == State.DONE || (state == State.SCALAR && (b == '"' || b == '{' || b == '['))) {
                        return Optional.empty();
                    }
                    if (state == State.NONE) {
                        start = i;
                        state = b == '"' || b == '{' || b == '[' ? State.OPEN : State.SCALAR;
                    }
                    if (b == '"') {
                        inString = true;
                    }
                    else if (b == '{' || b == '[') {
                        open.append((char) b);
                    }
                    lastSignificant = i;
                }
            }
        }
        // The body ended inside the array: cut short.
        return Optional.empty();
    }

    /** JSON's four whitespace characters. */
    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
