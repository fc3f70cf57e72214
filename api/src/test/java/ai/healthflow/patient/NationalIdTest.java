package ai.healthflow.patient;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class NationalIdTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Test
    void readsCenturyBirthDateGovernorateAndSex() {
        NationalId man = NationalId.parse("27203150123457", TODAY);
        assertThat(man.birthDate()).isEqualTo(LocalDate.of(1972, 3, 15));
        assertThat(man.governorate()).isEqualTo("Cairo");
        assertThat(man.sex()).isEqualTo("male");
        NationalId woman = NationalId.parse("30501012100462", TODAY);
        assertThat(woman.birthDate()).isEqualTo(LocalDate.of(2005, 1, 1));
        assertThat(woman.governorate()).isEqualTo("Giza");
        assertThat(woman.sex()).isEqualTo("female");
        assertThat(NationalId.parse("29912318800011", TODAY).governorate()).isEqualTo("Abroad");
    }

    @Test
    void refusesWhatCannotBeAnId() {
        assertThat(NationalId.problem("2720315012345", TODAY)).hasValue("must be 14 digits");
        assertThat(NationalId.problem("2720315012345x", TODAY)).hasValue("must be 14 digits");
        assertThat(NationalId.problem("٢٧٢٠٣١٥٠١٢٣٤٥٧", TODAY)).as("digits must be ASCII by now").isPresent();
        assertThat(NationalId.problem("47203150123457", TODAY)).get().asString().contains("century");
        assertThat(NationalId.problem("27202300123457", TODAY)).get().asString().contains("birth date");
        assertThat(NationalId.problem("27213010123457", TODAY)).get().asString().contains("birth date");
        assertThat(NationalId.problem("32701010123457", TODAY)).get().asString().contains("future");
        assertThat(NationalId.problem("27203159923457", TODAY)).get().asString().contains("governorate");
        assertThat(NationalId.problem("27203150523457", TODAY)).as("05 is not issued").isPresent();
        assertThat(NationalId.problem("27203150123457", TODAY)).isEmpty();
    }
}
