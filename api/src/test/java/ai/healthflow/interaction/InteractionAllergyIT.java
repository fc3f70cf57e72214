package ai.healthflow.interaction;

import ai.healthflow.patient.PatientNotFound;
import ai.healthflow.platform.db.Db;
import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link InteractionChecker#allergies}: by ingredient, by class, cross-reactivity within an allergy-relevant class,
 * on a handle scoped like the service's (as healthflow_app, under row-level security).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InteractionAllergyIT {
    static final TestApp.Extension APP = TestApp.create();
    static final InteractionChecker CHECKER = new InteractionChecker();
    static Db db;
    static UUID cairo;
    static UUID alex;
    static UUID patient;
    static UUID amoxil;      // amoxicillin
    static UUID augmentin;   // amoxicillin + clavulanic acid
    static UUID epicocillin; // ampicillin
    static UUID keflex;      // cefalexin
    static UUID brufen;      // ibuprofen
    static UUID cataflam;    // diclofenac
    static UUID panadol;     // paracetamol

    @BeforeAll
    static void setUp() {
        Http http = APP.http();
        String officer = Demo.OFFICER.login(http);
        amoxil = TestMedicines.create(http, officer, "Amoxil", "أموكسيل", "amoxicillin", "أموكسيسيلين");
        augmentin = TestMedicines.create(http, officer, "Augmentin", "أوجمنتين", "amoxicillin + clavulanic acid",
                "أموكسيسيلين + حمض الكلافولانيك");
        epicocillin = TestMedicines.create(http, officer, "Epicocillin", "إبيكوسيلين", "ampicillin", "أمبيسيلين");
        keflex = TestMedicines.create(http, officer, "Keflex", "كيفلكس", "cefalexin", "سيفالكسين");
        brufen = TestMedicines.create(http, officer, "Brufen", "بروفين", "ibuprofen", "إيبوبروفين");
        cataflam = TestMedicines.create(http, officer, "Cataflam", "كتافلام", "diclofenac", "ديكلوفيناك");
        panadol = TestMedicines.create(http, officer, "Panadol", "بانادول", "paracetamol", "باراسيتامول");

        String doctor = Demo.CAIRO_DOCTOR.login(http);
        cairo = UUID.fromString(http.getAs(doctor, "/api/v2/me").json().at("/data/tenant/id").asText());
        alex = UUID.fromString(http.getAs(Demo.ALEX_DOCTOR.login(http), "/api/v2/me").json().at("/data/tenant/id").asText());
        Http.Response registered = http.postAs(doctor, "/api/v2/patients/register", """
                {"nationalId":"27203150123457","nameEn":"Ahmed Mahmoud Ali","nameAr":"أحمد محمود علي",
                 "dateOfBirth":"1972-03-15","sex":"male",
                 "allergies":[{"type":"ingredient","substance":"Amoxicillin","reaction":"rash"},
                              {"type":"class","substance":"NSAIDS","reaction":"bronchospasm"}]}""");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        patient = UUID.fromString(registered.json().at("/data/id").asText());

        db = new Db(Jdbi.create(APP.database().url(), APP.database().user(), APP.database().password()));
    }

    /** The service's view: healthflow_app (row-level security applies), scoped to one tenant. */
    static List<AllergyFinding> allergiesIn(UUID tenant, List<UUID> medicines) {
        return db.inTenant(tenant, handle -> {
            asApp(handle);
            return CHECKER.allergies(handle, medicines, patient);
        });
    }

    static void asApp(Handle handle) {
        handle.execute("SET LOCAL ROLE healthflow_app");
    }

    @Test
    void allergiesMatchByIngredientByClassAndByCrossReactivityInTheOrderGiven() {
        List<AllergyFinding> findings = allergiesIn(cairo,
                List.of(augmentin, epicocillin, keflex, brufen, panadol, cataflam, amoxil));

        assertThat(findings).extracting(f -> f.medicine().tradeNameEn() + ":" + f.ingredient() + ":" + f.allergyKind()
                        + ":" + f.allergySubstance() + ":" + f.reaction() + ":" + f.crossReactive())
                .containsExactly(
                        "Augmentin:amoxicillin:ingredient:amoxicillin:rash:false",
                        "Epicocillin:ampicillin:ingredient:amoxicillin:rash:true",
                        "Brufen:ibuprofen:class:nsaids:bronchospasm:false",
                        "Cataflam:diclofenac:class:nsaids:bronchospasm:false",
                        "Amoxil:amoxicillin:ingredient:amoxicillin:rash:false");
        // no chaining from penicillins to cephalosporins; nothing for paracetamol
        assertThat(findings).noneMatch(f -> f.medicine().id().equals(keflex) || f.medicine().id().equals(panadol));
        assertThat(findings.getFirst().medicine().tradeNameAr()).isEqualTo("أوجمنتين");
    }

    @Test
    void aMedicineWithoutAllergensGivesNothing() {
        assertThat(allergiesIn(cairo, List.of(panadol, keflex))).isEmpty();
        assertThat(allergiesIn(cairo, List.of())).isEmpty();
    }

    @Test
    void anotherTenantsOrAnUnscopedHandleCannotSeeThePatientAndSaysSo() {
        assertThatThrownBy(() -> allergiesIn(alex, List.of(amoxil))).isInstanceOf(PatientNotFound.class);
        assertThatThrownBy(() -> db.unscoped(handle -> handle.inTransaction(h -> {
            asApp(h);
            return CHECKER.allergies(h, List.of(amoxil), patient);
        }))).isInstanceOf(PatientNotFound.class);
        assertThatThrownBy(() -> db.inTenant(cairo, h -> {
            asApp(h);
            return CHECKER.allergies(h, List.of(amoxil), UUID.randomUUID());
        })).isInstanceOf(PatientNotFound.class);
    }
}
