package io.confirmline.console.alert;

/**
 * What the owner asked to be texted about, and where.
 *
 * @param ownerPhone the owner's mobile, E.164
 * @param lateCancelHours alert on a guest's cancellation less than this many hours before the booking; null: off
 * @param unansweredMinutes alert on a guest's message unanswered longer than this; null: off
 * @param language the owner's page language when they saved (the alerts' language): {@code en} or {@code es}
 */
public record AlertSettings(String ownerPhone, Integer lateCancelHours, Integer unansweredMinutes, String language) {
}
