package ai.healthflow.batch.analytics;

import ai.healthflow.batch.analytics.DailyAggregation.Line;
import ai.healthflow.batch.analytics.DailyAggregation.MedicineFacts;
import ai.healthflow.batch.analytics.DailyAggregation.MedicineMeasure;
import ai.healthflow.batch.analytics.DailyAggregation.TenantMeasure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static ai.healthflow.batch.analytics.DailyAggregation.ADVERSE_EVENT;
import static ai.healthflow.batch.analytics.DailyAggregation.DISPENSING;
import static ai.healthflow.batch.analytics.DailyAggregation.PRESCRIPTION;
import static ai.healthflow.batch.analytics.DailyAggregation.RECALL_TASK;
import static ai.healthflow.batch.analytics.DailyAggregation.USER;
import static org.assertj.core.api.Assertions.assertThat;

class DailyAggregationTest {
    static final UUID HOSPITAL = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID PHARMACY = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    // uuid order as PostgreSQL sees it: AMOX < COAMOX < PARA < HERB (the high bit set sorts last, unlike UUID.compareTo)
    static final UUID AMOX = UUID.fromString("10000000-0000-0000-0000-000000000001");
    static final UUID COAMOX = UUID.fromString("20000000-0000-0000-0000-000000000002");
    static final UUID PARA = UUID.fromString("30000000-0000-0000-0000-000000000003");
    static final UUID HERB = UUID.fromString("f0000000-0000-0000-0000-000000000004");
    static final String[] J01C = {"J", "J01", "J01C"};
    static final String[] N02B = {"N", "N02", "N02B"};
    static final String[] NONE = {"", "", ""};

    static Line item(UUID prescription, UUID medicine, String[] atc, int quantity, int dispensed) {
        return new Line(PRESCRIPTION, HOSPITAL, prescription, medicine, atc, 1, quantity, dispensed > 0 ? 1 : 0, dispensed, 0);
    }

    static MedicineFacts row(DailyAggregation day, UUID tenant, UUID medicine) {
        return day.medicines().stream().filter(r -> r.tenant.equals(tenant) && r.medicine.equals(medicine)).findFirst()
                .orElseThrow();
    }

    @Test
    void aPrescriptionIsCountedOncePerTenantMedicineAndAtcGroup() {
        var day = new DailyAggregation();
        UUID rx = UUID.randomUUID();
        day.add(item(rx, COAMOX, J01C, 20, 0));
        day.add(item(rx, AMOX, J01C, 10, 10));
        day.add(item(rx, PARA, N02B, 2, 0));

        long[] total = day.tenants().get(HOSPITAL);
        assertThat(total[TenantMeasure.PRESCRIPTIONS.ordinal()]).isEqualTo(1);
        assertThat(total[TenantMeasure.PRESCRIPTIONS_DISPENSED.ordinal()]).isEqualTo(1);
        assertThat(total[TenantMeasure.ITEMS_PRESCRIBED.ordinal()]).isEqualTo(3);
        assertThat(total[TenantMeasure.QUANTITY_PRESCRIBED.ordinal()]).isEqualTo(32);
        assertThat(total[TenantMeasure.QUANTITY_DISPENSED.ordinal()]).isEqualTo(10);

        MedicineFacts amox = row(day, HOSPITAL, AMOX);
        MedicineFacts coamox = row(day, HOSPITAL, COAMOX);
        assertThat(amox.get(MedicineMeasure.PRESCRIPTIONS)).isEqualTo(1);
        assertThat(coamox.get(MedicineMeasure.PRESCRIPTIONS)).isEqualTo(1);
        // the first J01C medicine in uuid order represents the prescription in J, J01 and J01C
        assertThat(amox.get(MedicineMeasure.PRESCRIPTIONS_ATC1) + coamox.get(MedicineMeasure.PRESCRIPTIONS_ATC1)).isEqualTo(1);
        assertThat(amox.get(MedicineMeasure.PRESCRIPTIONS_ATC3)).isEqualTo(1);
        assertThat(coamox.get(MedicineMeasure.PRESCRIPTIONS_ATC3)).isZero();
        // amox represents J01 and was dispensed; the next test dispenses the other one
        assertThat(amox.get(MedicineMeasure.PRESCRIPTIONS_DISPENSED_ATC2)).isEqualTo(1);
        assertThat(coamox.get(MedicineMeasure.PRESCRIPTIONS_DISPENSED)).isZero();
        assertThat(row(day, HOSPITAL, PARA).get(MedicineMeasure.PRESCRIPTIONS_ATC1)).as("alone in N").isEqualTo(1);
    }

    @Test
    void aGroupCountsAsDispensedWhenAnyOfItsMedicinesWasEvenIfNotTheRepresentative() {
        var day = new DailyAggregation();
        UUID rx = UUID.randomUUID();
        day.add(item(rx, AMOX, J01C, 10, 0));
        day.add(item(rx, COAMOX, J01C, 20, 5));

        MedicineFacts amox = row(day, HOSPITAL, AMOX);
        assertThat(amox.get(MedicineMeasure.PRESCRIPTIONS_DISPENSED)).isZero();
        assertThat(amox.get(MedicineMeasure.PRESCRIPTIONS_DISPENSED_ATC3)).isEqualTo(1);
        assertThat(row(day, HOSPITAL, COAMOX).get(MedicineMeasure.PRESCRIPTIONS_DISPENSED_ATC3)).isZero();
    }

    @Test
    void representativesFollowPostgresUuidOrderNotJavaCompareTo() {
        UUID low = UUID.fromString("00000000-0000-0000-0000-000000000001");
        assertThat(HERB.compareTo(low)).as("Java compares signed").isNegative();
        assertThat(DailyAggregation.POSTGRES_ORDER.compare(HERB, low)).isPositive();

        var day = new DailyAggregation();
        UUID rx = UUID.randomUUID();
        day.add(item(rx, HERB, NONE, 1, 0));
        day.add(item(rx, low, NONE, 1, 0));
        assertThat(row(day, HOSPITAL, low).get(MedicineMeasure.PRESCRIPTIONS_ATC2)).isEqualTo(1);
        assertThat(row(day, HOSPITAL, HERB).get(MedicineMeasure.PRESCRIPTIONS_ATC2)).isZero();
    }

    @Test
    void theSameMedicineTwiceInOnePrescriptionCountsOnceWithBothItems() {
        var day = new DailyAggregation();
        UUID rx = UUID.randomUUID();
        day.add(item(rx, PARA, N02B, 2, 0));
        day.add(item(rx, PARA, N02B, 3, 3));

        MedicineFacts para = row(day, HOSPITAL, PARA);
        assertThat(para.get(MedicineMeasure.PRESCRIPTIONS)).isEqualTo(1);
        assertThat(para.get(MedicineMeasure.PRESCRIPTIONS_ATC3)).isEqualTo(1);
        assertThat(para.get(MedicineMeasure.ITEMS_PRESCRIBED)).isEqualTo(2);
        assertThat(para.get(MedicineMeasure.QUANTITY_PRESCRIBED)).isEqualTo(5);
        assertThat(para.get(MedicineMeasure.PRESCRIPTIONS_DISPENSED)).isEqualTo(1);
    }

    @Test
    void entitiesWithoutLinesCountForTheTenantOnly() {
        var day = new DailyAggregation();
        day.add(new Line(PRESCRIPTION, HOSPITAL, UUID.randomUUID(), null, null, 0, 0, 0, 0, 0));
        day.add(new Line(ADVERSE_EVENT, HOSPITAL, UUID.randomUUID(), null, null, 0, 0, 0, 0, 1 | 1 << 1));

        long[] total = day.tenants().get(HOSPITAL);
        assertThat(total[TenantMeasure.PRESCRIPTIONS.ordinal()]).isEqualTo(1);
        assertThat(total[TenantMeasure.ADVERSE_EVENTS_SERIOUS.ordinal()]).isEqualTo(1);
        assertThat(total[TenantMeasure.AE_DEATH.ordinal()]).isEqualTo(1);
        assertThat(day.medicines()).isEmpty();
    }

    @Test
    void adverseEventsDispensingsRecallsAndUsersLandInTheirOwnMeasures() {
        var day = new DailyAggregation();
        UUID ae = UUID.randomUUID();
        int flags = 1 | 1 << 3 | 1 << 2; // serious: hospitalisation, life threatening
        day.add(new Line(ADVERSE_EVENT, HOSPITAL, ae, AMOX, J01C, 0, 0, 0, 0, flags));
        day.add(new Line(ADVERSE_EVENT, HOSPITAL, ae, COAMOX, J01C, 0, 0, 0, 0, flags));
        UUID dispensing = UUID.randomUUID();
        day.add(new Line(DISPENSING, PHARMACY, dispensing, AMOX, J01C, 1, 10, 0, 0, 0));
        day.add(new Line(DISPENSING, PHARMACY, dispensing, PARA, N02B, 1, 4, 1, 0, 0));
        day.add(new Line(RECALL_TASK, PHARMACY, UUID.randomUUID(), AMOX, J01C, 1, 0, 0, 0, 0));
        UUID user = UUID.randomUUID();
        day.add(new Line(USER, HOSPITAL, user, null, null, 0, 0, 0, 0, 0));
        day.add(new Line(USER, HOSPITAL, user, null, null, 0, 0, 0, 0, 0)); // audited and refreshed a session
        day.add(new Line(USER, PHARMACY, user, null, null, 0, 0, 0, 0, 0)); // also active in a second tenant

        long[] hospital = day.tenants().get(HOSPITAL);
        long[] pharmacy = day.tenants().get(PHARMACY);
        assertThat(hospital[TenantMeasure.ADVERSE_EVENTS.ordinal()]).isEqualTo(1);
        assertThat(hospital[TenantMeasure.AE_HOSPITALISATION.ordinal()]).isEqualTo(1);
        assertThat(hospital[TenantMeasure.AE_LIFE_THREATENING.ordinal()]).isEqualTo(1);
        assertThat(hospital[TenantMeasure.AE_DEATH.ordinal()]).isZero();
        assertThat(hospital[TenantMeasure.ACTIVE_USERS.ordinal()]).isEqualTo(1);
        assertThat(pharmacy[TenantMeasure.ACTIVE_USERS.ordinal()]).isEqualTo(1);
        assertThat(pharmacy[TenantMeasure.DISPENSINGS.ordinal()]).isEqualTo(1);
        assertThat(pharmacy[TenantMeasure.DISPENSED_ITEMS.ordinal()]).isEqualTo(2);
        assertThat(pharmacy[TenantMeasure.SUBSTITUTIONS.ordinal()]).isEqualTo(1);
        assertThat(pharmacy[TenantMeasure.RECALL_NOTICES.ordinal()]).isEqualTo(1);

        assertThat(row(day, HOSPITAL, AMOX).get(MedicineMeasure.ADVERSE_EVENTS_SERIOUS_ATC2)).isEqualTo(1);
        assertThat(row(day, HOSPITAL, COAMOX).get(MedicineMeasure.ADVERSE_EVENTS_SERIOUS_ATC2)).isZero();
        assertThat(row(day, PHARMACY, AMOX).get(MedicineMeasure.DISPENSINGS)).isEqualTo(1);
        assertThat(row(day, PHARMACY, AMOX).get(MedicineMeasure.RECALL_NOTICES)).isEqualTo(1);
        assertThat(row(day, PHARMACY, PARA).get(MedicineMeasure.DISPENSINGS_ATC1)).isEqualTo(1);
    }

    @Test
    void nationalRowsSumTheTenantsSoAtcRollupsStayExactAcrossTenants() {
        var day = new DailyAggregation();
        for (UUID tenant : List.of(HOSPITAL, PHARMACY)) {
            UUID rx = UUID.randomUUID();
            day.add(new Line(PRESCRIPTION, tenant, rx, AMOX, J01C, 1, 10, 0, 0, 0));
            day.add(new Line(PRESCRIPTION, tenant, rx, COAMOX, J01C, 1, 10, 0, 0, 0));
        }
        List<MedicineFacts> national = day.national();
        assertThat(national).hasSize(2).allSatisfy(r -> assertThat(r.tenant).isNull());
        long j01 = national.stream().mapToLong(r -> r.get(MedicineMeasure.PRESCRIPTIONS_ATC2)).sum();
        long lines = national.stream().mapToLong(r -> r.get(MedicineMeasure.PRESCRIPTIONS)).sum();
        assertThat(j01).as("two prescriptions name J01").isEqualTo(2);
        assertThat(lines).as("medicine-level counts add up per medicine").isEqualTo(4);
    }

    @Test
    void aClearedAggregationCountsTheNextDayLikeANewOne() {
        var reused = new DailyAggregation();
        UUID rx = UUID.randomUUID();
        reused.add(item(rx, AMOX, J01C, 10, 10));
        reused.add(item(rx, PARA, N02B, 2, 0));
        reused.add(new Line(DISPENSING, PHARMACY, UUID.randomUUID(), HERB, NONE, 1, 3, 0, 0, 0));
        assertThat(reused.medicines()).hasSize(3);

        reused.clear();
        var fresh = new DailyAggregation();
        UUID next = UUID.randomUUID();
        for (var day : List.of(reused, fresh)) {
            day.add(item(next, COAMOX, J01C, 20, 0));
            day.add(new Line(ADVERSE_EVENT, HOSPITAL, UUID.randomUUID(), PARA, N02B, 0, 0, 0, 0, 1));
        }
        assertThat(reused.tenants()).containsOnlyKeys(HOSPITAL);
        assertThat(reused.tenants().get(HOSPITAL)).containsExactly(fresh.tenants().get(HOSPITAL));
        assertThat(reused.medicines()).extracting(r -> r.medicine).containsExactly(COAMOX, PARA);
        for (int i = 0; i < 2; i++) {
            assertThat(reused.medicines().get(i).values).containsExactly(fresh.medicines().get(i).values);
            assertThat(reused.national().get(i).values).containsExactly(fresh.national().get(i).values);
        }
    }
}
