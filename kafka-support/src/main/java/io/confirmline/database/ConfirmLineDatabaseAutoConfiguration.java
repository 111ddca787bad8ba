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
package io.confirmline.database;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * What every service with a database (the orchestrator, the notifier, the console) checks of its server, and the
 * upkeep of its queue tables when the server does not do it.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
            "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration"
        })
@ConditionalOnClass(DatabaseClient.class)
@EnableConfigurationProperties(TableUpkeepProperties.class)
public class ConfirmLineDatabaseAutoConfiguration {

    @Bean
    @ConditionalOnBean(DatabaseClient.class)
    AutovacuumCheck autovacuumCheck(DatabaseClient db) {
        return new AutovacuumCheck(db);
    }

    @Bean
    @ConditionalOnBean(DatabaseClient.class)
    QueueTableUpkeep queueTableUpkeep(DatabaseClient db, AutovacuumCheck server, TableUpkeepProperties properties) {
        return new QueueTableUpkeep(db, server, properties);
    }
}
