package dev.catalog.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

class TimeOrderedIdentifierFactoryTest {

    private final TimeOrderedIdentifierFactory factory = new TimeOrderedIdentifierFactory();

    @Test
    void axon_uses_it_for_every_message_identifier() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
    }

    @Test
    void identifiers_are_version_7_uuids_carrying_the_millisecond_they_were_made_in() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(factory.generateIdentifier());
        long after = System.currentTimeMillis();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void identifiers_made_in_a_later_millisecond_sort_after_earlier_ones_as_text() throws InterruptedException {
        String earlier = factory.generateIdentifier();
        Thread.sleep(2);
        String later = factory.generateIdentifier();

        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void identifiers_made_at_once_on_many_threads_are_all_different() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Boolean> added = IntStream.range(0, 200_000).parallel()
                .mapToObj(i -> seen.add(factory.generateIdentifier())).toList();

        assertThat(added).containsOnly(true);
        assertThat(seen).hasSize(200_000);
    }
}
