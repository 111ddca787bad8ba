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
package io.confirmline.console.live;

import io.confirmline.console.readmodel.BoardRow;
import io.confirmline.console.readmodel.LiveChange;
import io.confirmline.console.readmodel.ThreadLine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Server-Sent Events frames of {@code /live} as bytes: {@code id:}, {@code event: booking|conversation} and
 * {@code data:} (the row as the page shows it). Each change is encoded once and its bytes shared by every open
 * page of its tenant; a batch of changes becomes one array, written and flushed once per stream.
 */
@Component
class LiveFrames {

    /** The latest changes' frames: a change reaches every open page within moments, so a few thousand suffice. */
    private static final int KEPT = 8192;

    private static final byte[] HEARTBEAT = ":heartbeat\n\n".getBytes(StandardCharsets.UTF_8);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<Long, byte[]> frames = new LinkedHashMap<>(KEPT, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > KEPT;
        }
    };

    /** The first frame of a stream: how long the browser waits before reconnecting, and a comment. */
    byte[] hello(Duration reconnect) {
        return ("retry:" + reconnect.toMillis() + "\n:live\n\n").getBytes(StandardCharsets.UTF_8);
    }

    byte[] heartbeat() {
        return HEARTBEAT;
    }

    /** The frames of a batch of changes, in order, as one array. */
    byte[] of(List<LiveChange> batch) {
        byte[][] parts = new byte[batch.size()][];
        int size = 0;
        synchronized (frames) {
            for (int i = 0; i < parts.length; i++) {
                LiveChange change = batch.get(i);
                parts[i] = frames.computeIfAbsent(change.id(), id -> encode(change));
                size += parts[i].length;
            }
        }
        if (parts.length == 1) {
            return parts[0];
        }
        byte[] joined = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        return joined;
    }

    private static byte[] encode(LiveChange change) {
        boolean booking = change.kind() == LiveChange.Kind.BOOKING;
        // JSON has no raw line breaks (they are escaped), so the data fits one data: line.
        String data = JSON.writeValueAsString(booking ? booking(change) : conversation(change));
        return ("id:" + change.id() + "\nevent:" + (booking ? "booking" : "conversation") + "\ndata:" + data + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> booking(LiveChange change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reservationId", change.subject());
        BoardRow row = change.booking();
        if (row != null) {
            data.put("startsAt", row.startsAtMillis());
            data.put("time", row.time());
            data.put("guestName", row.guestName());
            data.put("partySize", row.partySize());
            data.put("status", row.status());
            data.put("attempt", row.attempt());
            data.put("channel", row.channel());
            data.put("lastChange", row.lastChange());
            data.put("cancelled", row.cancelled());
            data.put("ended", row.ended());
        }
        return data;
    }

    private static Map<String, Object> conversation(LiveChange change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("phone", change.subject());
        ThreadLine thread = change.thread();
        if (thread != null) {
            data.put("unread", thread.unread());
            data.put(
                    "lastMessageAt",
                    thread.lastMessageAt() == null
                            ? null
                            : thread.lastMessageAt().toString());
            data.put("lastBody", thread.lastBody());
            data.put("takenOver", thread.takenOverAt() != null);
            data.put("optedOut", thread.optedOut());
        }
        return data;
    }
}
