/*
 * Copyright 2026 the ConfirmLine authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.confirmline.sandbox.assistant;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** OpenAI's chat-completion and error bodies. */
final class Completions {

    private final JsonMapper json;
    private final AtomicLong ids = new AtomicLong();

    Completions(JsonMapper json) {
        this.json = json;
    }

    /** A completion whose single choice carries the model's turn (a tool call or content). */
    ObjectNode completion(JsonNode request, ScriptedModel.Turn turn) {
        ObjectNode message = json.createObjectNode().put("role", "assistant");
        String finishReason;
        String produced;
        if (turn instanceof ScriptedModel.ToolCall call) {
            message.putNull("content");
            ObjectNode toolCall = message.putArray("tool_calls")
                    .addObject()
                    .put("id", "call_sandbox_" + ids.incrementAndGet())
                    .put("type", "function");
            toolCall.putObject("function").put("name", call.tool()).put("arguments", "{}");
            finishReason = "tool_calls";
            produced = json.writeValueAsString(message.path("tool_calls"));
        } else {
            String content = ((ScriptedModel.Content) turn).json();
            message.put("content", content);
            finishReason = "stop";
            produced = content;
        }
        ObjectNode completion = envelope(request);
        completion
                .putArray("choices")
                .addObject()
                .put("index", 0)
                .set("message", message)
                .put("finish_reason", finishReason);
        usage(completion, request, produced);
        return completion;
    }

    /** A completion whose content is prose instead of the JSON asked for. */
    ObjectNode malformed(JsonNode request) {
        String prose = "Sure! The guest seems to want something; I would suggest replying politely.";
        ObjectNode completion = envelope(request);
        completion
                .putArray("choices")
                .addObject()
                .put("index", 0)
                .set("message", json.createObjectNode().put("role", "assistant").put("content", prose))
                .put("finish_reason", "stop");
        usage(completion, request, prose);
        return completion;
    }

    /** A completion with no choice at all. */
    ObjectNode empty(JsonNode request) {
        ObjectNode completion = envelope(request);
        completion.putArray("choices");
        usage(completion, request, "");
        return completion;
    }

    /** OpenAI's error body: {@code {"error":{"message","type","param","code"}}}. */
    ObjectNode error(String message, String type, String code) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return body;
    }

    private ObjectNode envelope(JsonNode request) {
        return json.createObjectNode()
                .put("id", "chatcmpl-sandbox-" + ids.incrementAndGet())
                .put("object", "chat.completion")
                .put("created", Instant.now().getEpochSecond())
                .put("model", request.path("model").asString("sandbox-model"));
    }

    /**
     * Token counts estimated as OpenAI's tokenizers average on English text, about four characters a token, over
     * everything the model would read (messages, tools, response format) and what it wrote: close enough to see
     * what an answer costs (docs/assistant.md), not a bill.
     */
    private void usage(ObjectNode completion, JsonNode request, String produced) {
        StringBuilder read = new StringBuilder();
        for (String part : new String[] {"messages", "tools", "response_format"}) {
            if (request.has(part)) {
                read.append(json.writeValueAsString(request.get(part)));
            }
        }
        int prompt = tokens(read.toString());
        int completionTokens = tokens(produced);
        completion
                .putObject("usage")
                .put("prompt_tokens", prompt)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", prompt + completionTokens);
    }

    static int tokens(String text) {
        return (text.length() + 3) / 4;
    }
}
