package ai.healthflow.platform.response;

import ai.healthflow.platform.error.InvalidParameter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageRequestTest {
    static final Map<String, String> COLUMNS = Map.of("name", "u.display_name", "createdAt", "u.created_at");

    @Test
    void defaultsToFirstPageOfTwenty() {
        PageRequest request = PageRequest.parse(null, null, null);

        assertThat(request.page()).isEqualTo(1);
        assertThat(request.size()).isEqualTo(20);
        assertThat(request.offset()).isZero();
        assertThat(request.orderBy(COLUMNS, "u.id")).isEqualTo("u.id");
    }

    @Test
    void offsetFollowsPageAndSize() {
        assertThat(PageRequest.parse("3", "25", null).offset()).isEqualTo(50);
    }

    @Test
    void sortMapsToTheAllowedColumnWithATieBreaker() {
        assertThat(PageRequest.parse("1", "10", "createdAt,desc").orderBy(COLUMNS, "u.id"))
                .isEqualTo("u.created_at DESC, u.id");
        assertThat(PageRequest.parse("1", "10", "name").orderBy(COLUMNS, "u.id"))
                .isEqualTo("u.display_name ASC, u.id");
    }

    @Test
    void unknownSortFieldIsRefusedNamingTheSortableOnes() {
        PageRequest request = PageRequest.parse("1", "10", "passwordHash");

        assertThatThrownBy(() -> PageRequest.parse("1", "10", "name; DROP TABLE users"))
                .isInstanceOf(InvalidParameter.class);
        assertThatThrownBy(() -> request.orderBy(COLUMNS, "u.id"))
                .isInstanceOf(InvalidParameter.class);
        assertThatThrownBy(() -> PageRequest.parse("1", "10", "name,sideways"))
                .hasMessageContaining("asc or desc");
    }

    @Test
    void outOfRangeOrNonNumericValuesAreRefusedWithTheirField() {
        for (String[] bad : List.of(new String[]{"0", "10"}, new String[]{"1", "0"}, new String[]{"1", "101"},
                new String[]{"x", "10"}, new String[]{"1", "1e3"})) {
            assertThatThrownBy(() -> PageRequest.parse(bad[0], bad[1], null))
                    .isInstanceOfSatisfying(InvalidParameter.class,
                            e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void pageMetaCarriesPageSizeTotalAndPages() {
        var page = new Page<>(List.of("a", "b"), PageRequest.parse("2", "2", "name,asc"), 5);

        assertThat(page.totalPages()).isEqualTo(3);
        assertThat(ApiResponse.of(page).meta()).containsEntry("page", 2).containsEntry("size", 2)
                .containsEntry("total", 5L).containsEntry("totalPages", 3L).containsEntry("sort", "name,asc");
        assertThat(ApiResponse.of(page).data()).containsExactly("a", "b");
    }
}
