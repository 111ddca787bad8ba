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
package io.confirmline.notifier.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    // The Standard Webhooks specification's published example (spec, "Signature scheme").
    static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long SPEC_TIMESTAMP = 1614265330L;
    static final String SPEC_BODY = "{\"test\": 2432232314}";
    static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void matchesTheSpecsPublishedTestVector() {
        assertThat(new WebhookSigner(List.of(SPEC_SECRET)).sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
                .isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void anIndependentHmacOfIdTimestampAndBodyAgrees() throws Exception {
        String secret = "whsec_"
                + Base64.getEncoder()
                        .encodeToString("a-secret-of-thirty-two-bytes-ok!".getBytes(StandardCharsets.UTF_8));
        String body = "{\"type\":\"reservation.confirmed\",\"timestamp\":\"2026-11-21T20:00:00Z\",\"data\":{}}";

        String signature = new WebhookSigner(List.of(secret)).sign("msg_1", 1763755200L, body);

        assertThat(signature).isEqualTo("v1," + hmac(secret, "msg_1.1763755200." + body));
    }

    @Test
    void everyActiveSecretSignsSoEitherVerifiesDuringRotation() throws Exception {
        String oldSecret = SPEC_SECRET;
        String newSecret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

        String header = new WebhookSigner(List.of(oldSecret, newSecret)).sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);

        assertThat(header.split(" "))
                .containsExactly(
                        SPEC_SIGNATURE, "v1," + hmac(newSecret, SPEC_ID + "." + SPEC_TIMESTAMP + "." + SPEC_BODY));
    }

    /** What a platform would compute: HMAC-SHA256 keyed with the base64-decoded secret, base64 encoded. */
    static String hmac(String secret, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
