package dev.catalog.command.testing;

import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.events.common.CommandRejectedException.Reason;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Hamcrest matchers (for Axon's test fixtures) on {@link CommandRejectedException}. */
public final class Rejections {

    private Rejections() {
    }

    /** A rejection with this reason on this input field. */
    public static Matcher<CommandRejectedException> rejected(Reason reason, String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CommandRejectedException exception) {
                return exception.reason() == reason && field.equals(exception.field());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a CommandRejectedException " + reason + " on field \"" + field + "\"");
            }

            @Override
            protected void describeMismatchSafely(CommandRejectedException exception, Description description) {
                description.appendText("was " + exception.reason() + " on field \"" + exception.field() + "\": "
                        + exception.getMessage());
            }
        };
    }
}
