package io.confirmline.console.language;

import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * The pages' language is the browser's (Accept-Language), among those the console has words for: English
 * (messages.properties) and Spanish (messages_es.properties). A browser asking for neither gets English, so a
 * page's {@code lang} always names the language its words are in.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleLanguages {

    /** The languages of the console's messages files; the first is the default. */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"));

    /** Replaces WebFlux's default resolver (same bean name), which would pass through any language asked for. */
    @Bean(WebHttpHandlerBuilder.LOCALE_CONTEXT_RESOLVER_BEAN_NAME)
    LocaleContextResolver localeContextResolver() {
        AcceptHeaderLocaleContextResolver resolver = new AcceptHeaderLocaleContextResolver();
        resolver.setSupportedLocales(SUPPORTED);
        resolver.setDefaultLocale(SUPPORTED.get(0));
        return resolver;
    }
}
