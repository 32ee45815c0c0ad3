package io.arktasksync.archive;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Archiving is on when {@code ark.archive.url} is set to something (an empty value counts as unset). */
class ArchiveEnabled implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Binder.get(context.getEnvironment())
            .bind("ark.archive.url", Bindable.of(String.class))
            .map(url -> !url.isBlank())
            .orElse(false);
    }
}
