package io.aqueduct.httpflv.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a configuration annotation instance from its defaults plus overrides, as DS would. */
final class Annotations {

    private Annotations() {
    }

    @SuppressWarnings("unchecked")
    static <A> A of(Class<A> type, Map<String, Object> overrides) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (overrides.containsKey(method.getName())) {
                return overrides.get(method.getName());
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            return switch (method.getName()) {
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> type.getSimpleName();
                default -> throw new IllegalStateException("no value for " + method.getName());
            };
        });
    }
}
