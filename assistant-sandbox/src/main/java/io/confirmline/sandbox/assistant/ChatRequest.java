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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/**
 * A chat-completions request as the scripted model reads it: the guest's latest text, the tools offered and the
 * tool results already in the conversation.
 *
 * <p>The guest's text is looked for where ConfirmLine's assistant puts it: a JSON array of texts between
 * {@code <conversation>} and {@code </conversation>} in the last user message, the latest {@code "from":"guest"}
 * entry. Any other client still gets an answer: without that block the whole last user message is read.
 */
final class ChatRequest {

    /** The block itself, not a mention of its markers in the prose around it: the marker, then the array. */
    private static final Pattern DATA_BLOCK =
            Pattern.compile("<conversation>\\s*(\\[.*])\\s*</conversation>", Pattern.DOTALL);

    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");

    private final JsonNode body;
    private final JsonMapper json;

    ChatRequest(JsonNode body, JsonMapper json) {
        this.body = body;
        this.json = json;
    }

    String model() {
        return body.path("model").asString("sandbox-model");
    }

    /** The names of the function tools the client offers. */
    List<String> offeredTools() {
        List<String> names = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            String name = tool.path("function").path("name").asString("");
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** The results of the tools already called in this conversation, by tool name (JSON when they are JSON). */
    Map<String, JsonNode> toolResults() {
        Map<String, String> namesById = new HashMap<>();
        Map<String, JsonNode> results = new LinkedHashMap<>();
        for (JsonNode message : body.path("messages")) {
            for (JsonNode call : message.path("tool_calls")) {
                namesById.put(
                        call.path("id").asString(""),
                        call.path("function").path("name").asString(""));
            }
            if ("tool".equals(message.path("role").asString(""))) {
                String name =
                        namesById.getOrDefault(message.path("tool_call_id").asString(""), "");
                results.put(name, parsed(text(message.path("content"))));
            }
        }
        return results;
    }

    /** The guest's latest text, or the last user message's text when it has no conversation block. */
    String guestText() {
        String user = lastUserText();
        Matcher data = DATA_BLOCK.matcher(user);
        if (!data.find()) {
            return user;
        }
        String block = data.group(1);
        try {
            String latest = null;
            for (JsonNode text : json.readTree(block)) {
                if ("guest".equalsIgnoreCase(text.path("from").asString(""))) {
                    latest = text.path("text").asString("");
                }
            }
            return latest != null ? latest : block;
        } catch (JacksonException notJson) {
            return block;
        }
    }

    /** The first ISO date in the last user message outside its conversation block (the venue's today). */
    Optional<String> today() {
        String user = lastUserText();
        Matcher data = DATA_BLOCK.matcher(user);
        String outside = data.find() ? user.substring(0, data.start()) + user.substring(data.end()) : user;
        Matcher date = ISO_DATE.matcher(outside);
        return date.find() ? Optional.of(date.group(1)) : Optional.empty();
    }

    private String lastUserText() {
        String last = "";
        for (JsonNode message : body.path("messages")) {
            if ("user".equals(message.path("role").asString(""))) {
                last = text(message.path("content"));
            }
        }
        return last;
    }

    /** A message's content: a string, or the text parts of a content array. */
    private static String text(JsonNode content) {
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                text.append(part.path("text").asString(""));
            }
            return text.toString();
        }
        return content.asString("");
    }

    private JsonNode parsed(String content) {
        try {
            return json.readTree(content);
        } catch (JacksonException notJson) {
            return StringNode.valueOf(content);
        }
    }
}
