package io.arktasksync.prices;

import org.jdbi.v3.core.Jdbi;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PricesConfiguration {

    @Bean
    PriceImportCommand priceImportCommand(Jdbi jdbi) {
        return new PriceImportCommand(jdbi);
    }

    @Bean
    PriceAssumptionImportCommand priceAssumptionImportCommand(Jdbi jdbi) {
        return new PriceAssumptionImportCommand(jdbi);
    }
}
