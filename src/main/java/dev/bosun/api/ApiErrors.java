package dev.bosun.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.bosun.process.Escalations;
import dev.bosun.process.TaskLifecycle;

/** Errors of {@code /api} as {@code {"error": ..., "field": ...}} with a 4xx status. */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<Map<String, String>> badRequest(BadRequestException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage(), e.field());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return error(
                HttpStatus.BAD_REQUEST,
                "the request body is not valid JSON: "
                        + e.getMostSpecificCause()
                                .getMessage()
                                .lines()
                                .findFirst()
                                .orElse(""),
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

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message, String field) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", message);
        if (field != null) {
            body.put("field", field);
        }
        return ResponseEntity.status(status).body(body);
    }
}
