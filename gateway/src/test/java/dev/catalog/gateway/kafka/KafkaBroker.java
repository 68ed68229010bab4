package dev.catalog.gateway.kafka;

import com.github.dockerjava.api.DockerClient;
import dev.catalog.platform.testing.TestInfrastructure;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Kafka broker for the tests, one per test JVM (started by the first {@link #start()}, shared by the test
 * classes that follow, each on topics of its own, and stopped at JVM exit), whose broker a test can stop and start
 * again, and a consumer that reads a topic from its start. {@link TestInfrastructure} decides which Kafka: the
 * compose file's image through Testcontainers where a Docker engine answers, otherwise a KRaft cluster in the test
 * JVM (one controller, one broker, on ports kept across a broker restart); the first use prints which.
 */
public final class KafkaBroker implements AutoCloseable {

    private static Cluster shared;

    private final Cluster cluster;

    private KafkaBroker(Cluster cluster) {
        this.cluster = cluster;
    }

    /** The JVM's broker, started on first call; running, even if a test before left it stopped. */
    public static synchronized KafkaBroker start() {
        // Outside a Spring context (KillAndRestartIT) nothing quiets Kafka's INFO logging of every connection.
        for (String logger : List.of("kafka", "state.change.logger", "org.apache.kafka")) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(logger))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
        if (shared == null) {
            TestInfrastructure.Choice choice = TestInfrastructure.choose();
            Cluster started = choice.containers() ? new ContainerCluster() : new EmbeddedCluster();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            TestInfrastructure.announce(started.description(), choice);
            shared = started;
        }
        shared.ensureBrokerRunning();
        return new KafkaBroker(shared);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Stops the broker: clients see Kafka unreachable. */
    public void stopBroker() {
        cluster.stopBroker();
    }

    /** Starts the stopped broker again, on the same port and data. */
    public void startBroker() {
        cluster.startBroker();
    }

    /** How many partitions the topic has. */
    public int partitions(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
        } catch (Exception e) {
            throw new IllegalStateException("Could not describe topic " + topic, e);
        }
    }

    /** The transactional ids whose transaction is open on the broker, among those starting with {@code prefix}. */
    public List<String> openTransactions(String prefix) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            return admin.listTransactions().all().get(10, TimeUnit.SECONDS).stream()
                    .filter(listing -> listing.transactionalId().startsWith(prefix))
                    .filter(listing -> listing.state() == TransactionState.ONGOING)
                    .map(TransactionListing::transactionalId).toList();
        } catch (Exception e) {
            throw new IllegalStateException("Could not list the transactions", e);
        }
    }

    /** Every record of the topic, partition by partition, each in the order it was appended. */
    public List<ConsumerRecord<String, CloudEvent>> readAll(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Only what the publisher's acknowledged writes made durable: committed reads.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, CloudEvent>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new CloudEventDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The broker stays up for the test classes after this one (it stops at JVM exit); only a stopped one is started. */
    @Override
    public void close() {
        cluster.ensureBrokerRunning();
    }

    /** A broker that can be stopped and started again on the same address and data. */
    private abstract static class Cluster {

        private boolean stopped;

        abstract String bootstrapServers();

        abstract String description();

        abstract void stop();

        abstract void restart();

        abstract void close();

        synchronized void stopBroker() {
            if (stopped) {
                throw new IllegalStateException("The Kafka broker is already stopped");
            }
            stop();
            stopped = true;
        }

        synchronized void startBroker() {
            if (!stopped) {
                throw new IllegalStateException("The Kafka broker is running");
            }
            restart();
            stopped = false;
        }

        synchronized void ensureBrokerRunning() {
            if (stopped) {
                startBroker();
            }
        }
    }

    /** A KRaft cluster in the test JVM: one controller, which stays up while the broker is stopped, one broker. */
    private static final class EmbeddedCluster extends Cluster {

        private final KafkaClusterTestKit cluster;

        EmbeddedCluster() {
            try {
                cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(false).setNumControllerNodes(1).setNumBrokerNodes(1).build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        // The publisher creates its topic; a consumer looking at it too early must not.
                        .setConfigProp("auto.create.topics.enable", "false")
                        .build();
                cluster.format();
                cluster.startup();
                cluster.waitForReadyBrokers();
            } catch (Exception e) {
                throw new IllegalStateException("Could not start the Kafka test cluster", e);
            }
        }

        @Override
        String bootstrapServers() {
            return cluster.bootstrapServers();
        }

        @Override
        String description() {
            return "embedded Kafka " + AppInfoParser.getVersion() + " (a KRaft broker in the test JVM)";
        }

        private BrokerServer broker() {
            return cluster.brokers().values().iterator().next();
        }

        @Override
        void stop() {
            broker().shutdown();
            broker().awaitShutdown();
        }

        @Override
        void restart() {
            broker().startup();
            try {
                cluster.waitForReadyBrokers();
            } catch (Exception e) {
                throw new IllegalStateException("The Kafka broker did not come back", e);
            }
        }

        @Override
        void close() {
            try {
                cluster.close();
            } catch (Exception ignored) {
                // The JVM is exiting; the cluster's directories are temporary anyway.
            }
        }
    }

    /**
     * The compose file's Kafka image (KRaft, broker and controller in one process), configured as the embedded
     * cluster is. Its port is bound to a fixed host port, so that the container, stopped and started again for an
     * outage, comes back on the address it advertises, with its data (the container's own file system).
     */
    private static final class ContainerCluster extends Cluster {

        private static final Duration READY = Duration.ofSeconds(120);

        private final KafkaContainer container;

        ContainerCluster() {
            container = new KafkaContainer(DockerImageName.parse(TestInfrastructure.KAFKA_IMAGE))
                    // The publisher creates its topic; a consumer looking at it too early must not.
                    .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
            container.setPortBindings(List.of(freePort() + ":9092"));
            container.start();
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException("No free port for Kafka", e);
            }
        }

        @Override
        String bootstrapServers() {
            return container.getBootstrapServers();
        }

        @Override
        String description() {
            return "Kafka from Testcontainers (" + TestInfrastructure.KAFKA_IMAGE + ")";
        }

        private DockerClient docker() {
            return container.getDockerClient();
        }

        /** Killed: the container's first process, a shell, would ignore SIGTERM until docker stop's timeout. */
        @Override
        void stop() {
            docker().killContainerCmd(container.getContainerId()).exec();
            docker().waitContainerCmd(container.getContainerId()).start().awaitStatusCode(60, TimeUnit.SECONDS);
        }

        /** The container's command runs Testcontainers' start script again, with the same advertised address. */
        @Override
        void restart() {
            docker().startContainerCmd(container.getContainerId()).exec();
            long deadline = System.nanoTime() + READY.toNanos();
            Exception last = null;
            while (System.nanoTime() < deadline) {
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        admin.listTopics().names().get(5, TimeUnit.SECONDS);
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
                }
            }
            throw new IllegalStateException("The Kafka broker did not come back within " + READY, last);
        }

        @Override
        void close() {
            container.stop();
        }
    }
}
