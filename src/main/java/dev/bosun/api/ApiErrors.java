package dev.bosun.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.bosun.process.Escalations;
import dev.bosun.process.TaskLifecycle;

/**
 * Errors of {@code /api}'s controllers as {@code {"error": ..., "field": ...}} with a 4xx status.
 * Spring's other refusals (a missing parameter, 404, 405) and unexpected exceptions (500) get the
 * same shape from {@link ApiErrorResponses}.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

    /** Jackson's words when {@code spring.jackson.parser.strict-duplicate-detection} finds a key twice. */
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("^Duplicate field '(.*)'");

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<Map<String, String>> badRequest(BadRequestException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage(), e.field());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() == null) {
            // Spring's own message here names the controller method's signature
            return error(HttpStatus.BAD_REQUEST, "the request body must be a JSON object; it was empty", null);
        }
        Throwable cause = e.getMostSpecificCause();
        String reason = cause instanceof JacksonException jackson ? jackson.getOriginalMessage() : cause.getMessage();
        Matcher duplicate = DUPLICATE_FIELD.matcher(reason == null ? "" : reason);
        if (duplicate.find()) {
            String field = duplicate.group(1);
            if (FieldText.problem(field).isPresent()) { // it could not be written back intact
                return error(HttpStatus.BAD_REQUEST, "a field is given twice; give each field once", null);
            }
            return error(HttpStatus.BAD_REQUEST, "field '" + field + "' is given twice; give each field once", field);
        }
        return error(
                HttpStatus.BAD_REQUEST,
                "the request body is not valid JSON: "
                        + (reason == null ? "" : reason.lines().findFirst().orElse("")),
                null);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, String>> unsupportedType(HttpMediaTypeNotSupportedException e) {
        return error(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type " + (e.getContentType() == null ? "(none)" : "'" + e.getContentType() + "'")
                        + " is not accepted: send JSON with Content-Type: application/json",
                null);
    }

    @ExceptionHandler(Escalations.NoOpenEscalationException.class)
    ResponseEntity<Map<String, String>> conflict(Escalations.NoOpenEscalationException e) {
        return error(HttpStatus.CONFLICT, e.getMessage(), null);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Map<String, String>> conflict(ConflictException e) {
        return error(HttpStatus.CONFLICT, e.getMessage(), null);
    }

    @ExceptionHandler(TaskLifecycle.TaskRefusedException.class)
    ResponseEntity<Map<String, String>> refused(TaskLifecycle.TaskRefusedException e) {
        HttpStatus status = switch (e.kind()) {
            case BAD_INPUT -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
        };
        return error(status, e.getMessage(), e.field());
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<Map<String, String>> forbidden(ForbiddenException e) {
        return error(HttpStatus.FORBIDDEN, e.getMessage(), null);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(NotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage(), null);
    }

    private static ResponseEntity<Map<String, String>> error(
            HttpStatus status, String message, @Nullable String field) {
        return ResponseEntity.status(status).body(body(message, field));
    }

    /** The one error shape of {@code /api}: {@code field} is always there, null when no one field is at fault. */
    static Map<String, String> body(String message, @Nullable String field) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("field", field);
        return body;
    }
}
