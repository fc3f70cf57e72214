package ai.healthflow.pharmacy;

import ai.healthflow.pharmacy.OpeningHours.Interval;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PharmacyDirectoryFileTest {
    static final String HEADER = "opening_hours,latitude,longitude,name_en,name_ar,address_en,address_ar,city_en,"
            + "city_ar,governorate\n";

    @Test
    void openingHoursInOneCellCoverDayRangesThatWrapAndSeveralIntervals() {
        OpeningHours hours = OpeningHoursText.parse("Thu-Sun 9:00-23:00; mon 10:00-14:00, 18:00-02:00");

        assertThat(hours.open24h()).isFalse();
        assertThat(hours.thu()).containsExactly(new Interval("09:00", "23:00"));
        assertThat(hours.fri()).isEqualTo(hours.thu());
        assertThat(hours.sat()).isEqualTo(hours.thu());
        assertThat(hours.sun()).isEqualTo(hours.thu());
        assertThat(hours.mon()).containsExactly(new Interval("10:00", "14:00"), new Interval("18:00", "02:00"));
        assertThat(hours.tue()).isNull();
        assertThat(hours.wed()).isNull();
        assertThat(OpeningHoursText.parse(" 24h ")).isEqualTo(OpeningHours.aroundTheClock());
    }

    @Test
    void openingHoursThatCannotBeReadSayWhy() {
        assertThatThrownBy(() -> OpeningHoursText.parse("sat-thu 09:00-23:00; thu 10:00-11:00"))
                .hasMessage("thu is given twice");
        assertThatThrownBy(() -> OpeningHoursText.parse("daily 09:00-23:00")).hasMessageContaining("'dai");
        assertThatThrownBy(() -> OpeningHoursText.parse("sat 9-5")).hasMessage("'9-5' is not an interval HH:mm-HH:mm");
        assertThatThrownBy(() -> OpeningHoursText.parse("")).hasMessageStartingWith("is required");
    }

    @Test
    void aValidFileIsReadInOrderWithDefaultsForOptionalColumns() throws Exception {
        Path file = write("\uFEFF" + HEADER
                + "24h,30.0478,31.2394,Tahrir Pharmacy,صيدلية التحرير,1 Tahrir Square,١ ميدان التحرير,Cairo,القاهرة,Cairo\n");

        PharmacyDirectoryFile.Contents contents = PharmacyDirectoryFile.read(file);

        assertThat(contents.sha256()).hasSize(64);
        assertThat(contents.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.line()).isEqualTo(2);
            assertThat(entry.type()).isEqualTo("pharmacy");
            assertThat(entry.nameAr()).isEqualTo("صيدلية التحرير");
            assertThat(entry.profile().delivery()).isFalse();
            assertThat(entry.profile().latitude()).isEqualTo(30.0478);
            assertThat(entry.profile().openingHours().open24h()).isTrue();
        });
    }

    @Test
    void everyProblemIsNamedByLineAndColumn() throws Exception {
        Path file = write(HEADER
                + "24h,30.1,31.2,Tahrir Pharmacy,صيدلية التحرير,1 Tahrir Square,١ ميدان التحرير,Cairo,القاهرة,Cairo\n"
                + "24h,95,31.2,TAHRIR pharmacy,صيدلية,2 Street,٢ شارع,Cairo,القاهرة,Cairo\n"
                + "sat 25:00-26:00,30.1,,Third,Third,3 Street,Street,Cairo,القاهرة,Cairo\n");

        assertThatThrownBy(() -> PharmacyDirectoryFile.read(file))
                .isInstanceOf(PharmacyFileInvalid.class)
                .satisfies(e -> assertThat(((PharmacyFileInvalid) e).problems()).map(Object::toString).containsExactly(
                        "line 3, latitude: is required, from -90 to 90",
                        "line 4, name_ar: must be written in Arabic",
                        "line 4, address_ar: must be written in Arabic",
                        "line 4, longitude: is required, from -180 to 180",
                        "line 4, opening_hours: sat[0].opens must be a time HH:mm from 00:00 to 23:59"));
    }

    @Test
    void aNameGivenTwiceAndAWrongHeaderAreRefused() throws Exception {
        String row = "24h,30.1,31.2,Tahrir Pharmacy,صيدلية التحرير,1 Tahrir Square,١ ميدان التحرير,Cairo,القاهرة,Cairo\n";
        assertThatThrownBy(() -> PharmacyDirectoryFile.read(write(HEADER + row + row.replace("Tahrir Pharmacy", "tahrir PHARMACY"))))
                .hasMessageContaining("line 3, name_en: 'tahrir PHARMACY' is already on line 2");

        assertThatThrownBy(() -> PharmacyDirectoryFile.read(write("name_en,name_ar,colour\nA,ب,red\n")))
                .satisfies(e -> assertThat(((PharmacyFileInvalid) e).problems())
                        .allMatch(problem -> problem.line() == 1)
                        .map(Object::toString)
                        .contains("line 1, colour: unknown column; the columns are " + PharmacyDirectoryFile.REQUIRED
                                + " and optionally " + PharmacyDirectoryFile.OPTIONAL,
                                "line 1, latitude: is missing from the header"));
        assertThatThrownBy(() -> PharmacyDirectoryFile.read(write(HEADER)))
                .hasMessageContaining("line 1: the file lists no pharmacy");
        assertThatThrownBy(() -> PharmacyDirectoryFile.read(Path.of("/nonexistent/pharmacies.csv")))
                .hasMessageContaining("1 problem, nothing of the file was imported\n  no such file");
    }

    private static Path write(String content) throws Exception {
        Path file = Files.createTempFile("directory", ".csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        file.toFile().deleteOnExit();
        return file;
    }
}
