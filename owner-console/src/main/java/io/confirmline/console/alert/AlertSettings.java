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
package io.confirmline.console.alert;

/**
 * What the owner asked to be texted about, and where.
 *
 * @param ownerPhone the owner's mobile, E.164
 * @param lateCancelHours alert on a guest's cancellation less than this many hours before the booking; null: off
 * @param unansweredMinutes alert on a guest's message unanswered longer than this; null: off
 * @param language the owner's page language when they saved (the alerts' language): {@code en} or {@code es}
 */
public record AlertSettings(String ownerPhone, Integer lateCancelHours, Integer unansweredMinutes, String language) {}
