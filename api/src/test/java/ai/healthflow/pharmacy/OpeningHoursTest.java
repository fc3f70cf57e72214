package ai.healthflow.pharmacy;

import ai.healthflow.platform.error.FieldError;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpeningHoursTest {
    static OpeningHours.Interval at(String opens, String closes) {
        return new OpeningHours.Interval(opens, closes);
    }

    /** The same intervals every day of the week. */
    static OpeningHours daily(OpeningHours.Interval... intervals) {
        List<OpeningHours.Interval> day = List.of(intervals);
        return new OpeningHours(false, day, day, day, day, day, day, day);
    }

    @Test
    void aroundTheClockIsTheWholeWeek() {
        assertThat(OpeningHours.aroundTheClock().weeklyRanges()).containsExactly(new OpeningHours.Range(0, 10080));
        assertThat(OpeningHours.aroundTheClock().multirange()).isEqualTo("{[0,10080)}");
    }

    @Test
    void aDayWithoutIntervalsIsClosed() {
        var hours = new OpeningHours(false, null, null, List.of(at("09:00", "17:00")), null, null, null, null);
        assertThat(hours.weeklyRanges()).containsExactly(new OpeningHours.Range(540, 1020)); // Monday only
        assertThat(new OpeningHours(null, null, null, null, null, null, null, null).multirange()).isEqualTo("{}");
    }

    @Test
    void anIntervalClosingNotAfterItOpensEndsTheNextDay() {
        var friday = new OpeningHours(false, null, null, null, null, null, null, List.of(at("18:00", "02:00")));
        int fridayStart = 4 * 1440;
        assertThat(friday.weeklyRanges()).containsExactly(new OpeningHours.Range(fridayStart + 1080, fridayStart + 1440 + 120));
        var wholeDay = new OpeningHours(false, null, null, null, List.of(at("00:00", "00:00")), null, null, null);
        assertThat(wholeDay.weeklyRanges()).containsExactly(new OpeningHours.Range(1440, 2880)); // Tuesday
    }

    @Test
    void sundayNightWrapsIntoMondayMorning() {
        var sunday = new OpeningHours(false, null, List.of(at("20:00", "03:00")), null, null, null, null, null);
        assertThat(sunday.weeklyRanges()).containsExactly(new OpeningHours.Range(0, 180),
                new OpeningHours.Range(6 * 1440 + 1200, 10080));
    }

    @Test
    void touchingAndOverlappingIntervalsMerge() {
        assertThat(daily(at("09:00", "14:00"), at("14:00", "23:00")).weeklyRanges()).hasSize(7);
        // 10:00-02:00 every day overlaps nothing; 00:00-00:00 every day is the whole week
        assertThat(daily(at("00:00", "00:00")).weeklyRanges()).containsExactly(new OpeningHours.Range(0, 10080));
        assertThat(daily(at("09:00", "14:00"), at("12:00", "16:00")).weeklyRanges().getFirst())
                .isEqualTo(new OpeningHours.Range(540, 960));
    }

    @Test
    void openNowUsesCairoWallClockTimeIncludingSummerTime() {
        var morning = daily(at("08:00", "14:00"));
        // 2026-07-01 is a Wednesday in summer time (UTC+3): 05:45Z is 08:45 in Cairo, open
        assertThat(morning.isOpenAt(Instant.parse("2026-07-01T05:45:00Z"))).isTrue();
        // 2026-11-25 is a Wednesday in winter time (UTC+2): 05:45Z is 07:45 in Cairo, closed
        assertThat(morning.isOpenAt(Instant.parse("2026-11-25T05:45:00Z"))).isFalse();
        assertThat(OpeningHours.minuteOfWeek(Instant.parse("2026-11-23T00:00:00Z"))).isEqualTo(120); // Mon 02:00
    }

    @Test
    void closingTimeIsExclusiveAndOvernightHoursCarryIntoTheNextDay() {
        var lateShift = new OpeningHours(false, null, null, null, null, null, List.of(at("10:00", "02:00")), null);
        // Thursday 10:00-02:00: open on Friday 2026-11-20 at 01:59 Cairo (23:59Z Thursday), closed at 02:00
        assertThat(lateShift.isOpenAt(Instant.parse("2026-11-19T23:59:00Z"))).isTrue();
        assertThat(lateShift.isOpenAt(Instant.parse("2026-11-20T00:00:00Z"))).isFalse();
        assertThat(lateShift.isOpenAt(Instant.parse("2026-11-19T08:00:00Z"))).isTrue(); // Thursday 10:00
        assertThat(lateShift.isOpenAt(Instant.parse("2026-11-19T07:59:00Z"))).isFalse();
    }

    @Test
    void validationNamesEveryBadField() {
        var hours = new OpeningHours(false, List.of(at("9:00", "17:00")), null, null, null, null, null,
                List.of(at("08:00", "24:00"), at("13:00", "14:00"), at("15:00", "16:00"), at("17:00", "18:00"),
                        at("19:00", "20:00")));
        assertThat(hours.validate("openingHours")).extracting(FieldError::field).containsExactly(
                "openingHours.fri", "openingHours.fri[0].closes", "openingHours.sat[0].opens");
        var both = new OpeningHours(true, null, null, List.of(at("09:00", "17:00")), null, null, null, null);
        assertThat(both.validate("openingHours")).extracting(FieldError::field).containsExactly("openingHours.mon");
        assertThat(daily(at("00:00", "23:59")).validate("openingHours")).isEmpty();
    }
}
