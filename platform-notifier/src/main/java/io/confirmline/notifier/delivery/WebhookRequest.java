package io.confirmline.notifier.delivery;

import java.net.URI;
import java.util.Map;

/** One attempt's request, ready to send: where, the signed headers, and the exact body that was signed. */
public record WebhookRequest(URI url, Map<String, String> headers, String body) {

    public WebhookRequest {
        headers = Map.copyOf(headers);
    }
}
