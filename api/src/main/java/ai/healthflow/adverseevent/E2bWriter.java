package ai.healthflow.adverseevent;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes one case as an ICH E2B(R3) individual case safety report: an HL7 v3 {@code MCCI_IN200100UV01} batch
 * holding one {@code PORR_IN049016UV} message (namespace {@code urn:hl7-org:v3}), with the JDK's
 * {@link XMLStreamWriter}. Sections written: N (batch and message headers), C.1 (case identification, dates, type,
 * expedited), C.2 (primary source: the reporter), C.3 (sender), D (patient), E (reactions with MedDRA codes,
 * seriousness criteria and outcome), G (suspect and concomitant drugs with ingredients, authorisation, dosage,
 * route, batch, action taken, role and causality) and H.1 (narrative). Codes are the ICH E2B(R3) code lists (OIDs
 * under 2.16.840.1.113883.3.989.2.1); comments name the data elements.
 *
 * <p>Identifiers inside the message that the standard only needs to be consistent (drug and reaction UUIDs that
 * causality assessments refer to) are derived from the case id, version and position, so the same version always
 * exports the same document apart from its creation times.
 */
final class E2bWriter {
    static final String HL7 = "urn:hl7-org:v3";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    /** N.1.3 / N.2.r.2 and C.3: HealthFlow sends on behalf of the national authority. */
    static final String SENDER_ID = "EG-EDA-HEALTHFLOW";
    static final String SENDER_ORGANISATION = "Egyptian Drug Authority";
    /** N.1.4 / N.2.r.3: the WHO programme's database receives national ICSRs. */
    static final String RECEIVER_ID = "WHO-UMC";
    static final String COUNTRY = "EG";
    /** C.1.1 / C.1.8.1: country, sender, case number. */
    static final String REPORT_ID_PREFIX = "EG-EDA-";

    private static final String ICH = "2.16.840.1.113883.3.989.2.1";
    private static final String OBSERVATION_CODES = ICH + ".1.19";
    private static final String MEDDRA = "2.16.840.1.113883.6.163";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final XMLStreamWriter xml;
    private final AdverseEventView view;

    private E2bWriter(XMLStreamWriter xml, AdverseEventView view) {
        this.xml = xml;
        this.view = view;
    }

    /** The case's current version as an E2B(R3) batch; {@code now} is the message's creation time. */
    static String write(AdverseEventView view, Instant now) {
        var out = new StringWriter(8192);
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out);
            new E2bWriter(xml, view).document(now);
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("E2B export of " + view.caseNumber() + " failed", e);
        }
        return out.toString();
    }

    private void document(Instant now) throws XMLStreamException {
        String created = TIMESTAMP.format(now) + "+0000";
        String messageId = view.caseNumber() + "-V" + view.version();
        xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
        xml.setDefaultNamespace(HL7);
        xml.setPrefix("xsi", XSI);
        start("MCCI_IN200100UV01");
        xml.writeDefaultNamespace(HL7);
        xml.writeNamespace("xsi", XSI);
        xml.writeAttribute("ITSVersion", "XML_1.0");
        id(messageId + "-" + TIMESTAMP.format(now), ICH + ".3.22");                // N.1.2 batch number
        empty("creationTime", "value", created);                                     // N.1.5
        empty("responseModeCode", "code", "D");
        empty("interactionId", "extension", "MCCI_IN200100UV01", "root", "2.16.840.1.113883.1.6");
        empty("name", "code", "1", "codeSystem", ICH + ".1.1");                      // N.1.1 ichicsr
        message(messageId, created);
        device("receiver", "RCV", RECEIVER_ID, ICH + ".3.14");                       // N.1.4
        device("sender", "SND", SENDER_ID, ICH + ".3.13");                           // N.1.3
        end();
        xml.writeEndDocument();
    }

    private void message(String messageId, String created) throws XMLStreamException {
        start("PORR_IN049016UV");
        id(messageId, ICH + ".3.1");                                                 // N.2.r.1
        empty("creationTime", "value", created);                                     // N.2.r.4
        empty("interactionId", "extension", "PORR_IN049016UV", "root", "2.16.840.1.113883.1.6");
        empty("processingCode", "code", "P");
        empty("processingModeCode", "code", "T");
        empty("acceptAckCode", "code", "AL");
        device("receiver", "RCV", RECEIVER_ID, ICH + ".3.12");                       // N.2.r.3
        device("sender", "SND", SENDER_ID, ICH + ".3.11");                           // N.2.r.2
        start("controlActProcess", "classCode", "CACT", "moodCode", "EVN");
        empty("code", "code", "PORR_TE049016UV", "codeSystem", "2.16.840.1.113883.1.18");
        empty("effectiveTime", "value", created);                                    // C.1.2 date of creation
        start("subject", "typeCode", "SUBJ");
        investigationEvent();
        end();
        end();
        end();
    }

    private void investigationEvent() throws XMLStreamException {
        String reportId = REPORT_ID_PREFIX + view.caseNumber();
        start("investigationEvent", "classCode", "INVSTG", "moodCode", "EVN");
        id(reportId, ICH + ".3.1");                                                  // C.1.1 sender's safety report id
        id(reportId, ICH + ".3.2");                                                  // C.1.8.1 worldwide unique case id
        empty("code", "code", "PAT_ADV_EVNT", "codeSystem", "2.16.840.1.113883.5.4");
        if (view.narrative() != null) {
            text("text", view.narrative());                                          // H.1 case narrative
        }
        empty("statusCode", "code", "active");
        start("effectiveTime");
        empty("low", "value", date(view.receivedAt()));                              // C.1.4 first received
        end();
        empty("availabilityTime", "value", date(view.latestInfoAt()));               // C.1.5 most recent information
        start("component", "typeCode", "COMP");
        adverseEventAssessment();
        end();
        start("component", "typeCode", "COMP");                                     // C.1.7 expedited report
        start("observationEvent", "classCode", "OBS", "moodCode", "EVN");
        code("23", OBSERVATION_CODES);
        bool(view.seriousness().serious());
        end();
        end();
        primarySource();
        sender();
        start("subjectOf2", "typeCode", "SUBJ");                                    // C.1.3 type of report
        start("investigationCharacteristic", "classCode", "OBS", "moodCode", "EVN");
        code("1", ICH + ".1.23");
        coded("1", ICH + ".1.2");                                                    // 1 = spontaneous report
        end();
        end();
        end();
    }

    private void adverseEventAssessment() throws XMLStreamException {
        List<AdverseEventView.MedicineEntry> suspects = view.suspectMedicines();
        List<AdverseEventView.MedicineEntry> concomitants = view.concomitantMedicines();
        start("adverseEventAssessment", "classCode", "INVSTG", "moodCode", "EVN");
        start("subject1", "typeCode", "SBJ");
        start("primaryRole", "classCode", "INVSBJ");
        patient();
        for (int i = 0; i < view.reactions().size(); i++) {
            reaction(view.reactions().get(i), reactionId(i));
        }
        start("subjectOf2", "typeCode", "SBJ");
        start("organizer", "classCode", "CATEGORY", "moodCode", "EVN");
        code("4", ICH + ".1.20");                                                    // G.k drug information
        for (int k = 0; k < suspects.size(); k++) {
            drug(suspects.get(k), drugId("suspect", k));
        }
        for (int k = 0; k < concomitants.size(); k++) {
            drug(concomitants.get(k), drugId("concomitant", k));
        }
        end();
        end();
        end();
        end();
        for (int k = 0; k < suspects.size(); k++) {
            role(drugId("suspect", k), "1");                                         // G.k.1: 1 suspect
        }
        for (int k = 0; k < concomitants.size(); k++) {
            role(drugId("concomitant", k), "2");                                     // G.k.1: 2 concomitant
        }
        for (int k = 0; k < suspects.size(); k++) {
            AdverseEventView.Causality causality = suspects.get(k).causality();
            if (causality == null) {
                continue;
            }
            for (int i = 0; i < view.reactions().size(); i++) {
                causality(drugId("suspect", k), reactionId(i), "WHO-UMC", causality.whoUmc());
                if (causality.naranjoScore() != null) {
                    causality(drugId("suspect", k), reactionId(i), "Naranjo",
                            causality.naranjoCategory() + " (score " + causality.naranjoScore() + ")");
                }
            }
        }
        end();
    }

    private void patient() throws XMLStreamException {
        AdverseEventRequest.Patient patient = view.patient();
        start("player1", "classCode", "PSN", "determinerCode", "INSTANCE");
        if (patient.initials() != null) {
            text("name", patient.initials());                                        // D.1 initials
        } else {
            empty("name", "nullFlavor", "UNK");
        }
        String sex = patient.sex() == null ? null : AdverseEventVocabulary.SEXES.get(patient.sex());
        if (sex != null) {
            empty("administrativeGenderCode", "code", sex, "codeSystem", "1.0.5218"); // D.5 sex
        } else {
            empty("administrativeGenderCode", "nullFlavor", "UNK");
        }
        if (patient.birthDate() != null) {
            empty("birthTime", "value", DATE.format(patient.birthDate()));            // D.2.1
        }
        end();
        if (patient.ageYears() != null) {                                            // D.2.2 age at onset
            patientObservation("3", () -> quantity(patient.ageYears().toString(), "a"));
        }
        if (patient.ageGroup() != null) {                                            // D.2.3 age group
            patientObservation("4", () -> coded(AdverseEventVocabulary.AGE_GROUPS.get(patient.ageGroup()), ICH + ".1.9"));
        }
        if (patient.weightKg() != null) {                                            // D.3 body weight
            patientObservation("7", () -> quantity(patient.weightKg().stripTrailingZeros().toPlainString(), "kg"));
        }
    }

    private void reaction(AdverseEventRequest.Reaction reaction, String id) throws XMLStreamException {
        start("subjectOf2", "typeCode", "SBJ");
        start("observation", "classCode", "OBS", "moodCode", "EVN");
        empty("id", "root", id);
        code("29", OBSERVATION_CODES);                                               // E.i reaction
        if (reaction.onsetDate() != null) {
            start("effectiveTime");
            xml.writeAttribute(XSI, "type", "IVL_TS");
            empty("low", "value", DATE.format(reaction.onsetDate()));                 // E.i.4 start
            end();
        }
        start("value");
        xml.writeAttribute(XSI, "type", "CE");
        if (reaction.meddraCode() != null) {                                         // E.i.2.1b MedDRA code
            xml.writeAttribute("code", reaction.meddraCode());
            xml.writeAttribute("codeSystem", MEDDRA);
        } else {
            xml.writeAttribute("nullFlavor", "NI");
        }
        text("originalText", reaction.term());                                       // E.i.1.1a as reported
        end();
        List<String> criteria = view.seriousness().criteria();
        for (Map.Entry<String, String> criterion : AdverseEventVocabulary.SERIOUSNESS_CRITERIA.entrySet()) {
            start("outboundRelationship2", "typeCode", "PERT");                     // E.i.3.2a–f
            start("observation", "classCode", "OBS", "moodCode", "EVN");
            code(criterion.getValue(), OBSERVATION_CODES);
            if (criteria.contains(criterion.getKey())) {
                bool(true);
            } else {
                value("BL", "nullFlavor", "NI");
            }
            end();
            end();
        }
        start("outboundRelationship2", "typeCode", "PERT");                         // E.i.7 outcome
        start("observation", "classCode", "OBS", "moodCode", "EVN");
        code("27", OBSERVATION_CODES);
        coded(AdverseEventVocabulary.OUTCOMES.get(reaction.outcome() == null ? "unknown" : reaction.outcome()),
                ICH + ".1.11");
        end();
        end();
        end();
        end();
    }

    private void drug(AdverseEventView.MedicineEntry drug, String id) throws XMLStreamException {
        start("component", "typeCode", "COMP");
        start("substanceAdministration", "classCode", "SBADM", "moodCode", "EVN");
        empty("id", "root", id);
        start("consumable", "typeCode", "CSM");
        start("instanceOfKind", "classCode", "INST");
        start("kindOfProduct", "classCode", "MMAT", "determinerCode", "KIND");
        text("name", drug.strength() == null ? drug.tradeName() : drug.tradeName() + " " + drug.strength()); // G.k.2.2
        start("asManufacturedProduct", "classCode", "MANU");                        // G.k.3
        start("subjectOf", "typeCode", "SBJ");
        start("approval", "classCode", "CNTRCT", "moodCode", "EVN");
        id(drug.registrationNo(), ICH + ".3.4");                                     // G.k.3.1 authorisation number
        if (drug.manufacturer() != null) {
            start("holder", "typeCode", "HLD");
            start("role", "classCode", "HLD");
            start("playingOrganization", "classCode", "ORG", "determinerCode", "INSTANCE");
            text("name", drug.manufacturer());                                       // G.k.3.3 holder
            end();
            end();
            end();
        }
        start("author", "typeCode", "AUT");
        start("territorialAuthority", "classCode", "TERR");
        start("territory", "classCode", "NAT", "determinerCode", "INSTANCE");
        empty("code", "code", COUNTRY, "codeSystem", "1.0.3166.1.2.2");              // G.k.3.2 country
        end();
        end();
        end();
        end();
        end();
        end();
        for (AdverseEventView.Ingredient ingredient : drug.ingredients()) {          // G.k.2.3.r
            start("ingredient", "classCode", "ACTI");
            start("ingredientSubstance", "classCode", "MMAT", "determinerCode", "KIND");
            text("name", ingredient.nameEn());                                       // G.k.2.3.r.1
            end();
            end();
        }
        end();
        end();
        end();
        if (drug.dose() != null || drug.startDate() != null || drug.stopDate() != null || drug.route() != null
                || drug.batchNumber() != null) {
            dosage(drug);
        }
        if (drug.actionTaken() != null) {                                            // G.k.8 action taken
            start("inboundRelationship", "typeCode", "CAUS");
            start("act", "classCode", "ACT", "moodCode", "EVN");
            code(AdverseEventVocabulary.ACTIONS.get(drug.actionTaken()), ICH + ".1.15");
            end();
            end();
        }
        end();
        end();
    }

    /** G.k.4.r dosage: text, dates, route and batch. */
    private void dosage(AdverseEventView.MedicineEntry drug) throws XMLStreamException {
        start("outboundRelationship2", "typeCode", "COMP");
        start("substanceAdministration", "classCode", "SBADM", "moodCode", "EVN");
        if (drug.dose() != null) {
            text("text", drug.dose());                                               // G.k.4.r.8 dosage text
        }
        if (drug.startDate() != null || drug.stopDate() != null) {
            start("effectiveTime");
            xml.writeAttribute(XSI, "type", "IVL_TS");
            if (drug.startDate() != null) {
                empty("low", "value", DATE.format(drug.startDate()));                 // G.k.4.r.4 start
            }
            if (drug.stopDate() != null) {
                empty("high", "value", DATE.format(drug.stopDate()));                 // G.k.4.r.5 end
            }
            end();
        }
        if (drug.route() != null) {                                                  // G.k.4.r.10 route
            start("routeCode", "code", AdverseEventVocabulary.ROUTES.get(drug.route()), "codeSystem", ICH + ".1.14");
            text("originalText", drug.route());
            end();
        }
        if (drug.batchNumber() != null) {
            start("consumable", "typeCode", "CSM");
            start("instanceOfKind", "classCode", "INST");
            start("productInstanceInstance", "classCode", "MMAT", "determinerCode", "INSTANCE");
            empty("id", "nullFlavor", "NI");
            text("lotNumberText", drug.batchNumber());                               // G.k.4.r.7 batch / lot
            end();
            end();
            end();
        }
        end();
        end();
    }

    private void role(String drugId, String code) throws XMLStreamException {
        start("component", "typeCode", "COMP");
        start("causalityAssessment", "classCode", "OBS", "moodCode", "EVN");
        code("20", OBSERVATION_CODES);
        coded(code, ICH + ".1.13");
        productReference(drugId);
        end();
        end();
    }

    /** G.k.9.i.2.r: source (the regulator), method and result of one assessment of a drug for one reaction. */
    private void causality(String drugId, String reactionId, String method, String result) throws XMLStreamException {
        start("component", "typeCode", "COMP");
        start("causalityAssessment", "classCode", "OBS", "moodCode", "EVN");
        code("39", OBSERVATION_CODES);
        start("value");
        xml.writeAttribute(XSI, "type", "ST");
        xml.writeCharacters(result);                                                 // G.k.9.i.2.r.3 result
        end();
        start("methodCode");
        text("originalText", method);                                                // G.k.9.i.2.r.2 method
        end();
        start("author", "typeCode", "AUT");
        start("assignedEntity", "classCode", "ASSIGNED");
        start("code");
        text("originalText", "Regulatory authority");                               // G.k.9.i.2.r.1 source
        end();
        end();
        end();
        start("subject1", "typeCode", "SUBJ");                                       // G.k.9.i.1 reaction assessed
        start("adverseEffectReference", "classCode", "OBS", "moodCode", "EVN");
        empty("id", "root", reactionId);
        end();
        end();
        productReference(drugId);
        end();
        end();
    }

    /** C.2.r: the reporter, primary source for regulatory purposes. */
    private void primarySource() throws XMLStreamException {
        start("outboundRelationship", "typeCode", "SPRT");
        empty("priorityNumber", "value", "1");                                       // C.2.r.5
        start("relatedInvestigation", "classCode", "INVSTG", "moodCode", "EVN");
        code("2", ICH + ".1.22");
        start("subjectOf2", "typeCode", "SUBJ");
        start("controlActEvent", "classCode", "CACT", "moodCode", "EVN");
        start("author", "typeCode", "AUT");
        start("assignedEntity", "classCode", "ASSIGNED");
        start("assignedPerson", "classCode", "PSN", "determinerCode", "INSTANCE");
        personName(view.reporter().name());                                          // C.2.r.1
        start("asQualifiedEntity", "classCode", "QUAL");
        code(qualification(view.reporter().role()), ICH + ".1.6");                   // C.2.r.4 qualification
        end();
        start("asLocatedEntity", "classCode", "LOCE");
        start("location", "classCode", "COUNTRY", "determinerCode", "INSTANCE");
        empty("code", "code", COUNTRY, "codeSystem", "1.0.3166.1.2.2");              // C.2.r.3 country
        end();
        end();
        end();
        start("representedOrganization", "classCode", "ORG", "determinerCode", "INSTANCE");
        text("name", view.tenantName());                                             // C.2.r.2.1 organisation
        end();
        end();
        end();
        end();
        end();
        end();
        end();
    }

    /** C.3: the sender of the report. */
    private void sender() throws XMLStreamException {
        start("subjectOf1", "typeCode", "SUBJ");
        start("controlActEvent", "classCode", "CACT", "moodCode", "EVN");
        start("author", "typeCode", "AUT");
        start("assignedEntity", "classCode", "ASSIGNED");
        code("2", ICH + ".1.7");                                                     // C.3.1: 2 regulatory authority
        start("representedOrganization", "classCode", "ORG", "determinerCode", "INSTANCE");
        text("name", SENDER_ORGANISATION);                                           // C.3.2
        end();
        end();
        end();
        end();
        end();
    }

    /** "Dr. Ahmed Farouk" → prefix Dr., given Ahmed, family Farouk. */
    private void personName(String name) throws XMLStreamException {
        start("name");
        List<String> parts = List.of(name.strip().split("\\s+"));
        int first = 0;
        if (parts.size() > 1 && parts.getFirst().endsWith(".")) {
            text("prefix", parts.getFirst());
            first = 1;
        }
        if (parts.size() - first > 1) {
            text("given", String.join(" ", parts.subList(first, parts.size() - 1)));
        }
        text("family", parts.getLast());
        end();
    }

    /** C.2.r.4: 1 physician, 2 pharmacist, 3 other health professional. */
    private static String qualification(String role) {
        return switch (role) {
            case "doctor" -> "1";
            case "pharmacist" -> "2";
            default -> "3";
        };
    }

    private void patientObservation(String code, Body value) throws XMLStreamException {
        start("subjectOf2", "typeCode", "SBJ");
        start("observation", "classCode", "OBS", "moodCode", "EVN");
        code(code, OBSERVATION_CODES);
        value.write();
        end();
        end();
    }

    private interface Body {
        void write() throws XMLStreamException;
    }

    private void productReference(String drugId) throws XMLStreamException {
        start("subject2", "typeCode", "SUBJ");
        start("productUseReference", "classCode", "SBADM", "moodCode", "EVN");
        empty("id", "root", drugId);
        end();
        end();
    }

    private void device(String element, String typeCode, String extension, String root) throws XMLStreamException {
        start(element, "typeCode", typeCode);
        start("device", "classCode", "DEV", "determinerCode", "INSTANCE");
        id(extension, root);
        end();
        end();
    }

    private void quantity(String value, String unit) throws XMLStreamException {
        value("PQ", "value", value, "unit", unit);
    }

    private void coded(String code, String codeSystem) throws XMLStreamException {
        value("CE", "code", code, "codeSystem", codeSystem);
    }

    private void bool(boolean value) throws XMLStreamException {
        value("BL", "value", Boolean.toString(value));
    }

    /** An empty {@code value} element of an HL7 data type ({@code xsi:type}). */
    private void value(String type, String... attributes) throws XMLStreamException {
        xml.writeEmptyElement(HL7, "value");
        xml.writeAttribute(XSI, "type", type);
        for (int i = 0; i < attributes.length; i += 2) {
            xml.writeAttribute(attributes[i], attributes[i + 1]);
        }
    }

    private void code(String code, String codeSystem) throws XMLStreamException {
        empty("code", "code", code, "codeSystem", codeSystem);
    }

    private void id(String extension, String root) throws XMLStreamException {
        empty("id", "extension", extension, "root", root);
    }

    private void text(String element, String value) throws XMLStreamException {
        start(element);
        xml.writeCharacters(value);
        end();
    }

    private void start(String element, String... attributes) throws XMLStreamException {
        xml.writeStartElement(HL7, element);
        for (int i = 0; i < attributes.length; i += 2) {
            xml.writeAttribute(attributes[i], attributes[i + 1]);
        }
    }

    private void empty(String element, String... attributes) throws XMLStreamException {
        xml.writeEmptyElement(HL7, element);
        for (int i = 0; i < attributes.length; i += 2) {
            xml.writeAttribute(attributes[i], attributes[i + 1]);
        }
    }

    private void end() throws XMLStreamException {
        xml.writeEndElement();
    }

    private static String date(Instant instant) {
        return TIMESTAMP.format(instant) + "+0000";
    }

    private String drugId(String role, int position) {
        return stableId("drug/" + role + "/" + position);
    }

    private String reactionId(int position) {
        return stableId("reaction/" + position);
    }

    private String stableId(String what) {
        return UUID.nameUUIDFromBytes((view.id() + "/v" + view.version() + "/" + what).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
