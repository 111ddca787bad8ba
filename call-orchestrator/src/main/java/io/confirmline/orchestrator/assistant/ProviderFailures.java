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

import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import io.confirmline.orchestrator.assistant.AssistantVerdict.Failure;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Names what went wrong with a provider call (issue #17 item 5). The words are for the log and the owner: a status,
 * an exception's kind — never the provider's message, which may quote the request and with it the guest's text.
 */
final class ProviderFailures {

    private ProviderFailures() {}

    static AssistantVerdict.Failed of(Throwable error, Duration timeout) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof InterruptedIOException) {
                return new AssistantVerdict.Failed(Failure.TIMEOUT, "The provider gave no answer within " + timeout);
            }
            if (cause instanceof RateLimitException) {
                return new AssistantVerdict.Failed(Failure.RATE_LIMITED, "The provider answered 429 (rate limited)");
            }
            if (cause instanceof UnauthorizedException || cause instanceof PermissionDeniedException) {
                return new AssistantVerdict.Failed(
                        Failure.PROVIDER_ERROR,
                        "The provider refused the API key (" + ((OpenAIServiceException) cause).statusCode()
                                + "): check confirmline.assistant.api-key");
            }
            if (cause instanceof OpenAIServiceException service) {
                return new AssistantVerdict.Failed(
                        Failure.PROVIDER_ERROR, "The provider answered " + service.statusCode());
            }
            if (cause instanceof OpenAIInvalidDataException) {
                return new AssistantVerdict.Failed(
                        Failure.MALFORMED, "The provider's answer was not a chat completion");
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return new AssistantVerdict.Failed(
                        Failure.PROVIDER_ERROR,
                        "The provider could not be reached (" + cause.getClass().getSimpleName() + ")");
            }
        }
        return new AssistantVerdict.Failed(
                Failure.PROVIDER_ERROR,
                "The provider call failed: " + error.getClass().getName());
    }
}
