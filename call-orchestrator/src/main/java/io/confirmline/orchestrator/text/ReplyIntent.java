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
package io.confirmline.orchestrator.text;

/** What a guest's text reply asks for, as {@link ReplyParser} reads it (the table is docs/sms-keywords.md). */
public enum ReplyIntent {
    /** A clear yes (or the confirm digit): the booking is confirmed while it stands. */
    CONFIRM,
    /** A clear no (or the cancel digit): the booking is cancelled by the guest while it stands. */
    CANCEL,
    /** The guest revokes consent (STOP and its equivalents): no more texts or calls from this tenant. */
    OPT_OUT,
    /** The guest opts back in (START, UNSTOP). */
    OPT_IN,
    /** The guest asks for help (HELP, INFO): answered with the tenant's help text. */
    HELP,
    /** Anything else, including mixed answers and questions: a message for the owner, never decided here. */
    UNCLEAR
}
