package dev.catalog.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * The application's {@code DataSource}: hands out a connection from the pool of the calling thread's
 * {@link Workload}. Spring's transaction manager and Axon's JDBC components take their connection here at
 * the start of a transaction and keep it until its end, so a transaction never mixes pools (the pooled connection
 * itself is taken when the transaction first needs the server). Each connection holds
 * the {@link PendingWrites} of its transaction until the commit ({@link WriteBehindConnection}); the writes pool's
 * transactions that sent nothing else commit together when they commit at the same time ({@link GroupCommit}).
 */
final class WorkloadRoutingDataSource extends AbstractRoutingDataSource implements DisposableBean {

    private final HikariDataSource writes;
    private final HikariDataSource processing;
    private final GroupCommit writesGroup;

    /** @param groupCommit whether the writes pool's transactions that send nothing before their commit may commit together */
    WorkloadRoutingDataSource(HikariDataSource writes, HikariDataSource processing, boolean groupCommit) {
        this.writes = writes;
        this.processing = processing;
        this.writesGroup = groupCommit ? new GroupCommit() : null;
        setTargetDataSources(Map.of(Workload.WRITES, writes, Workload.PROCESSING, processing));
        setDefaultTargetDataSource(writes);
        setLenientFallback(false);
        afterPropertiesSet();
    }

    /** A connection of the calling thread's pool, taken from the pool when its transaction first needs it. */
    @Override
    public Connection getConnection() {
        DataSource pool = determineTargetDataSource();
        return WriteBehindConnection.wrap(pool::getConnection, group());
    }

    @Override
    public Connection getConnection(String username, String password) {
        DataSource pool = determineTargetDataSource();
        return WriteBehindConnection.wrap(() -> pool.getConnection(username, password), group());
    }

    /** The group commit of the writes pool, if on ({@code null} otherwise): the processing pool's commit alone. */
    GroupCommit group() {
        return Workload.current() == Workload.WRITES ? writesGroup : null;
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
