package dev.catalog.graphql.limits;

import java.util.OptionalLong;

/**
 * How many items the API's lists hold, for {@link OperationCost}: the one thing about a schema that the cost
 * model cannot read from it. Given by the API that serves the schema, as a bean.
 */
public interface ListCosts {

    /** The page size of a field outside any connection. */
    long NO_PAGE = 0;

    /**
     * The sizer of one operation's lists: it may count in the database when first asked, and remember the count
     * for the rest of that operation. Not shared between threads.
     */
    Sizer sizer();

    /**
     * Why a measured list is refused, and where to go instead.
     *
     * @param field   the list field's name
     * @param howMany how many items it has, e.g. {@code "1204"} or {@code "more than 1000"}
     * @param limit   the largest list size
     */
    String tooLarge(String field, String howMany, int limit);

    /**
     * One operation's list sizes. A page size, and the size of a list that is not {@linkplain ListSize#measured()
     * measured}, must follow from the coordinate and the arguments alone: a measure that read no variable
     * (through {@link Arguments}) and measured no list is reused for every request with the same document
     * ({@link OperationCost.Measure#documentOnly()}).
     */
    interface Sizer {

        /**
         * The page size of the connection that the field at {@code coordinate} ({@code Type.field}, not a list)
         * opens, which its {@code edges} then hold; empty when it opens none.
         */
        OptionalLong pageSize(String coordinate, Arguments arguments);

        /**
         * The items of the list field at {@code coordinate}, each time it is resolved.
         *
         * @param pageSize          the page size of the enclosing connection, or {@link #NO_PAGE}
         * @param underMeasuredList whether a measured list encloses it
         */
        ListSize size(String coordinate, Arguments arguments, long pageSize, boolean underMeasuredList);
    }

    /**
     * A list's size.
     *
     * @param perParent how many items it has each time it is resolved
     * @param measured  whether that is its real size, known before it runs: refused past the largest list size
     * @param maxTotal  the most items it can have over every time it is resolved ({@code Long.MAX_VALUE}: no bound)
     */
    record ListSize(long perParent, boolean measured, long maxTotal) {

        /** A guess or a page: {@code perParent} items each time. */
        public static ListSize of(long perParent) {
            return new ListSize(perParent, false, Long.MAX_VALUE);
        }

        /** The real size, known before the operation runs. */
        public static ListSize measured(long size) {
            return new ListSize(size, true, Long.MAX_VALUE);
        }

        /** This size, with at most {@code maxTotal} items in all. */
        public ListSize atMost(long maxTotal) {
            return new ListSize(perParent, measured, Math.min(this.maxTotal, maxTotal));
        }
    }

    /** A field's arguments as the document gives them, literal or variable. */
    interface Arguments {

        /** An integer argument; {@code null} when absent or not an integer. */
        Long integer(String name);

        /** A string argument; {@code null} when absent or not a string. */
        String string(String name);

        /** How many items a list argument has; 0 when absent, 1 for a single value. */
        long listLength(String name);
    }
}
