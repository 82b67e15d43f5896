package org.libertymail.adapter.ra;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import org.libertymail.adapter.api.AccessDeniedException;
import org.libertymail.adapter.api.StoreUnavailableException;
import org.libertymail.adapter.protocol.BackendUnavailableException;

/**
 * The message endpoints (MDBs) activated against the adapter, by listener interface. Sessions
 * call a proxy of the interface; each call borrows an endpoint for just that call, so the
 * container's transaction wraps exactly one store operation.
 */
final class EndpointRegistry {
    private final Map<Class<?>, List<MessageEndpointFactory>> factories = new ConcurrentHashMap<>();

    void activate(MessageEndpointFactory factory) {
        for (Class<?> listener : MailActivationSpec.LISTENERS) {
            if (listener.isAssignableFrom(factory.getEndpointClass())) {
                factories.computeIfAbsent(listener, k -> new CopyOnWriteArrayList<>()).add(factory);
            }
        }
    }

    void deactivate(MessageEndpointFactory factory) {
        factories.values().forEach(list -> list.remove(factory));
    }

    boolean isEmpty() {
        return factories.values().stream().allMatch(List::isEmpty);
    }

    /** A proxy that calls whichever endpoint implements {@code listener} at call time. */
    <T> T proxy(Class<T> listener) {
        InvocationHandler handler = (proxy, method, args) -> invoke(proxy, listener, method, args);
        return listener.cast(Proxy.newProxyInstance(listener.getClassLoader(), new Class<?>[] {listener}, handler));
    }

    /**
     * The container wraps what an MDB throws (EJBException); a store outage somewhere in the
     * chain becomes {@link BackendUnavailableException}, which every protocol answers with
     * "try again later"; a refusal for want of rights comes out as itself.
     */
    private static Throwable unavailableOr(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreUnavailableException || t instanceof BackendUnavailableException) {
                return new BackendUnavailableException(t.getMessage());
            }
            if (t instanceof AccessDeniedException denied) {
                return new AccessDeniedException(denied.getMessage());
            }
        }
        return thrown;
    }

    private Object invoke(Object proxy, Class<?> listener, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "toString" -> listener.getSimpleName() + " endpoint proxy";
                case "hashCode" -> System.identityHashCode(proxy);
                default -> args != null && args.length == 1 && args[0] == proxy;
            };
        }
        List<MessageEndpointFactory> candidates = factories.getOrDefault(listener, List.of());
        if (candidates.isEmpty()) {
            throw new BackendUnavailableException("Service not available (no " + listener.getSimpleName() + " endpoint)");
        }
        MessageEndpoint endpoint;
        try {
            endpoint = candidates.get(0).createEndpoint(null);
        } catch (UnavailableException e) {
            throw new BackendUnavailableException(e.getMessage());
        }
        try {
            return method.invoke(endpoint, args);
        } catch (InvocationTargetException e) {
            throw unavailableOr(e.getCause());
        } finally {
            endpoint.release();
        }
    }
}
