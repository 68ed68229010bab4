package dev.catalog.gateway.files;

import dev.catalog.files.FileSystemImageStore;
import dev.catalog.files.ImageProbe;
import dev.catalog.files.ImageResizer;
import dev.catalog.files.ImageStore;
import dev.catalog.files.S3ImageStore;
import dev.catalog.files.S3Settings;
import dev.catalog.files.Staging;
import dev.catalog.graphql.limits.UploadLimits;
import dev.catalog.platform.database.DatabaseEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The image store ({@code catalog.files.store}: the file system under the data directory, or an S3 bucket), what
 * checks an upload on its way in, staged uploads, and the resized variants.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FilesProperties.class)
class FilesConfiguration {

    /** The files on this instance's file system; the uploads wait beside them and are sent to this service. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "catalog.files.store", havingValue = "filesystem", matchIfMissing = true)
    static class FileSystemStore {

        /**
         * Made once the database is reachable ({@code database} unused): by default the files are kept inside the data
         * directory, which is also the embedded PostgreSQL's, and on a fresh start its {@code initdb}, which runs
         * while the context is built (ADR 30), fails on a directory that is not empty.
         */
        @Bean
        FileSystemImageStore imageStore(FilesProperties properties, @Value("${catalog.data-dir:./data}") Path dataDir,
                                        DatabaseEndpoint database) throws IOException {
            return new FileSystemImageStore(properties.directory() != null ? properties.directory()
                    : dataDir.resolve("files"));
        }

        @Bean
        Staging uploadStaging(FileSystemImageStore store, UploadLimits limits) throws IOException {
            return new Staging(store.stagingDirectory(), limits.maxBytes().toBytes());
        }

        @Bean
        FileSystemUploadArea uploadArea(FileSystemImageStore store, Staging staging, FileAddresses addresses)
                throws IOException {
            return new FileSystemUploadArea(store.stagingDirectory().resolve("uploads"), staging, addresses);
        }

        @Bean
        FileAddresses fileAddresses(FilesProperties properties) {
            return new FileAddresses(new PublicAddress(properties.baseUrl()), null);
        }
    }

    /** The files in a bucket; the uploads are sent to it, and the files read from its public address if it has one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "catalog.files.store", havingValue = "s3")
    static class BucketStore {

        @Bean(destroyMethod = "close")
        S3ImageStore imageStore(FilesProperties properties) {
            FilesProperties.S3 s3 = properties.s3();
            return new S3ImageStore(new S3Settings(s3.endpoint(), s3.region(), s3.bucket(), s3.accessKeyId(),
                    s3.secretAccessKey(), s3.pathStyle(), s3.prefix(), s3.uploadEndpoint()));
        }

        /** Files are checked on this instance's disk before they go to the bucket. */
        @Bean
        Staging uploadStaging(@Value("${catalog.data-dir:./data}") Path dataDir, UploadLimits limits)
                throws IOException {
            return new Staging(dataDir.resolve("upload-staging"), limits.maxBytes().toBytes());
        }

        @Bean
        S3UploadArea uploadArea(S3ImageStore store) {
            return new S3UploadArea(store, Clock.systemUTC());
        }

        @Bean
        FileAddresses fileAddresses(FilesProperties properties) {
            String publicUrl = properties.s3().publicUrl();
            return new FileAddresses(new PublicAddress(properties.baseUrl()), publicUrl == null || publicUrl.isBlank()
                    ? null : publicUrl.replaceAll("/+$", "") + "/" + properties.s3().prefix());
        }
    }

    @Bean
    OrphanFiles orphanFiles(JdbcClient jdbc, PlatformTransactionManager transactions, ImageStore store) {
        return new OrphanFiles(jdbc, new TransactionTemplate(transactions), store, Clock.systemUTC());
    }

    @Bean
    ImageUploads imageUploads(Staging staging, ImageStore store, FilesProperties properties,
                              FileAddresses addresses, OrphanFiles orphans) {
        return new ImageUploads(staging, new ImageProbe(properties.maxPixels()), store, addresses, orphans);
    }

    @Bean
    StagedUploads stagedUploads(JdbcClient jdbc, UploadArea area, ImageUploads uploads, UploadLimits limits,
                                FilesProperties properties) {
        PendingUploads table = new PendingUploads(jdbc);
        return new StagedUploads(table, area, new UploadSignatures(table.signingKey()), uploads,
                limits.maxBytes().toBytes(), properties.uploadUrlValidity(), Clock.systemUTC());
    }

    @Bean
    ImageVariants imageVariants(JdbcClient jdbc, ImageStore store, Staging staging, FileAddresses addresses,
                                OrphanFiles orphans, MeterRegistry registry) {
        return new ImageVariants(jdbc, store, staging, new ImageResizer(), addresses, orphans, registry);
    }

    @Bean
    FilesHousekeeping filesHousekeeping(StagedUploads uploads, OrphanFiles orphans, FilesProperties properties) {
        return new FilesHousekeeping(uploads, orphans, properties.orphanInterval(), properties.orphanGrace());
    }
}
