package io.confirmline.ingress.webhook;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every refused webhook gets an RFC 9457 problem+json body that says why. */
@RestControllerAdvice
public class WebhookProblems {

    @ExceptionHandler(WebhookRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(WebhookRejectedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.title());
        problem.setType(URI.create("https://confirmline.io/problems/webhook-" + e.status().value()));
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, "5");
        }
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"8x8-webhooks\"");
        }
        return response.body(problem);
    }
}
