package dev.catalog.graphql.error;

import java.util.Optional;
import java.util.stream.Stream;

/** Walks an exception's causes, the exception first; stops at a cause that is its own cause. */
public final class Causes {

    private Causes() {
    }

    public static Stream<Throwable> of(Throwable failure) {
        return Stream.iterate(failure, cause -> cause != null, cause -> cause.getCause() == cause ? null : cause.getCause());
    }

    /** The first of the causes that is a {@code type}. */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        return of(failure).filter(type::isInstance).map(type::cast).findFirst();
    }
}
