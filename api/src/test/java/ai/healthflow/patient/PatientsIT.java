package ai.healthflow.patient;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class PatientsIT {
    static final TestApp.Extension APP = TestApp.create();
    Http http;
    String doctor;

    @BeforeAll
    static void registry() {
        Http http = APP.http();
        http.postAs(Demo.OFFICER.login(http), "/api/v2/medicines", """
                {"registrationNo":"EG-P1","tradeNameEn":"Amoxil","tradeNameAr":"أموكسيل","genericNameEn":"amoxicillin",
                 "genericNameAr":"أموكسيسيلين","strength":"500 mg","dosageForm":"capsule","route":"oral",
                 "atcCode":"J01CA04","manufacturer":"GSK","priceEgp":30}""");
    }

    @BeforeEach
    void setUp() {
        http = APP.http();
        doctor = Demo.CAIRO_DOCTOR.login(http);
    }

    static String patient(String nationalId, String dob, String sex, String extra) {
        return """
                {"nationalId":"%s","nameEn":"Ahmed Mahmoud Ali","nameAr":"أحمد محمود علي","dateOfBirth":"%s",
                 "sex":"%s","phone":"0101 234 5678"%s}""".formatted(nationalId, dob, sex, extra);
    }

    List<String> errorFields(Http.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    @Test
    void aDoctorRegistersAPatientWithAllergiesAndFindsThemInEitherScript() throws Exception {
        Http.Response created = http.postAs(doctor, "/api/v2/patients/register", patient("27203150123457", "1972-03-15", "male",
                ",\"allergies\":[{\"type\":\"ingredient\",\"substance\":\"Amoxicillin\",\"reaction\":\"rash\"},"
                        + "{\"type\":\"class\",\"substance\":\"sulfonamides\"}],\"conditions\":[{\"name\":\"Type 2 diabetes\",\"icd10\":\"E11\"}]"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode p = created.json().path("data");
        assertThat(p.path("governorate").asText()).isEqualTo("Cairo");
        assertThat(p.path("phone").asText()).isEqualTo("+201012345678");
        assertThat(p.path("allergies")).hasSize(2);
        assertThat(p.path("allergies").get(1).path("substance").asText()).isEqualTo("amoxicillin");
        assertThat(p.path("conditions").get(0).path("icd10").asText()).isEqualTo("E11");
        String id = p.path("id").asText();

        for (String q : List.of("احمد", "أحمد محمود", "mahmoud", "2720315", "01012345678")) {
            JsonNode found = http.getAs(doctor, "/api/v2/patients?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).json();
            assertThat(found.path("data").findValuesAsText("id")).as(q).contains(id);
        }
        assertThat(http.getAs(doctor, "/api/v2/patients?q=%25").json().path("data").findValuesAsText("id"))
                .as("LIKE wildcards are text").doesNotContain(id);

        // reads are audited: the record and the search
        assertThat(http.getAs(Demo.CAIRO_NURSE.login(http), "/api/v2/patients/" + id).status()).isEqualTo(200);
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'patient.read' AND entity_id = '" + id + "'")).isEqualTo(1);
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'patient.searched' AND changes::text LIKE '%" + id + "%'"))
                .isGreaterThanOrEqualTo(5);
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'patient.registered' AND entity_id = '" + id
                + "' AND changes::text NOT LIKE '%27203150123457%'")).as("no national ID in the trail").isEqualTo(1);

        // another tenant: not found, not listed, and may register the same person itself
        String alex = Demo.ALEX_DOCTOR.login(http);
        assertThat(http.getAs(alex, "/api/v2/patients/" + id).status()).isEqualTo(404);
        assertThat(http.getAs(alex, "/api/v2/patients?q=2720315").json().path("data")).isEmpty();
        assertThat(http.postAs(alex, "/api/v2/patients/register", patient("27203150123457", "1972-03-15", "male", "")).status())
                .isEqualTo(201);
        assertThat(http.postAs(doctor, "/api/v2/patients/register", patient("27203150123457", "1972-03-15", "male", "")).status())
                .as("same tenant, same national ID").isEqualTo(409);
    }

    @Test
    void theNationalIdMustAgreeWithTheFormAndEveryFieldIsChecked() throws Exception {
        assertThat(errorFields(http.postAs(doctor, "/api/v2/patients/register", patient("27203150123457", "1972-03-16", "male", ""))))
                .containsExactly("nationalId");
        Http.Response sex = http.postAs(doctor, "/api/v2/patients/register", patient("27203150123457", "1972-03-15", "female", ""));
        assertThat(sex.body()).contains("13th digit");
        assertThat(errorFields(http.postAs(doctor, "/api/v2/patients/register", patient("27203159923457", "1972-03-15", "male", ""))))
                .containsExactly("nationalId");
        Http.Response many = http.postAs(doctor, "/api/v2/patients/register", """
                {"nationalId":"123","nameEn":"","nameAr":"Latin only","dateOfBirth":"2999-01-01","sex":"x","phone":"555",
                 "allergies":[{"type":"food","substance":""}],"conditions":[{"name":"Asthma","icd10":"asthma"}]}""");
        assertThat(many.status()).isEqualTo(422);
        assertThat(errorFields(many)).contains("nationalId", "nameEn", "nameAr", "dateOfBirth", "sex", "phone",
                "allergies[0].type", "allergies[0].substance", "conditions[0].icd10");
        Http.Response unknownIngredient = http.postAs(doctor, "/api/v2/patients/register", patient("30501012100462", "2005-01-01", "female",
                ",\"allergies\":[{\"type\":\"ingredient\",\"substance\":\"unobtainium\"}]"));
        assertThat(errorFields(unknownIngredient)).containsExactly("allergies[0].substance");
        Http.Response unknownClass = http.postAs(doctor, "/api/v2/patients/register", patient("30501012100462", "2005-01-01", "female",
                ",\"allergies\":[{\"type\":\"class\",\"substance\":\"not-a-class\"}]"));
        assertThat(errorFields(unknownClass)).containsExactly("allergies[0].substance");
        assertThat(APP.count("SELECT count(*) FROM patients WHERE national_id = '30501012100462'")).isZero();
    }

    @Test
    void onlyCareTeamsRegisterAndReadPatients() {
        for (Demo who : List.of(Demo.PHARMACIST, Demo.VIEWER, Demo.OFFICER)) {
            String token = who.login(http);
            assertThat(http.postAs(token, "/api/v2/patients/register", patient("28801011900015", "1988-01-01", "male", "")).status())
                    .as(who.name()).isEqualTo(403);
            assertThat(http.getAs(token, "/api/v2/patients").status()).as(who.name()).isEqualTo(403);
        }
        assertThat(http.postAs(Demo.CAIRO_NURSE.login(http), "/api/v2/patients/register",
                patient("28801011900015", "1988-01-01", "male", "")).status()).isEqualTo(201);
    }
}
