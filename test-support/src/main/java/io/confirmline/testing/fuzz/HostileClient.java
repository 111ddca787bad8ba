package io.confirmline.testing.fuzz;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Sends generated requests over real HTTP/1.1 (kept-alive connections, {@code concurrency} at a time) and
 * returns every answer; a request the client cannot even put on the wire is an {@link Answer} with an error.
 */
public final class HostileClient implements AutoCloseable {

    /** What came back; {@code error} when no response did (timeout, connection reset). */
    public record Answer(HostileRequest request, int status, String contentType, String body, Throwable error) {

        /** The checks every endpoint must pass: no 5xx, and every 4xx a problem+json with its status in the body. */
        public String violation() {
            if (error != null) {
                return "no answer: " + error;
            }
            if (status >= 500) {
                return "5xx";
            }
            if (status >= 400) {
                if (contentType == null || !contentType.startsWith("application/problem+json")) {
                    return "4xx without application/problem+json (Content-Type " + contentType + ")";
                }
                boolean head = request.method().equals("HEAD");
                if (!head && !body.matches("(?s).*\"status\"\\s*:\\s*" + status + "\\b.*")) {
                    return "problem without \"status\":" + status;
                }
            }
            return null;
        }

        public String describe() {
            return request.describe() + "\n  -> " + status + " " + contentType + " "
                    + (body == null ? "" : body.substring(0, Math.min(body.length(), 300)));
        }
    }

    private final String baseUrl;
    private final int concurrency;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient http;

    public HostileClient(String baseUrl, int concurrency) {
        this.baseUrl = baseUrl;
        this.concurrency = concurrency;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Whether the JDK's client can send it at all (a valid URI, header names and values it accepts). */
    public boolean sendable(HostileRequest request) {
        try {
            build(request);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public List<Answer> sendAll(List<HostileRequest> requests) throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        List<CompletableFuture<Answer>> answers = new ArrayList<>(requests.size());
        for (HostileRequest request : requests) {
            slots.acquire();
            CompletableFuture<Answer> answer;
            try {
                answer = http.sendAsync(build(request), HttpResponse.BodyHandlers.ofByteArray())
                        .handle((response, error) -> error != null
                                ? new Answer(request, 0, null, null, error)
                                : new Answer(request, response.statusCode(),
                                        response.headers().firstValue("Content-Type").orElse(null),
                                        new String(response.body(), StandardCharsets.UTF_8), null));
            } catch (IllegalArgumentException e) {
                answer = CompletableFuture.completedFuture(new Answer(request, 0, null, null, e));
            }
            answers.add(answer.whenComplete((a, e) -> slots.release()));
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }

    private HttpRequest build(HostileRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.path()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (Map.Entry<String, String> header : request.headers()) {
            builder.header(header.getKey(), header.getValue());
        }
        return builder.build();
    }

    @Override
    public void close() {
        // Java 17's HttpClient has no close(); its connections go with its executor.
        executor.shutdownNow();
    }
}
