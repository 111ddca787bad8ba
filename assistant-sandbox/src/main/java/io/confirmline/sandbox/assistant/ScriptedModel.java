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

import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Answers a chat request from the script: a call of the rule's tool first, when due, then the rule's answer. */
final class ScriptedModel {

    /** What the model says: call a tool, or answer with this content. */
    sealed interface Turn {}

    record ToolCall(String tool) implements Turn {}

    record Content(String json) implements Turn {}

    private final JsonMapper json;
    private volatile Script script;

    ScriptedModel(Script script, JsonMapper json) {
        this.script = script;
        this.json = json;
    }

    void use(Script script) {
        this.script = script;
    }

    Turn answer(ChatRequest request) {
        String guestText = request.guestText();
        Optional<Script.Match> found = script.firstMatch(guestText);
        if (found.isEmpty()) {
            return new Content(json.writeValueAsString(
                    json.createObjectNode().put("intent", "OTHER").put("reply", "Thanks for your message!")));
        }
        Script.Rule rule = found.get().rule();
        Map<String, JsonNode> toolResults = request.toolResults();
        if (rule.tool().isPresent()
                && request.offeredTools().contains(rule.tool().get())
                && !toolResults.containsKey(rule.tool().get())) {
            return new ToolCall(rule.tool().get());
        }
        Placeholders placeholders =
                new Placeholders(found.get().groups(), toolResults, Placeholders.todayOrNow(request.today()));
        ObjectNode answer = json.createObjectNode();
        rule.answer()
                .properties()
                .forEach(field -> answer.set(field.getKey(), filled(field.getKey(), field.getValue(), placeholders)));
        return new Content(json.writeValueAsString(answer));
    }

    private JsonNode filled(String name, JsonNode value, Placeholders placeholders) {
        if (!value.isString()) {
            return value;
        }
        String text = placeholders.fill(value.asString()).trim();
        if (text.isEmpty()) {
            return json.nullNode();
        }
        if (name.equals("partySize") && text.matches("\\d{1,3}")) {
            return json.getNodeFactory().numberNode(Integer.parseInt(text));
        }
        return json.getNodeFactory().stringNode(text);
    }
}
