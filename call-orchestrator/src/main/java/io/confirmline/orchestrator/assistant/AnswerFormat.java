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
package io.confirmline.orchestrator.assistant;

import java.util.Arrays;
import org.springframework.ai.converter.StructuredOutputConverter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer's shape, as Spring AI's structured output asks the model for it, and its reading.
 *
 * <p>The JSON schema is written here rather than generated from {@link ModelAnswer}: OpenAI's strict
 * {@code json_schema} mode (what {@code useProviderStructuredOutput()} sends) wants every property required and
 * "not said" spelled as {@code null}, which a generated schema does not express; the same schema goes into the
 * prompt for servers without native support ({@link #getFormat()}). Reading never throws: an answer that is not this
 * JSON is {@link Unreadable}, so that the usage of the call is still counted and the guest gets the template.
 */
final class AnswerFormat implements StructuredOutputConverter<AnswerFormat.Reading> {

    /** What was read from the model's content. */
    sealed interface Reading {}

    record Read(ModelAnswer answer) implements Reading {}

    /** @param why words for the log, never the content (it may repeat the guest's text) */
    record Unreadable(String why) implements Reading {}

    static final String SCHEMA = """
            {
              "type": "object",
              "additionalProperties": false,
              "required": ["intent", "reply", "date", "time", "partySize"],
              "properties": {
                "intent": {"type": "string", "enum": %s,
                  "description": "What the guest wants, read from their latest texts"},
                "reply": {"type": "string",
                  "description": "The reply to text the guest: their language, at most 320 characters, no links"},
                "date": {"type": ["string", "null"],
                  "description": "CHANGE_REQUEST or BOOKING_REQUEST: the wanted date, yyyy-MM-dd; null when not said"},
                "time": {"type": ["string", "null"],
                  "description": "CHANGE_REQUEST or BOOKING_REQUEST: the wanted time, HH:mm (24 h); null when not said"},
                "partySize": {"type": ["integer", "null"],
                  "description": "CHANGE_REQUEST or BOOKING_REQUEST: how many people; null when not said"}
              }
            }""".formatted(Arrays.stream(AssistantVerdict.Intent.values())
            .map(i -> "\"" + i.name() + "\"")
            .toList());

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Override
    public String getJsonSchema() {
        return SCHEMA;
    }

    @Override
    public String getFormat() {
        return """
                Your answer is one JSON object and nothing else: no explanation, no markdown code block.
                It follows this JSON Schema:
                """ + SCHEMA;
    }

    @Override
    public Reading convert(String content) {
        String text = content == null ? "" : content.strip();
        // Some servers wrap JSON in a markdown block even when told not to.
        if (text.startsWith("```")) {
            text = text.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```$", "");
        }
        if (!text.startsWith("{")) {
            return new Unreadable(text.isEmpty() ? "an empty answer" : "an answer that is not a JSON object");
        }
        try {
            return new Read(json.readValue(text, ModelAnswer.class));
        } catch (JacksonException e) {
            return new Unreadable(
                    "an answer that is not the JSON asked for (" + e.getClass().getSimpleName() + ")");
        }
    }
}
