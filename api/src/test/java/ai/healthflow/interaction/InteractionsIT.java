package ai.healthflow.interaction;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v2/interactions}: the check over HTTP, the knowledge base's lists, who may call what. */
@ExtendWith(DropwizardExtensionsSupport.class)
class InteractionsIT {
    static final TestApp.Extension APP = TestApp.create();
    static final String ARABIC = "[\\u0621-\\u064A]";
    static UUID marevan;      // warfarin
    static UUID aspocid;      // acetylsalicylic acid
    static UUID duoplavin;    // clopidogrel + acetylsalicylic acid
    static UUID brufen;       // ibuprofen
    static UUID cataflam;     // diclofenac
    static UUID panadol;      // paracetamol
    static UUID panadolExtra; // paracetamol + caffeine
    static UUID viagra;       // sildenafil
    static UUID effox;        // isosorbide mononitrate
    Http http;
    String doctor;

    @BeforeAll
    static void registry() {
        Http http = APP.http();
        String officer = Demo.OFFICER.login(http);
        marevan = TestMedicines.create(http, officer, "Marevan", "ماريفان", "warfarin", "وارفارين");
        aspocid = TestMedicines.create(http, officer, "Aspocid", "أسبوسيد", "acetylsalicylic acid", "حمض الأسيتيل ساليسيليك");
        duoplavin = TestMedicines.create(http, officer, "DuoPlavin", "دوبلافين", "clopidogrel + acetylsalicylic acid",
                "كلوبيدوجريل + حمض الأسيتيل ساليسيليك");
        brufen = TestMedicines.create(http, officer, "Brufen", "بروفين", "ibuprofen", "إيبوبروفين");
        cataflam = TestMedicines.create(http, officer, "Cataflam", "كتافلام", "diclofenac", "ديكلوفيناك");
        panadol = TestMedicines.create(http, officer, "Panadol", "بانادول", "paracetamol", "باراسيتامول");
        panadolExtra = TestMedicines.create(http, officer, "Panadol Extra", "بانادول إكسترا", "paracetamol + caffeine",
                "باراسيتامول + كافيين");
        viagra = TestMedicines.create(http, officer, "Viagra", "فياجرا", "sildenafil", "سيلدينافيل");
        effox = TestMedicines.create(http, officer, "Effox", "إيفوكس", "isosorbide mononitrate", "إيزوسوربيد أحادي النترات");
    }

    @BeforeEach
    void setUp() {
        http = APP.http();
        doctor = Demo.CAIRO_DOCTOR.login(http);
    }

    static String body(Object... ids) {
        return Arrays.stream(ids).map(id -> "{\"id\":\"" + id + "\"}")
                .collect(Collectors.joining(",", "{\"medicines\":[", "]}"));
    }

    static List<String> errorFields(Http.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    @Test
    void aDoctorSeesEveryInteractingPairMostSevereFirstInBothLanguages() {
        Http.Response response = http.postAs(doctor, "/api/v2/interactions/check",
                body(panadol, marevan, duoplavin, viagra, brufen, effox, cataflam, panadolExtra));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode findings = response.json().path("data");
        List<String> severities = findings.findValuesAsText("severity");
        assertThat(severities).first().isEqualTo("contraindicated");
        assertThat(severities).isSortedAccordingTo((a, b) -> Severity.rank(a) - Severity.rank(b));
        assertThat(response.json().at("/meta/checked").asInt()).isEqualTo(8);
        assertThat(response.json().at("/meta/highestSeverity").asText()).isEqualTo("contraindicated");
        assertThat(response.json().at("/meta/findings").asInt()).isEqualTo(findings.size());

        JsonNode first = findings.get(0);
        assertThat(first.at("/medicineA/id").asText()).isEqualTo(viagra.toString());
        assertThat(first.at("/medicineA/tradeNameEn").asText()).isEqualTo("Viagra");
        assertThat(first.at("/medicineA/tradeNameAr").asText()).isEqualTo("فياجرا");
        assertThat(first.at("/medicineB/id").asText()).isEqualTo(effox.toString());
        assertThat(first.path("ingredients")).hasSize(2);
        assertThat(first.path("rule").asText()).isEqualTo("pair");
        for (JsonNode f : findings) {
            assertThat(f.path("descriptionAr").asText()).containsPattern(ARABIC);
            assertThat(f.path("managementAr").asText()).containsPattern(ARABIC);
            assertThat(f.path("descriptionEn").asText()).isNotBlank();
            assertThat(f.path("managementEn").asText()).isNotBlank();
            assertThat(f.path("source").asText()).isNotBlank();
        }

        // combination brand: each ingredient of DuoPlavin meets warfarin (pair rows); ibuprofen + diclofenac: class rule
        assertThat(pairs(findings)).contains(
                "Marevan+DuoPlavin:warfarin/clopidogrel:pair:major",
                "Marevan+DuoPlavin:warfarin/acetylsalicylic acid:pair:major",
                "DuoPlavin+Brufen:clopidogrel/ibuprofen:pair:moderate",
                "DuoPlavin+Brufen:acetylsalicylic acid/ibuprofen:pair:moderate",
                "DuoPlavin+Cataflam:acetylsalicylic acid/diclofenac:class:major",
                "Brufen+Cataflam:ibuprofen/diclofenac:class:major",
                "Panadol+Marevan:paracetamol/warfarin:pair:moderate",
                "Marevan+Panadol Extra:warfarin/paracetamol:pair:moderate",
                "Panadol+Panadol Extra:paracetamol:duplicate:moderate");
    }

    private static List<String> pairs(JsonNode findings) {
        List<String> pairs = new ArrayList<>();
        for (JsonNode f : findings) {
            List<String> ingredients = new ArrayList<>();
            f.path("ingredients").forEach(i -> ingredients.add(i.asText()));
            // the medicine pair in the order given, so A and B read as in the request
            pairs.add(f.at("/medicineA/tradeNameEn").asText() + "+" + f.at("/medicineB/tradeNameEn").asText() + ":"
                    + String.join("/", ingredients) + ":" + f.path("rule").asText() + ":" + f.path("severity").asText());
        }
        return pairs;
    }

    @Test
    void aBrandAndItsGenericAreDuplicateTherapyAndUnrelatedMedicinesGiveNothing() {
        UUID generic = TestMedicines.create(http, Demo.OFFICER.login(http), "Warfarin Sigma", "وارفارين سيجما",
                "warfarin", "وارفارين");

        JsonNode duplicate = http.postAs(doctor, "/api/v2/interactions/check", body(marevan, generic)).json();
        JsonNode nothing = http.postAs(doctor, "/api/v2/interactions/check", body(viagra, panadol)).json();
        JsonNode alone = http.postAs(doctor, "/api/v2/interactions/check", body(viagra)).json();

        assertThat(duplicate.path("data")).hasSize(1);
        assertThat(duplicate.at("/data/0/rule").asText()).isEqualTo("duplicate");
        assertThat(duplicate.at("/data/0/ingredients/0").asText()).isEqualTo("warfarin");
        assertThat(duplicate.at("/data/0/descriptionAr").asText()).contains("وارفارين");
        assertThat(nothing.path("data")).isEmpty();
        assertThat(nothing.at("/meta/highestSeverity").isNull()).isTrue();
        assertThat(alone.path("data")).isEmpty();
    }

    @Test
    void badRequestsNameTheField() {
        assertThat(errorFields(http.postAs(doctor, "/api/v2/interactions/check", "{\"medicines\":[]}")))
                .containsExactly("medicines");
        assertThat(errorFields(http.postAs(doctor, "/api/v2/interactions/check", "{}"))).containsExactly("medicines");
        Object[] many = IntStream.range(0, 51).mapToObj(i -> UUID.randomUUID()).toArray();
        Http.Response tooMany = http.postAs(doctor, "/api/v2/interactions/check", body(many));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(errorFields(tooMany)).containsExactly("medicines");

        Http.Response bad = http.postAs(doctor, "/api/v2/interactions/check",
                body(marevan, "not-a-uuid", UUID.randomUUID(), marevan).replace("]}", ",{}]}"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("type").asText()).endsWith("validation-failed");
        assertThat(errorFields(bad)).containsExactly("medicines[1].id", "medicines[2].id", "medicines[3].id", "medicines[4].id");
        assertThat(bad.body()).contains("listed twice");

        Http.Response unknown = http.postAs(doctor, "/api/v2/interactions/check", body(marevan, UUID.randomUUID()));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(errorFields(unknown)).containsExactly("medicines[1].id");
        assertThat(unknown.body()).contains("no medicine with this id");

        assertThat(http.postAs(doctor, "/api/v2/interactions/check", "{\"medicines\":[{\"id\":\"" + marevan
                + "\",\"dose\":1}]}").status()).as("unknown field").isEqualTo(400);
        assertThat(http.postAs(doctor, "/api/v2/interactions/check", "{\"medicines\":[").status()).isEqualTo(400);
    }

    @Test
    void everyoneWhoReadsTheRegistryMayCheckAndOnlyTheRegulatorImports() {
        for (Demo who : Demo.values()) {
            String token = who.login(http);
            assertThat(http.postAs(token, "/api/v2/interactions/check", body(marevan, aspocid)).status())
                    .as(who.name()).isEqualTo(200);
            assertThat(http.getAs(token, "/api/v2/interactions?size=1").status()).as(who.name()).isEqualTo(200);
        }
        assertThat(http.postJson("/api/v2/interactions/check", body(marevan, aspocid)).status()).isEqualTo(401);
        assertThat(http.get("/api/v2/interactions").status()).isEqualTo(401);
        for (Demo who : List.of(Demo.CAIRO_DOCTOR, Demo.PHARMACIST, Demo.CAIRO_ADMIN, Demo.CAIRO_NURSE, Demo.VIEWER)) {
            Http.Response denied = http.send(http.request("/api/v2/interactions/import", "Authorization",
                    Http.bearer(who.login(http)), "Content-Type", "text/csv").POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(String.join(",", InteractionRow.COLUMNS) + "\n")));
            assertThat(denied.status()).as(who.name()).isEqualTo(403);
        }
    }

    @Test
    void theKnowledgeBaseIsListedWithFiltersAndPagination() {
        String viewer = Demo.VIEWER.login(http);

        JsonNode all = http.getAs(viewer, "/api/v2/interactions?size=100").json();
        assertThat(all.at("/meta/total").asLong()).isGreaterThanOrEqualTo(340);
        assertThat(all.path("data").findValuesAsText("severity"))
                .isSortedAccordingTo((a, b) -> Severity.rank(a) - Severity.rank(b));
        assertThat(all.at("/data/0/origin").asText()).isEqualTo("bundled");

        JsonNode warfarin = http.getAs(viewer, "/api/v2/interactions?ingredient=Warfarin&severity=major&size=100").json();
        assertThat(warfarin.path("data")).isNotEmpty();
        for (JsonNode row : warfarin.path("data")) {
            assertThat(List.of(row.path("ingredientA").asText(), row.path("ingredientB").asText())).contains("warfarin");
            assertThat(row.path("severity").asText()).isEqualTo("major");
        }
        JsonNode page2 = http.getAs(viewer, "/api/v2/interactions?sort=ingredientA,desc&page=2&size=5").json();
        assertThat(page2.path("data")).hasSize(5);
        assertThat(page2.at("/meta/sort").asText()).isEqualTo("ingredientA,desc");

        assertThat(http.getAs(viewer, "/api/v2/interactions?severity=deadly").status()).isEqualTo(400);
        assertThat(http.getAs(viewer, "/api/v2/interactions?origin=elsewhere").status()).isEqualTo(400);
        assertThat(http.getAs(viewer, "/api/v2/interactions?sort=descriptionEn").status()).isEqualTo(400);
    }

    @Test
    void classesAndClassRulesAreListed() {
        JsonNode nsaids = http.getAs(doctor, "/api/v2/interactions/classes?ingredient=ibuprofen").json();
        assertThat(nsaids.path("data").findValuesAsText("code")).contains("NSAIDS");
        JsonNode allergyClasses = http.getAs(doctor, "/api/v2/interactions/classes?allergyRelevant=true&size=100").json();
        assertThat(allergyClasses.path("data").findValuesAsText("code")).contains("PENICILLINS").doesNotContain("STATINS");
        assertThat(allergyClasses.path("data").get(0).path("members")).isNotEmpty();
        assertThat(allergyClasses.path("data").get(0).path("nameAr").asText()).containsPattern(ARABIC);

        JsonNode rules = http.getAs(doctor, "/api/v2/interactions/class-rules?class=nsaids&size=100").json();
        assertThat(rules.path("data")).isNotEmpty();
        JsonNode twoNsaids = null;
        for (JsonNode rule : rules.path("data")) {
            if ("NSAIDS".equals(rule.at("/drugClass/code").asText()) && "NSAIDS".equals(rule.at("/otherClass/code").asText())) {
                twoNsaids = rule;
            }
        }
        assertThat(twoNsaids).isNotNull();
        assertThat(twoNsaids.path("severity").asText()).isEqualTo("major");
        assertThat(twoNsaids.at("/drugClass/nameAr").asText()).containsPattern(ARABIC);
        JsonNode byIngredient = http.getAs(doctor, "/api/v2/interactions/class-rules?class=OPIOIDS").json();
        assertThat(byIngredient.path("data").findValuesAsText("otherIngredient")).contains("pregabalin", "gabapentin");
    }
}
