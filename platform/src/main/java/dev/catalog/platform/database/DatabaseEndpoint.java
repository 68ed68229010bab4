package dev.catalog.platform.database;

/**
 * Where the catalog's PostgreSQL is and how to log in: the embedded server's, or the one
 * {@code SPRING_DATASOURCE_URL}, {@code SPRING_DATASOURCE_USERNAME} and {@code SPRING_DATASOURCE_PASSWORD} name.
 * Every connection pool is opened from it.
 */
public record DatabaseEndpoint(String jdbcUrl, String username, String password) {

    @Override
    public String toString() {
        return "DatabaseEndpoint[" + jdbcUrl + " as " + username + "]";
    }
}
