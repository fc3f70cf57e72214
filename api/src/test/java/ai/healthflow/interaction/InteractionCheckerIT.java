package ai.healthflow.interaction;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java API the prescription checks call, on the real knowledge base loaded at start. */
@ExtendWith(DropwizardExtensionsSupport.class)
class InteractionCheckerIT {
    static final TestApp.Extension APP = TestApp.create();
    static final InteractionChecker CHECKER = new InteractionChecker();
    static Jdbi jdbi;
    static UUID marevan;       // warfarin
    static UUID warfarinGeneric;
    static UUID aspocid;       // acetylsalicylic acid
    static UUID duoplavin;     // clopidogrel + acetylsalicylic acid
    static UUID brufen;        // ibuprofen
    static UUID cataflam;      // diclofenac
    static UUID panadol;       // paracetamol
    static UUID panadolExtra;  // paracetamol + caffeine
    static UUID viagra;        // sildenafil
    static UUID effox;         // isosorbide mononitrate

    @BeforeAll
    static void registry() {
        Http http = APP.http();
        String officer = Demo.OFFICER.login(http);
        marevan = medicine(http, officer, "Marevan", "ماريفان", "warfarin", "وارفارين");
        warfarinGeneric = medicine(http, officer, "Warfarin Sigma", "وارفارين سيجما", "warfarin", "وارفارين");
        aspocid = medicine(http, officer, "Aspocid", "أسبوسيد", "acetylsalicylic acid", "حمض الأسيتيل ساليسيليك");
        duoplavin = medicine(http, officer, "DuoPlavin", "دوبلافين", "clopidogrel + acetylsalicylic acid",
                "كلوبيدوجريل + حمض الأسيتيل ساليسيليك");
        brufen = medicine(http, officer, "Brufen", "بروفين", "ibuprofen", "إيبوبروفين");
        cataflam = medicine(http, officer, "Cataflam", "كتافلام", "diclofenac", "ديكلوفيناك");
        panadol = medicine(http, officer, "Panadol", "بانادول", "paracetamol", "باراسيتامول");
        panadolExtra = medicine(http, officer, "Panadol Extra", "بانادول إكسترا", "paracetamol + caffeine",
                "باراسيتامول + كافيين");
        viagra = medicine(http, officer, "Viagra", "فياجرا", "sildenafil", "سيلدينافيل");
        effox = medicine(http, officer, "Effox", "إيفوكس", "isosorbide mononitrate", "إيزوسوربيد أحادي النترات");
        jdbi = Jdbi.create(APP.database().url(), APP.database().user(), APP.database().password());
    }

    static UUID medicine(Http http, String token, String tradeEn, String tradeAr, String genericEn, String genericAr) {
        return TestMedicines.create(http, token, tradeEn, tradeAr, genericEn, genericAr);
    }

    static List<InteractionFinding> among(UUID... ids) {
        return jdbi.withHandle(h -> CHECKER.among(h, List.of(ids)));
    }

    @Test
    void aBrandOfWarfarinWithAspirinIsAMajorPairInteractionWithBothTexts() {
        List<InteractionFinding> findings = among(marevan, aspocid);

        assertThat(findings).hasSize(1);
        InteractionFinding f = findings.getFirst();
        assertThat(f.medicineA().id()).isEqualTo(marevan);
        assertThat(f.medicineA().tradeNameAr()).isEqualTo("ماريفان");
        assertThat(f.medicineB().id()).isEqualTo(aspocid);
        assertThat(f.ingredients()).containsExactly("warfarin", "acetylsalicylic acid");
        assertThat(f.severity()).isEqualTo("major");
        assertThat(f.rule()).isEqualTo("pair");
        assertThat(f.descriptionEn()).contains("bleeding");
        assertThat(f.descriptionAr()).containsPattern("[\\u0621-\\u064A]");
        assertThat(f.managementAr()).containsPattern("[\\u0621-\\u064A]");
        assertThat(f.source()).isEqualTo("BNF; Stockley");
    }

    @Test
    void aCombinationBrandMatchesEachOfItsIngredients() {
        List<InteractionFinding> findings = among(warfarinGeneric, duoplavin);

        assertThat(findings).extracting(InteractionFinding::ingredients).containsExactlyInAnyOrder(
                List.of("warfarin", "clopidogrel"), List.of("warfarin", "acetylsalicylic acid"));
        assertThat(findings).allMatch(f -> f.rule().equals("pair") && f.severity().equals("major"));
    }

    @Test
    void twoNsaidsWithoutAPairRowMeetTheClassRule() {
        List<InteractionFinding> findings = among(brufen, cataflam);

        assertThat(findings).hasSize(1);
        assertThat(findings.getFirst().rule()).isEqualTo("class");
        assertThat(findings.getFirst().severity()).isEqualTo("major");
        assertThat(findings.getFirst().ingredients()).containsExactly("ibuprofen", "diclofenac");
        assertThat(findings.getFirst().descriptionEn()).contains("gastrointestinal", "renal");
    }

    @Test
    void twoProductsWithTheSameIngredientAreDuplicateTherapy() {
        List<InteractionFinding> findings = among(panadol, panadolExtra);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("duplicate");
            assertThat(f.severity()).isEqualTo("moderate");
            assertThat(f.ingredients()).containsExactly("paracetamol");
            assertThat(f.descriptionAr()).contains("باراسيتامول");
        });
        assertThat(among(marevan, warfarinGeneric)).singleElement()
                .satisfies(f -> assertThat(f.rule()).as("brand and generic").isEqualTo("duplicate"));
    }

    @Test
    void findingsComeMostSevereFirst() {
        List<InteractionFinding> findings = among(panadol, brufen, viagra, panadolExtra, effox, cataflam);

        assertThat(findings).extracting(InteractionFinding::severity)
                .containsExactly("contraindicated", "major", "moderate");
        assertThat(findings.getFirst().ingredients()).containsExactly("sildenafil", "isosorbide mononitrate");
    }

    @Test
    void betweenChecksProposedAgainstCurrentOnly() {
        List<InteractionFinding> findings = jdbi.withHandle(h ->
                CHECKER.between(h, List.of(aspocid, panadol), List.of(marevan, warfarinGeneric, panadol)));

        // not the warfarin duplicate among the current ones; the proposed Panadol is already taken
        assertThat(findings).extracting(f -> f.medicineA().id() + ">" + f.medicineB().id() + ":" + f.rule())
                .containsExactlyInAnyOrder(aspocid + ">" + marevan + ":pair", aspocid + ">" + warfarinGeneric + ":pair",
                        panadol + ">" + marevan + ":pair", panadol + ">" + warfarinGeneric + ":pair",
                        panadol + ">" + panadol + ":duplicate");
        List<InteractionFinding> noneCurrent = jdbi.withHandle(h -> CHECKER.between(h, List.of(aspocid), List.of()));
        assertThat(noneCurrent).isEmpty();
    }

    @Test
    void unknownAndRepeatedIdsAddNothing() {
        assertThat(among(marevan, aspocid, UUID.randomUUID(), aspocid)).hasSize(1);
        assertThat(among(marevan)).isEmpty();
    }
}
