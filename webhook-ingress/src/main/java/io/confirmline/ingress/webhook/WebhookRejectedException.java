package io.confirmline.ingress.webhook;

import org.springframework.http.HttpStatus;

/** A webhook we refuse, with the status and the reason 8x8 (or whoever sent it) gets back as problem+json. */
public class WebhookRejectedException extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    public WebhookRejectedException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static WebhookRejectedException badRequest(String detail) {
        return new WebhookRejectedException(HttpStatus.BAD_REQUEST, "Invalid webhook", detail);
    }

    public static WebhookRejectedException unauthorized(String detail) {
        return new WebhookRejectedException(HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
