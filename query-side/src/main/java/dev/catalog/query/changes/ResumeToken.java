package dev.catalog.query.changes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;

/**
 * The opaque text a subscriber passes back to resume after a change: the event store's position at that change,
 * with the positions below it that were not committed yet (gaps), so that an event committed later in one of them
 * is not skipped. {@code c1.<index>[.<gap>,<gap>...]}, base64url without padding.
 */
final class ResumeToken {

    private static final String VERSION = "c1";
    private static final int MAX_LENGTH = 65_536;

    private ResumeToken() {
    }

    static String encode(GapAwareTrackingToken token) {
        StringBuilder text = new StringBuilder(VERSION).append('.').append(token.getIndex());
        if (!token.getGaps().isEmpty()) {
            text.append('.');
            token.getGaps().forEach(gap -> text.append(gap).append(','));
            text.setLength(text.length() - 1);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws InvalidResumeException when {@code token} is not one {@link #encode} wrote */
    static GapAwareTrackingToken decode(String token) {
        if (token.length() > MAX_LENGTH) {
            throw invalid();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split("\\.", -1);
            if (parts.length < 2 || parts.length > 3 || !VERSION.equals(parts[0])) {
                throw invalid();
            }
            long index = Long.parseLong(parts[1]);
            TreeSet<Long> gaps = new TreeSet<>();
            if (parts.length == 3) {
                for (String gap : parts[2].split(",", -1)) {
                    gaps.add(Long.parseLong(gap));
                }
            }
            if (index < -1 || (!gaps.isEmpty() && (gaps.first() < 0 || gaps.last() >= index))) {
                throw invalid();
            }
            return GapAwareTrackingToken.newInstance(index, gaps);
        } catch (IllegalArgumentException e) { // bad base64 or number
            throw e instanceof InvalidResumeException invalid ? invalid : invalid();
        }
    }

    private static InvalidResumeException invalid() {
        return new InvalidResumeException("`resumeAfter` is not a resume token this service issued.");
    }
}
