package io.arktasksync.client;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code error} object of an error body, or a snippet of whatever else came back (HTML, text). */
record ApiErrorBody(String code, String message) {

    static ApiErrorBody from(byte[] body, JsonMapper mapper) {
        try {
            JsonNode error = mapper.readTree(body).path("error");
            if (error.isObject()) {
                return new ApiErrorBody(JsonText.of(error.get("code")),
                        String.valueOf(JsonText.of(error.get("message"))));
            }
        }
        catch (JacksonException notJson) {
            // fall through: report what came back instead
        }
        return new ApiErrorBody(null, "body starts with: " + TaskPageParser.snippet(body));
    }
}
