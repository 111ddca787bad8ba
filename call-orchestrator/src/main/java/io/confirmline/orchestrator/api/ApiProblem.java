package io.confirmline.orchestrator.api;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A refused API request, answered as RFC 9457 problem+json by {@link ApiProblems}.
 *
 * @param errors for a 400, one entry per invalid field, so a client can show each next to its input
 */
public class ApiProblem extends RuntimeException {

    /** One invalid field of a request body. */
    public record FieldError(String field, String message) {
    }

    private final HttpStatus status;
    private final transient List<FieldError> errors;

    public ApiProblem(HttpStatus status, String detail) {
        this(status, detail, List.of());
    }

    private ApiProblem(HttpStatus status, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.errors = errors;
    }

    /**
     * A 400 naming every invalid field; {@code problems} are {@code "field: what is wrong"}, as the validators
     * word them.
     */
    public static ApiProblem invalid(List<String> problems) {
        List<FieldError> errors = problems.stream().map(problem -> {
            int colon = problem.indexOf(": ");
            return colon < 0 ? new FieldError(null, problem)
                    : new FieldError(problem.substring(0, colon), problem.substring(colon + 2));
        }).toList();
        return new ApiProblem(HttpStatus.BAD_REQUEST, String.join("; ", problems), errors);
    }

    public static ApiProblem unauthorized() {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "A tenant API key is required: Authorization: Bearer <key>");
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
