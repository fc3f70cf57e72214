package ai.healthflow.batch.analytics;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class UuidIndexTest {
    record Key(int tag, long msb, long lsb) {
    }

    @Test
    void keysAreNumberedInFirstSeenOrderThroughGrowthAndFoundAgain() {
        var index = new UuidIndex(8); // grows many times
        var random = new Random(7);
        Map<Key, Integer> expected = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            // a third of the additions repeat an earlier key; the same uuid under another tag is another key
            Key key = i % 3 == 2 && !expected.isEmpty()
                    ? expected.keySet().iterator().next()
                    : new Key(random.nextInt(4), random.nextLong(), random.nextInt(1000));
            int number = index.add(key.tag(), key.msb(), key.lsb());
            Integer before = expected.putIfAbsent(key, number);
            assertThat(number).isEqualTo(before == null ? expected.size() - 1 : before);
        }
        assertThat(index.size()).isEqualTo(expected.size());
        expected.forEach((key, number) -> {
            assertThat(index.find(key.tag(), key.msb(), key.lsb())).isEqualTo(number);
            assertThat(index.tag(number)).isEqualTo(key.tag());
            assertThat(index.uuid(number)).isEqualTo(new UUID(key.msb(), key.lsb()));
        });
        Key some = expected.keySet().iterator().next();
        assertThat(index.find(some.tag() + 4, some.msb(), some.lsb())).isEqualTo(-1);
        assertThat(index.find(0, 1, -1)).isEqualTo(-1);
    }

    @Test
    void clearingForgetsEveryKeyAndNumbersFromZeroAgain() {
        var index = new UuidIndex(16);
        index.add(1, 10, 20);
        index.add(1, 11, 21);

        index.clear();

        assertThat(index.size()).isZero();
        assertThat(index.find(1, 10, 20)).isEqualTo(-1);
        assertThat(index.add(1, 11, 21)).isZero();
    }

    @Test
    void sortedIsPostgresUuidOrderWithTheHighBitLast() {
        var index = new UuidIndex(16);
        List<UUID> ids = List.of(UUID.fromString("f0000000-0000-0000-0000-000000000001"),
                UUID.fromString("10000000-0000-0000-0000-000000000002"),
                UUID.fromString("10000000-0000-0000-8000-000000000000"),
                UUID.fromString("10000000-0000-0000-0000-000000000001"));
        ids.forEach(id -> index.add(0, id.getMostSignificantBits(), id.getLeastSignificantBits()));

        assertThat(index.sorted()).containsExactly(3, 1, 2, 0);
    }
}
