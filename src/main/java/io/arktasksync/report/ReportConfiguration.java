package io.arktasksync.report;

import io.arktasksync.budgets.BudgetDao;
import org.jdbi.v3.core.Jdbi;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReportConfiguration {

    @Bean
    ReportDao reportDao(Jdbi jdbi) {
        return jdbi.onDemand(ReportDao.class);
    }

    @Bean
    ReportCommand reportCommand(ReportDao reportDao, Jdbi jdbi, BudgetDao budgetDao) {
        return new ReportCommand(reportDao, new FocusCsvExport(jdbi), budgetDao);
    }
}
