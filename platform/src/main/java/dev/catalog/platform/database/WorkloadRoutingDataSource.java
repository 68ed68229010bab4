package dev.catalog.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * The application's {@code DataSource}: hands out a connection from the pool of the calling thread's
 * {@link Workload}. Spring's transaction manager and Axon's JDBC components take their connection here at
 * the start of a transaction and keep it until its end, so a transaction never mixes pools. Each connection holds
 * the {@link PendingWrites} of its transaction until the commit ({@link WriteBehindConnection}).
 */
final class WorkloadRoutingDataSource extends AbstractRoutingDataSource implements DisposableBean {

    private final HikariDataSource writes;
    private final HikariDataSource processing;

    WorkloadRoutingDataSource(HikariDataSource writes, HikariDataSource processing) {
        this.writes = writes;
        this.processing = processing;
        setTargetDataSources(Map.of(Workload.WRITES, writes, Workload.PROCESSING, processing));
        setDefaultTargetDataSource(writes);
        setLenientFallback(false);
        afterPropertiesSet();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return WriteBehindConnection.wrap(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return WriteBehindConnection.wrap(super.getConnection(username, password));
    }

    @Override
    protected Object determineCurrentLookupKey() {
        return Workload.current();
    }

    @Override
    public void destroy() {
        processing.close();
        writes.close();
    }
}
