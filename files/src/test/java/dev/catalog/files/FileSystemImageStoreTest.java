package dev.catalog.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemImageStoreTest {

    @TempDir
    Path work;

    @Test
    void a_stored_file_comes_back_byte_for_byte_under_its_content_key() throws Exception {
        FileSystemImageStore store = new FileSystemImageStore(work.resolve("files"));
        byte[] png = ImageProbeTest.encode(20, 10, "png");

        StoredFile stored = store.put(stage(store, png), ImageType.PNG);

        assertThat(stored.key()).isEqualTo(stored.sha256() + ".png");
        assertThat(stored.byteSize()).isEqualTo(png.length);
        assertThat(store.contains(stored.key())).isTrue();
        try (InputStream in = store.open(stored.key()).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(png);
        }
    }

    @Test
    void the_same_content_twice_is_kept_once_and_the_second_staged_file_is_removed() throws Exception {
        FileSystemImageStore store = new FileSystemImageStore(work.resolve("files"));
        byte[] gif = ImageProbeTest.encode(4, 4, "gif");

        StoredFile first = store.put(stage(store, gif), ImageType.GIF);
        StagedFile again = stage(store, gif);
        StoredFile second = store.put(again, ImageType.GIF);

        assertThat(second).isEqualTo(first);
        assertThat(Files.exists(again.path())).isFalse();
        try (Stream<Path> files = Files.walk(work.resolve("files"))) {
            assertThat(files.filter(Files::isRegularFile)).hasSize(1);
        }
    }

    @Test
    void a_deleted_file_is_gone_and_deleting_it_again_changes_nothing() throws Exception {
        FileSystemImageStore store = new FileSystemImageStore(work.resolve("files"));
        StoredFile stored = store.put(stage(store, ImageProbeTest.encode(2, 2, "jpg")), ImageType.JPEG);

        store.delete(stored.key());
        store.delete(stored.key());

        assertThat(store.contains(stored.key())).isFalse();
        assertThat(store.open(stored.key())).isEmpty();
    }

    @Test
    void nothing_but_a_content_key_becomes_a_path() throws Exception {
        FileSystemImageStore store = new FileSystemImageStore(work.resolve("files"));

        for (String key : new String[] {"../../etc/passwd", "a".repeat(64) + ".svg", "A".repeat(64) + ".png",
                "a".repeat(64) + ".png/../x", "/" + "a".repeat(64) + ".png"}) {
            assertThatThrownBy(() -> store.open(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static StagedFile stage(FileSystemImageStore store, byte[] bytes) throws Exception {
        return new Staging(store.stagingDirectory(), 10_000_000).receive(new ByteArrayInputStream(bytes));
    }
}
