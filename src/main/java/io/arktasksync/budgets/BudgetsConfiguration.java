package io.arktasksync.budgets;

import org.jdbi.v3.core.Jdbi;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BudgetsConfiguration {

    @Bean
    BudgetImportCommand budgetImportCommand(Jdbi jdbi) {
        return new BudgetImportCommand(jdbi);
    }

    @Bean
    BudgetDao budgetDao(Jdbi jdbi) {
        return jdbi.onDemand(BudgetDao.class);
    }
}
