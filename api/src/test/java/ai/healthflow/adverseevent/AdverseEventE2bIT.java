package ai.healthflow.adverseevent;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.StringReader;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import static ai.healthflow.adverseevent.Reports.medicine;
import static ai.healthflow.adverseevent.Reports.report;
import static ai.healthflow.adverseevent.Reports.submitted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The E2B(R3) export against the structure of the ICH ICSR message: element names, the required sections and the
 * code lists, checked by XPath on a namespace-aware parse.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AdverseEventE2bIT {
    static final TestApp.Extension APP = TestApp.create();
    static final String ICH = "2.16.840.1.113883.3.989.2.1";
    static final String OBS = ICH + ".1.19";
    static final String MSG = "/hl7:MCCI_IN200100UV01/hl7:PORR_IN049016UV";
    static final String CASE = MSG + "/hl7:controlActProcess/hl7:subject/hl7:investigationEvent";
    static final String ASSESSMENT = CASE + "/hl7:component/hl7:adverseEventAssessment";
    static final String PATIENT = ASSESSMENT + "/hl7:subject1/hl7:primaryRole";
    static final String DRUGS = PATIENT + "/hl7:subjectOf2/hl7:organizer[hl7:code/@code='4' and hl7:code/@codeSystem='"
            + ICH + ".1.20']/hl7:component/hl7:substanceAdministration";
    static final String REACTION = PATIENT + "/hl7:subjectOf2/hl7:observation[hl7:code/@code='29' and hl7:code/@codeSystem='"
            + OBS + "']";
    Http http;
    String officer;
    String doctor;

    @BeforeEach
    void setUp() {
        http = APP.http();
        officer = Demo.OFFICER.login(http);
        doctor = Demo.CAIRO_DOCTOR.login(http);
    }

    @Test
    void theExportIsAnIcsrBatchWithTheCaseInItsE2bSections() throws Exception {
        String augmentin = medicine(http, officer, "Augmentin", "amoxicillin + clavulanic acid",
                "أموكسيسيلين + حمض الكلافيولانيك");
        String panadol = medicine(http, officer, "Panadol", "paracetamol", "باراسيتامول");
        ObjectNode body = report(augmentin, panadol);
        ((ObjectNode) body.get("suspectMedicines").get(0)).put("stopDate", "2026-10-04");
        String id = submitted(http, doctor, body);
        for (String to : List.of("triaged", "under_assessment")) {
            http.postAs(officer, "/api/v2/adverse-events/" + id + "/transitions", "{\"to\":\"" + to + "\",\"comment\":\"ok\"}");
        }
        http.postAs(officer, "/api/v2/adverse-events/" + id + "/causality",
                "{\"medicineId\":\"" + augmentin + "\",\"whoUmc\":\"probable\",\"naranjoScore\":6}");
        String caseNumber = http.getAs(officer, "/api/v2/adverse-events/" + id).json().at("/data/caseNumber").asText();

        Http.Response response = http.getAs(officer, "/api/v2/adverse-events/" + id + "/e2b");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/xml");
        Xml xml = new Xml(response.body());
        // N: batch wrapper around exactly one message, HL7 v3 namespace
        assertThat(xml.count("/hl7:MCCI_IN200100UV01")).isEqualTo(1);
        assertThat(xml.text("/hl7:MCCI_IN200100UV01/@ITSVersion")).isEqualTo("XML_1.0");
        assertThat(xml.text("/hl7:MCCI_IN200100UV01/hl7:id[@root='" + ICH + ".3.22']/@extension")).startsWith(caseNumber);
        assertThat(xml.text("/hl7:MCCI_IN200100UV01/hl7:interactionId/@extension")).isEqualTo("MCCI_IN200100UV01");
        assertThat(xml.text("/hl7:MCCI_IN200100UV01/hl7:name/@code")).isEqualTo("1");
        assertThat(xml.count("/hl7:MCCI_IN200100UV01/hl7:receiver/hl7:device/hl7:id[@root='" + ICH + ".3.14']")).isEqualTo(1);
        assertThat(xml.count("/hl7:MCCI_IN200100UV01/hl7:sender/hl7:device/hl7:id[@root='" + ICH + ".3.13']")).isEqualTo(1);
        assertThat(xml.count(MSG)).isEqualTo(1);
        assertThat(xml.text(MSG + "/hl7:interactionId/@extension")).isEqualTo("PORR_IN049016UV");
        assertThat(xml.count(MSG + "/hl7:sender/hl7:device/hl7:id[@root='" + ICH + ".3.11']")).isEqualTo(1);
        assertThat(xml.count(MSG + "/hl7:receiver/hl7:device/hl7:id[@root='" + ICH + ".3.12']")).isEqualTo(1);
        assertThat(xml.text(MSG + "/hl7:controlActProcess/hl7:code/@code")).isEqualTo("PORR_TE049016UV");
        assertThat(xml.text(MSG + "/hl7:controlActProcess/hl7:effectiveTime/@value")).matches("\\d{14}\\+0000");

        // C.1: identification, dates, type of report, expedited (serious)
        assertThat(xml.text(CASE + "/hl7:id[@root='" + ICH + ".3.1']/@extension")).endsWith(caseNumber);
        assertThat(xml.text(CASE + "/hl7:id[@root='" + ICH + ".3.2']/@extension")).endsWith(caseNumber);
        assertThat(xml.text(CASE + "/hl7:code/@code")).isEqualTo("PAT_ADV_EVNT");
        assertThat(xml.text(CASE + "/hl7:effectiveTime/hl7:low/@value")).matches("\\d{14}\\+0000");
        assertThat(xml.text(CASE + "/hl7:availabilityTime/@value")).matches("\\d{14}\\+0000");
        assertThat(xml.text(CASE + "/hl7:subjectOf2/hl7:investigationCharacteristic[hl7:code/@code='1']/hl7:value/@code"))
                .isEqualTo("1");
        assertThat(xml.text(CASE + "/hl7:component/hl7:observationEvent[hl7:code/@code='23']/hl7:value/@value"))
                .isEqualTo("true");
        // H.1 narrative
        assertThat(xml.text(CASE + "/hl7:text")).startsWith("Generalised rash");
        // C.2.r primary source: the reporting doctor (qualification 1 physician) and the hospital
        String source = CASE + "/hl7:outboundRelationship[@typeCode='SPRT']/hl7:relatedInvestigation/hl7:subjectOf2"
                + "/hl7:controlActEvent/hl7:author/hl7:assignedEntity";
        assertThat(xml.text(source + "/hl7:assignedPerson/hl7:name/hl7:family")).isEqualTo("Farouk");
        assertThat(xml.text(source + "/hl7:assignedPerson/hl7:name/hl7:given")).isEqualTo("Ahmed");
        assertThat(xml.text(source + "/hl7:assignedPerson/hl7:asQualifiedEntity/hl7:code/@code")).isEqualTo("1");
        assertThat(xml.text(source + "/hl7:representedOrganization/hl7:name")).isEqualTo("Cairo General Hospital");
        // C.3 sender: a regulatory authority
        String sender = CASE + "/hl7:subjectOf1/hl7:controlActEvent/hl7:author/hl7:assignedEntity";
        assertThat(xml.text(sender + "/hl7:code[@codeSystem='" + ICH + ".1.7']/@code")).isEqualTo("2");
        assertThat(xml.text(sender + "/hl7:representedOrganization/hl7:name")).isNotBlank();

        // D: patient initials, sex (ISO 5218 2 = female), age in years, weight
        assertThat(xml.text(PATIENT + "/hl7:player1/hl7:name")).isEqualTo("MA");
        assertThat(xml.text(PATIENT + "/hl7:player1/hl7:administrativeGenderCode/@code")).isEqualTo("2");
        assertThat(xml.text(PATIENT + "/hl7:subjectOf2/hl7:observation[hl7:code/@code='3']/hl7:value/@value")).isEqualTo("54");
        assertThat(xml.text(PATIENT + "/hl7:subjectOf2/hl7:observation[hl7:code/@code='3']/hl7:value/@unit")).isEqualTo("a");
        assertThat(xml.text(PATIENT + "/hl7:subjectOf2/hl7:observation[hl7:code/@code='7']/hl7:value/@value")).isEqualTo("70");

        // E: the reaction with its MedDRA code, term, onset, seriousness criterion and outcome (2 = recovering)
        assertThat(xml.count(REACTION)).isEqualTo(1);
        assertThat(xml.text(REACTION + "/hl7:value/@code")).isEqualTo("10037844");
        assertThat(xml.text(REACTION + "/hl7:value/@codeSystem")).isEqualTo("2.16.840.1.113883.6.163");
        assertThat(xml.text(REACTION + "/hl7:value/hl7:originalText")).isEqualTo("Rash");
        assertThat(xml.text(REACTION + "/hl7:effectiveTime/hl7:low/@value")).isEqualTo("20261003");
        assertThat(xml.text(REACTION + "/hl7:outboundRelationship2/hl7:observation[hl7:code/@code='33']/hl7:value/@value"))
                .as("hospitalisation").isEqualTo("true");
        assertThat(xml.count(REACTION + "/hl7:outboundRelationship2/hl7:observation[hl7:code/@code='34']/hl7:value[@nullFlavor]"))
                .as("death not a criterion").isEqualTo(1);
        assertThat(xml.text(REACTION + "/hl7:outboundRelationship2/hl7:observation[hl7:code/@code='27']/hl7:value/@code"))
                .isEqualTo("2");

        // G: two drugs, product names, ingredients, authorisation, dosage, route (048 oral), batch, action (1 withdrawn)
        assertThat(xml.count(DRUGS)).isEqualTo(2);
        String suspect = "(" + DRUGS + ")[1]";
        String product = suspect + "/hl7:consumable/hl7:instanceOfKind/hl7:kindOfProduct";
        assertThat(xml.text(product + "/hl7:name")).isEqualTo("Augmentin 500 mg");
        assertThat(xml.texts(product + "/hl7:ingredient/hl7:ingredientSubstance/hl7:name"))
                .containsExactly("amoxicillin", "clavulanic acid");
        assertThat(xml.text(product + "/hl7:asManufacturedProduct/hl7:subjectOf/hl7:approval/hl7:id/@extension")).startsWith("AE-");
        String dosage = suspect + "/hl7:outboundRelationship2[@typeCode='COMP']/hl7:substanceAdministration";
        assertThat(xml.text(dosage + "/hl7:text")).isEqualTo("500 mg");
        assertThat(xml.text(dosage + "/hl7:effectiveTime/hl7:low/@value")).isEqualTo("20261001");
        assertThat(xml.text(dosage + "/hl7:effectiveTime/hl7:high/@value")).isEqualTo("20261004");
        assertThat(xml.text(dosage + "/hl7:routeCode/@code")).isEqualTo("048");
        assertThat(xml.text(dosage + "/hl7:consumable/hl7:instanceOfKind/hl7:productInstanceInstance/hl7:lotNumberText"))
                .isEqualTo("L2301");
        assertThat(xml.text(suspect + "/hl7:inboundRelationship[@typeCode='CAUS']/hl7:act/hl7:code/@code")).isEqualTo("1");
        assertThat(xml.text("(" + DRUGS + ")[2]/hl7:consumable/hl7:instanceOfKind/hl7:kindOfProduct/hl7:name"))
                .isEqualTo("Panadol 500 mg");

        // G.k.1 drug roles (1 suspect, 2 concomitant) referring to the drugs by id, and G.k.9 causality
        String roles = ASSESSMENT + "/hl7:component/hl7:causalityAssessment[hl7:code/@code='20']";
        assertThat(xml.texts(roles + "/hl7:value/@code")).containsExactly("1", "2");
        String suspectId = xml.text(suspect + "/hl7:id/@root");
        assertThat(xml.text(roles + "[hl7:value/@code='1']/hl7:subject2/hl7:productUseReference/hl7:id/@root"))
                .isEqualTo(suspectId);
        assertThat(xml.text(roles + "[hl7:value/@code='2']/hl7:subject2/hl7:productUseReference/hl7:id/@root"))
                .isEqualTo(xml.text("(" + DRUGS + ")[2]/hl7:id/@root"));
        String causality = ASSESSMENT + "/hl7:component/hl7:causalityAssessment[hl7:code/@code='39']";
        assertThat(xml.texts(causality + "/hl7:methodCode/hl7:originalText")).containsExactly("WHO-UMC", "Naranjo");
        assertThat(xml.text(causality + "[hl7:methodCode/hl7:originalText='WHO-UMC']/hl7:value")).isEqualTo("probable");
        assertThat(xml.text("(" + causality + ")[1]/hl7:subject1/hl7:adverseEffectReference/hl7:id/@root"))
                .isEqualTo(xml.text(REACTION + "/hl7:id/@root"));
        assertThat(xml.text("(" + causality + ")[1]/hl7:subject2/hl7:productUseReference/hl7:id/@root")).isEqualTo(suspectId);
    }

    @Test
    void theExportIsAuditedAndLimitedLikeTheReport() throws SQLException {
        String amoxil = medicine(http, officer, "Amoxil", "amoxicillin", "أموكسيسيلين");
        String id = submitted(http, doctor, report(amoxil, null));

        assertThat(http.getAs(doctor, "/api/v2/adverse-events/" + id + "/e2b").status()).isEqualTo(200);
        assertThat(http.getAs(Demo.ALEX_DOCTOR.login(http), "/api/v2/adverse-events/" + id + "/e2b").status()).isEqualTo(404);
        assertThat(http.getAs(officer, "/api/v2/adverse-events/" + UUID.randomUUID() + "/e2b").status()).isEqualTo(404);
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'adverse_event.exported' AND entity_id = '"
                + id + "'")).isEqualTo(1);
    }

    /** A namespace-aware DOM with XPath over the HL7 v3 namespace (prefix hl7). */
    static final class Xml {
        private final Document document;
        private final XPath xpath = XPathFactory.newInstance().newXPath();

        Xml(String text) throws Exception {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
            xpath.setNamespaceContext(new NamespaceContext() {
                @Override
                public String getNamespaceURI(String prefix) {
                    return "hl7".equals(prefix) ? "urn:hl7-org:v3" : XMLConstants.NULL_NS_URI;
                }

                @Override
                public String getPrefix(String uri) {
                    return null;
                }

                @Override
                public Iterator<String> getPrefixes(String uri) {
                    return null;
                }
            });
        }

        String text(String expression) throws Exception {
            List<String> values = texts(expression);
            assertThat(values).as(expression).hasSize(1);
            return values.getFirst();
        }

        List<String> texts(String expression) throws Exception {
            NodeList nodes = (NodeList) xpath.evaluate(expression, document, XPathConstants.NODESET);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Node node = nodes.item(i);
                values.add(node.getTextContent().strip());
            }
            return values;
        }

        int count(String expression) throws Exception {
            return texts(expression).size();
        }
    }
}
