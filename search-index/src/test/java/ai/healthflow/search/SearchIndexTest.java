package ai.healthflow.search;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchIndexTest {

    @TempDir
    Path dir;

    @Test
    void opensAnEmptyIndexInANewDirectory() throws IOException {
        try (SearchIndex index = SearchIndex.open(dir.resolve("new"))) {
            SearchIndex.Stats stats = index.stats();
            assertThat(stats.open()).isTrue();
            assertThat(stats.documents()).isZero();
            assertThat(stats.sizeBytes()).isPositive();
        }
    }

    @Test
    void reopensAnExistingIndexWithItsDocuments() throws IOException {
        try (var directory = FSDirectory.open(dir);
             var writer = new IndexWriter(directory, new IndexWriterConfig())) {
            for (int i = 0; i < 3; i++) {
                var doc = new Document();
                doc.add(new StringField("id", "m" + i, Field.Store.YES));
                writer.addDocument(doc);
            }
            writer.commit();
        }
        try (SearchIndex index = SearchIndex.open(dir)) {
            assertThat(index.stats().documents()).isEqualTo(3);
        }
    }

    @Test
    void isClosedAfterCloseAndCloseTwiceIsHarmless() throws IOException {
        SearchIndex index = SearchIndex.open(dir);
        index.close();
        index.close();
        assertThat(index.isOpen()).isFalse();
    }

    @Test
    void aSecondWriterOnTheSameDirectoryIsRefused() throws IOException {
        try (SearchIndex ignored = SearchIndex.open(dir)) {
            assertThatThrownBy(() -> SearchIndex.open(dir)).isInstanceOf(IOException.class);
        }
    }
}
