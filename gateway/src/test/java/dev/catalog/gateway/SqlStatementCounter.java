package dev.catalog.gateway;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the SELECT statements that read the views, for the N+1 test: wraps the application's real
 * DataSource so every statement still runs against PostgreSQL.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SqlStatementCounter {

    private static final AtomicInteger VIEW_READS = new AtomicInteger();

    /** View reads since the last call. */
    public static int takeViewReads() {
        return VIEW_READS.getAndSet(0);
    }

    @Bean
    static BeanPostProcessor countingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource) {
                    return proxy(DataSource.class, dataSource, (target, method, args) -> {
                        Object result = method.invoke(target, args);
                        return result instanceof Connection connection ? connection(connection) : result;
                    });
                }
                return bean;
            }
        };
    }

    private static Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
                record(sql);
            }
            Object result = method.invoke(target, args);
            if (result instanceof Statement statement && method.getName().equals("createStatement")) {
                return proxy(Statement.class, statement, (s, m, a) -> {
                    if (m.getName().startsWith("execute") && a != null && a[0] instanceof String sql) {
                        record(sql);
                    }
                    return m.invoke(s, a);
                });
            }
            return result;
        });
    }

    private static void record(String sql) {
        String text = sql.strip().toLowerCase(Locale.ROOT);
        if ((text.startsWith("select") || text.startsWith("with")) && text.contains("_view")) {
            VIEW_READS.incrementAndGet();
        }
    }

    private interface Call<T> {
        Object invoke(T target, Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Call<T> call) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return call.invoke(target, method, args);
            } catch (InvocationTargetException e) {
                throw e.getTargetException();
            }
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
