package dev.teller.server.events.internal;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.modulith.events.support.CompletionRegisteringAdvisor;
import org.springframework.stereotype.Component;

/**
 * Keeps Spring Modulith's completion tracking to the listeners whose publications the registry keeps. Out of the
 * box it wraps every after-commit listener and, around each call, marks the event's publication as being processed
 * and then completed: for the live pushes (a message to the chat's sockets and the staff feed, several per customer
 * message), whose publications are never stored ({@code spring.modulith.events.registry-trigger-annotation}), that
 * is two database updates that match nothing, and an event serialized to JSON, per push (seen in a profile under the
 * load generator; the load runs themselves vary too much between runs to show its share, docs/performance.md). So
 * the advisor is replaced with one that only wraps {@link ApplicationModuleListener} methods.
 */
@Component
class CompletionsOfModuleListenersOnly implements BeanDefinitionRegistryPostProcessor {

    /** The name Spring Modulith's event publication configuration gives its advisor. */
    static final String ADVISOR = "completionRegisteringAdvisor";

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (!registry.containsBeanDefinition(ADVISOR)) {
            throw new IllegalStateException(
                    "Spring Modulith's " + ADVISOR
                            + " is not where it was: check CompletionsOfModuleListenersOnly against the Spring Modulith in use");
        }
        registry.removeBeanDefinition(ADVISOR);
        RootBeanDefinition advisor = new RootBeanDefinition(ModuleListenerCompletions.class);
        advisor.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        registry.registerBeanDefinition(ADVISOR, advisor);
    }

    /** The library's advisor, matching only methods annotated {@link ApplicationModuleListener}. */
    static class ModuleListenerCompletions extends CompletionRegisteringAdvisor {

        private final Pointcut pointcut;

        ModuleListenerCompletions(ObjectFactory<EventPublicationRegistry> registry) {
            super(registry::getObject);
            this.pointcut = new ComposablePointcut(super.getPointcut())
                    .intersection(new AnnotationMatchingPointcut(null, ApplicationModuleListener.class, true));
        }

        @Override
        public Pointcut getPointcut() {
            return pointcut;
        }
    }
}
