package dev.catalog.platform.processing;

import java.util.OptionalLong;

/**
 * A processor whose lag is judged against a limit of its own instead of {@code catalog.processing.readiness-max-lag}.
 * The module that owns the processor declares it as a bean; the query side's processors health (readiness) applies
 * it, so one rule judges every processor's lag while each module owns its processor's limit.
 *
 * @param processor the processing group, e.g. {@code kafka-publisher}
 * @param maxLag    events the processor may be behind the head of the store on an instance before the instance is
 *                  not ready; empty: its lag never takes the instance out of readiness
 */
public record ProcessorLagLimit(String processor, OptionalLong maxLag) {
}
