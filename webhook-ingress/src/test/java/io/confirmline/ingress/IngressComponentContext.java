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
package io.confirmline.ingress;

import static io.confirmline.ingress.IngressTestSupport.CLINIC_AUTH;
import static io.confirmline.ingress.IngressTestSupport.CLINIC_SMS_NUMBER;
import static io.confirmline.ingress.IngressTestSupport.LUIGIS_AUTH;
import static io.confirmline.ingress.IngressTestSupport.LUIGIS_SMS_NUMBER;
import static io.confirmline.ingress.IngressTestSupport.LUIGIS_SMS_SUBACCOUNT;

import io.confirmline.testing.TestInfrastructure;
import java.nio.file.Files;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ingress on the shared broker and registry with two tenants (voice and SMS), called over real HTTP. Test
 * classes that extend it share one application context (Spring caches it by this configuration), so a new class of
 * component tests costs no new start.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "confirmline.tenants[0].id=luigis",
            "confirmline.tenants[0].subaccount-id=luigis_voice",
            "confirmline.tenants[0].auth-token=" + LUIGIS_AUTH,
            "confirmline.tenants[0].sms-subaccount-id=" + LUIGIS_SMS_SUBACCOUNT,
            "confirmline.tenants[0].sms-numbers[0]=" + LUIGIS_SMS_NUMBER,
            "confirmline.tenants[1].id=clinic",
            "confirmline.tenants[1].subaccount-id=clinic_voice",
            "confirmline.tenants[1].auth-token=" + CLINIC_AUTH,
            "confirmline.tenants[1].sms-subaccount-id=clinic_sms",
            "confirmline.tenants[1].sms-numbers[0]=" + CLINIC_SMS_NUMBER
        })
@AutoConfigureWebTestClient
@AutoConfigureMetrics
abstract class IngressComponentContext {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestInfrastructure.kafka(registry);
        String spool = Files.createTempDirectory("ingress-spool").toString();
        registry.add("confirmline.ingress.publish.spool-directory", () -> spool);
    }
}
