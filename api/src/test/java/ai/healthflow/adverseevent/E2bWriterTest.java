package ai.healthflow.adverseevent;

import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the writer does with unusual content; the full structure is checked over HTTP in AdverseEventE2bIT. */
class E2bWriterTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");

    static AdverseEventView view(AdverseEventRequest.Patient patient, String narrative, String reporter) {
        var drug = new AdverseEventView.MedicineEntry(UUID.randomUUID(), "Brufen", null, "EG-1", null, List.of(), null,
                null, null, null, null, null, null);
        return new AdverseEventView(UUID.fromString("00000000-0000-0000-0000-00000000000a"), "AE-2026-000001", 1,
                "submitted", UUID.randomUUID(), "Clinic <A & B>", new AdverseEventView.Reporter(UUID.randomUUID(),
                reporter, "nurse"), NOW, NOW, null, false, patient, List.of(drug), List.of(),
                List.of(new AdverseEventRequest.Reaction("Rash \"severe\" <10%", null, null, null)),
                new AdverseEventRequest.Seriousness(false, List.of()), narrative, List.of(), List.of(), List.of(), NOW, NOW);
    }

    @Test
    void markupInTextIsEscapedAndTheDocumentParses() throws Exception {
        String xml = E2bWriter.write(view(new AdverseEventRequest.Patient("م.ع", null, null, null, null,
                new BigDecimal("70.50")), "Dose <b>doubled</b> & rash", "Sara"), NOW);

        var document = DocumentBuilderFactory.newNSInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo("urn:hl7-org:v3");
        assertThat(document.getElementsByTagNameNS("urn:hl7-org:v3", "text").item(0).getTextContent())
                .isEqualTo("Dose <b>doubled</b> & rash");
        assertThat(xml).contains("<name>م.ع</name>", "value=\"70.5\" unit=\"kg\"", "<family>Sara</family>",
                "Clinic &lt;A &amp; B&gt;");
    }

    @Test
    void missingPatientDetailsAndCodesBecomeNullFlavours() {
        String xml = E2bWriter.write(view(new AdverseEventRequest.Patient(null, null, "elderly", null, "unknown", null),
                null, "Dr. Sara Ibrahim"), NOW);

        assertThat(xml).contains("<name nullFlavor=\"UNK\"/>", "<administrativeGenderCode nullFlavor=\"UNK\"/>")
                .contains("<value xsi:type=\"CE\" nullFlavor=\"NI\"><originalText>")
                .contains("code=\"6\" codeSystem=\"2.16.840.1.113883.3.989.2.1.1.9\"")  // elderly
                .contains("<prefix>Dr.</prefix><given>Sara</given><family>Ibrahim</family>")
                .contains("<value xsi:type=\"CE\" code=\"0\" codeSystem=\"2.16.840.1.113883.3.989.2.1.1.11\"/>") // outcome unknown
                .doesNotContain("<text>");
        AdverseEventView same = view(new AdverseEventRequest.Patient("X", null, null, null, null, null), null, "A");
        assertThat(E2bWriter.write(same, NOW)).as("drug and reaction ids derive from the case and version")
                .isEqualTo(E2bWriter.write(same, NOW));
    }
}
