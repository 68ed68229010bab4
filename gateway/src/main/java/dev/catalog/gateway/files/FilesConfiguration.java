package dev.catalog.gateway.files;

import dev.catalog.files.FileSystemImageStore;
import dev.catalog.files.ImageProbe;
import dev.catalog.files.Staging;
import dev.catalog.graphql.limits.UploadLimits;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedded image store under the data directory, and what checks an upload on its way in. */
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
    ImageUploads imageUploads(FileSystemImageStore store, FilesProperties properties, UploadLimits limits)
            throws IOException {
        return new ImageUploads(new Staging(store.stagingDirectory(), limits.maxBytes().toBytes()),
                new ImageProbe(properties.maxPixels()), store, properties.baseUrl());
    }
}
