package io.arktasksync.run;

import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RunConfiguration {

    /**
     * The registry where {@code JobOperator.restart} looks a job up by name. Spring Batch builds a private one when
     * there is no bean; as a bean, {@link AccountJobs} can add each account's job name to it. It registers the
     * context's {@code Job} beans itself.
     */
    @Bean
    JobRegistry jobRegistry() {
        return new MapJobRegistry();
    }
}
