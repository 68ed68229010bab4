package dev.catalog.gateway.files;

import dev.catalog.files.FileSystemImageStore;
import dev.catalog.files.ImageProbe;
import dev.catalog.files.Staging;
import dev.catalog.graphql.limits.UploadLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded image store under the data directory, what checks an upload on its way in, and staged uploads. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FilesProperties.class)
class FilesConfiguration {

    @Bean
    FileSystemImageStore imageStore(FilesProperties properties, @Value("${catalog.data-dir:./data}") Path dataDir)
            throws IOException {
        return new FileSystemImageStore(properties.directory() != null ? properties.directory()
                : dataDir.resolve("files"));
    }

    @Bean
    Staging uploadStaging(FileSystemImageStore store, UploadLimits limits) throws IOException {
        return new Staging(store.stagingDirectory(), limits.maxBytes().toBytes());
    }

    @Bean
    ImageUploads imageUploads(Staging staging, FileSystemImageStore store, FilesProperties properties) {
        return new ImageUploads(staging, new ImageProbe(properties.maxPixels()), store,
                new PublicAddress(properties.baseUrl()));
    }

    @Bean
    FileSystemUploadArea uploadArea(FileSystemImageStore store, Staging staging, FilesProperties properties)
            throws IOException {
        return new FileSystemUploadArea(store.stagingDirectory().resolve("uploads"), staging,
                new PublicAddress(properties.baseUrl()));
    }

    @Bean
    StagedUploads stagedUploads(JdbcClient jdbc, FileSystemUploadArea area, ImageUploads uploads,
                                UploadLimits limits, FilesProperties properties) {
        PendingUploads table = new PendingUploads(jdbc);
        return new StagedUploads(table, area, new UploadSignatures(table.signingKey()), uploads,
                limits.maxBytes().toBytes(), properties.uploadUrlValidity(), Clock.systemUTC());
    }

    @Bean
    ExpiredUploadsSweeper expiredUploadsSweeper(StagedUploads uploads) {
        return new ExpiredUploadsSweeper(uploads, Duration.ofMinutes(1));
    }
}
