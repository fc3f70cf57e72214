package ai.healthflow.consultation;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class ConsultationsIT {
    static final TestApp.Extension APP = TestApp.create();
    Http http;
    String doctor;

    @BeforeEach
    void setUp() {
        http = APP.http();
        doctor = Demo.CAIRO_DOCTOR.login(http);
    }

    String patient(String token, String nationalId, String dob) {
        Http.Response created = http.postAs(token, "/api/v2/patients/register", """
                {"nationalId":"%s","nameEn":"Mona Adel","nameAr":"منى عادل","dateOfBirth":"%s","sex":"female"}
                """.formatted(nationalId, dob));
        assertThat(created.status()).as(created.body()).isIn(201, 409);
        return http.getAs(token, "/api/v2/patients?q=" + nationalId).json().path("data").get(0).path("id").asText();
    }

    @Test
    void aConsultationGoesFromScheduledToCompletedAndNoFurther() throws Exception {
        String patientId = patient(doctor, "28505050100128", "1985-05-05");
        Http.Response created = http.postAs(doctor, "/api/v2/consultations",
                "{\"patientId\":\"" + patientId + "\",\"reason\":\"Follow-up of hypertension\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode c = created.json().path("data");
        assertThat(c.path("status").asText()).isEqualTo("scheduled");
        assertThat(c.path("providerName").asText()).isEqualTo("Dr. Ahmed Farouk");
        assertThat(c.path("patientNameAr").asText()).isEqualTo("منى عادل");
        String id = c.path("id").asText();

        assertThat(http.patchAs(doctor, "/api/v2/consultations/" + id, "{\"status\":\"completed\"}").status()).isEqualTo(409);
        JsonNode started = http.patchAs(doctor, "/api/v2/consultations/" + id, "{\"status\":\"in_progress\"}").json().path("data");
        assertThat(started.path("startedAt").isTextual()).isTrue();
        JsonNode done = http.patchAs(doctor, "/api/v2/consultations/" + id,
                "{\"status\":\"completed\",\"notes\":\"BP 130/85, continue amlodipine\"}").json().path("data");
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("notes").asText()).contains("amlodipine");
        Http.Response reopen = http.patchAs(doctor, "/api/v2/consultations/" + id, "{\"status\":\"scheduled\"}");
        assertThat(reopen.status()).isEqualTo(409);
        assertThat(reopen.json().path("detail").asText()).contains("final");

        assertThat(http.getAs(doctor, "/api/v2/consultations?patient=" + patientId + "&status=completed").json()
                .path("meta").path("total").asLong()).isEqualTo(1);
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE entity_id = '" + id + "' AND action LIKE 'consultation.%'"))
                .as("created and two updates; refused steps change nothing").isEqualTo(3);
        // another hospital cannot see it
        assertThat(http.getAs(Demo.ALEX_DOCTOR.login(http), "/api/v2/consultations/" + id).status()).isEqualTo(404);
    }

    @Test
    void patientAndProviderMustBelongToTheCallersOrganisation() throws Exception {
        String alex = Demo.ALEX_DOCTOR.login(http);
        String alexPatient = patient(alex, "29001010200122", "1990-01-01");
        Http.Response foreignPatient = http.postAs(doctor, "/api/v2/consultations",
                "{\"patientId\":\"" + alexPatient + "\",\"reason\":\"x\"}");
        assertThat(foreignPatient.status()).isEqualTo(422);
        assertThat(foreignPatient.body()).contains("patientId");
        String nurse = Demo.CAIRO_NURSE.login(http);
        String patientId = patient(nurse, "29202020100223", "1992-02-02");
        Http.Response noProvider = http.postAs(nurse, "/api/v2/consultations", "{\"patientId\":\"" + patientId + "\",\"reason\":\"x\"}");
        assertThat(noProvider.status()).isEqualTo(422);
        assertThat(noProvider.body()).contains("providerId");
        String nurseId = http.getAs(nurse, "/api/v2/me").json().path("data").path("id").asText();
        assertThat(http.postAs(nurse, "/api/v2/consultations", "{\"patientId\":\"" + patientId
                + "\",\"providerId\":\"" + nurseId + "\",\"reason\":\"x\"}").status()).as("a nurse is not a provider").isEqualTo(422);
        for (Demo who : List.of(Demo.PHARMACIST, Demo.VIEWER)) {
            assertThat(http.getAs(who.login(http), "/api/v2/consultations").status()).isEqualTo(403);
        }
        assertThat(http.getAs(doctor, "/api/v2/consultations?status=done").status()).isEqualTo(400);
    }
}
