package dev.catalog.kafka;

/** Kafka could not take a batch; the publisher retries it from the same position. */
class KafkaUnavailableException extends RuntimeException {

    KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
