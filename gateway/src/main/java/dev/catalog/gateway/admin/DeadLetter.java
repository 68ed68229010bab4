package dev.catalog.gateway.admin;

import dev.catalog.query.infrastructure.DeadLetters;

/** The schema's {@code DeadLetter}: an event an asynchronous processor parked after it failed. */
public record DeadLetter(String id, String processor, String sequence, int index, String eventType, String aggregate,
                         String enqueuedAt, String lastTouched, String cause) {

    static DeadLetter of(DeadLetters.Letter letter) {
        return new DeadLetter(letter.id(), letter.processor(), letter.sequence(),
                (int) Math.min(letter.index(), Integer.MAX_VALUE), letter.eventType(), letter.aggregate(),
                letter.enqueuedAt(), letter.lastTouched(), letter.cause());
    }
}
