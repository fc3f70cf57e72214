package ai.healthflow.batch.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/** A full disk is told apart from other write failures, however a library wraps it. */
class ReportExportDiskFullTest {

    @Test
    void noSpaceLeftIsADiskFullWhereverItIsInTheChain() {
        var enospc = new FileSystemException("/var/lib/healthflow/reports/.tmp-x.pdf", null, "No space left on device");

        assertThat(ReportExport.isDiskFull(enospc)).isTrue();
        assertThat(ReportExport.isDiskFull(new UncheckedIOException(enospc))).isTrue();
        assertThat(ReportExport.isDiskFull(new RuntimeException("PDF writer", new IOException("No space left on device")))).isTrue();
        assertThat(ReportExport.isDiskFull(new IOException("Disk quota exceeded"))).isTrue();
    }

    @Test
    void otherWriteFailuresAreNot() {
        assertThat(ReportExport.isDiskFull(new AccessDeniedException("/var/lib/healthflow/reports/x.pdf"))).isFalse();
        assertThat(ReportExport.isDiskFull(new IOException("Input/output error"))).isFalse();
        assertThat(ReportExport.isDiskFull(new RuntimeException())).isFalse();
    }

    @Test
    void theSentenceForTheRequesterNamesNoPathAndSaysWhatToDo() {
        assertThat(ReportExport.DISK_FULL).doesNotContain("/").contains("disk space").contains("again later");
    }
}
