package dev.teller.server.security.internal;

import dev.teller.intents.text.CardNumbers;
import java.util.Map;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * An error names what it could not find or read: the request's path ({@code instance}, {@code path}) and sometimes
 * what was asked for. A path is whatever the client wrote, a card number included, so errors say it masked.
 */
@Configuration(proxyBeanMethods = false)
class MaskedErrors {

    /** Problem details written by Spring MVC: their {@code instance} and {@code detail} masked. */
    @ControllerAdvice
    static class Problems implements ResponseBodyAdvice<Object> {
        @Override
        public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
            return true;
        }

        @Override
        public Object beforeBodyWrite(
                Object body,
                MethodParameter returnType,
                MediaType contentType,
                Class<? extends HttpMessageConverter<?>> converterType,
                ServerHttpRequest request,
                ServerHttpResponse response) {
            if (body instanceof ProblemDetail p) {
                if (p.getInstance() != null) {
                    p.setInstance(java.net.URI.create(
                            CardNumbers.mask(p.getInstance().toString()).replace(" ", "%20")));
                }
                p.setDetail(CardNumbers.mask(p.getDetail()));
            }
            return body;
        }
    }

    /** The container's own error page ({@code /error}, for what no handler took): its path and message masked. */
    @Bean
    ErrorAttributes maskedErrorAttributes() {
        return new DefaultErrorAttributes() {
            @Override
            public Map<String, Object> getErrorAttributes(
                    WebRequest request, org.springframework.boot.web.error.ErrorAttributeOptions options) {
                Map<String, Object> attributes = super.getErrorAttributes(request, options);
                attributes.computeIfPresent("path", (k, v) -> CardNumbers.mask(String.valueOf(v)));
                attributes.computeIfPresent("message", (k, v) -> CardNumbers.mask(String.valueOf(v)));
                return attributes;
            }
        };
    }
}
