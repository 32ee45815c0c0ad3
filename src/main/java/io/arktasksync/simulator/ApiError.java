package io.arktasksync.simulator;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An error answer in the shape the Ark SDKs parse: {@code {"error":{"code","message","param","type"}}}.
 *
 * <p>The factories hold the texts of the errors the simulator produces itself, so that every path
 * answers the same way and tests can compare against them.
 *
 * @param status  HTTP status
 * @param code    e.g. {@code InvalidParameter.page_num}
 * @param message human-readable explanation
 * @param param   the offending parameter, or ""
 * @param type    error category, e.g. {@code BadRequest}
 */
record ApiError(int status, String code, String message, String param, String type) {

    static ApiError unauthorized() {
        return new ApiError(401, "AuthenticationError",
                "The API key in the request is missing or invalid.", "", "Unauthorized");
    }

    static ApiError notFound() {
        return new ApiError(404, "NotFound", "The requested resource was not found.", "", "NotFound");
    }

    static ApiError methodNotAllowed(String method) {
        return new ApiError(405, "MethodNotAllowed",
                "The method " + method + " is not allowed for this resource.", "", "MethodNotAllowed");
    }

    /** {@code InvalidParameter.<param>}, as the real API names a bad query parameter. */
    static ApiError invalidParameter(String param, String why) {
        return new ApiError(400, "InvalidParameter." + param,
                "The parameter `" + param + "` specified in the request is not valid: " + why + ".",
                param, "BadRequest");
    }

    /** A query the simulator cannot even decode (e.g. broken percent-encoding). */
    static ApiError invalidQuery(String why) {
        return new ApiError(400, "InvalidParameter",
                "The request query is not valid: " + why + ".", "", "BadRequest");
    }

    static ApiError internal(String why) {
        return new ApiError(500, "InternalServiceError",
                "The service encountered an unexpected internal error: " + why, "", "InternalServerError");
    }

    SimulatedResponse toResponse(JsonMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.put("param", param);
        error.put("type", type);
        return SimulatedResponse.json(status, mapper.writeValueAsBytes(root));
    }
}
