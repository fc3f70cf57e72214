package ai.healthflow.batch.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamedSqlTest {

    @Test
    void namedParametersBecomePositionalInOrderOfUse() {
        NamedSql sql = NamedSql.parse("SELECT * FROM t WHERE (CAST(:status AS text) IS NULL OR s = :status) AND d >= :from");

        assertThat(sql.jdbc()).isEqualTo("SELECT * FROM t WHERE (CAST(? AS text) IS NULL OR s = ?) AND d >= ?");
        assertThat(sql.positions()).containsExactly("status", "status", "from");
        assertThat(sql.names()).containsExactly("status", "from");
    }

    @Test
    void castsStringsIdentifiersCommentsAndDollarQuotesAreLeftAlone() {
        String text = """
                SELECT x::text, ':notA', "col:umn", $$ :neither $$, $tag$ :nor $tag$, arr[1:2]
                  -- :comment
                  /* :block /* nested */ :still */ FROM t WHERE y = :real AND z = 'it''s :not'""";

        NamedSql sql = NamedSql.parse(text);

        assertThat(sql.positions()).containsExactly("real");
        assertThat(sql.jdbc()).contains("x::text").contains("':notA'").contains("\"col:umn\"").contains("y = ?")
                .contains("'it''s :not'");
    }

    @Test
    void aLiteralQuestionMarkIsRefused() {
        assertThatThrownBy(() -> NamedSql.parse("SELECT data ? 'key' FROM t"))
                .hasMessageContaining("'?' in the query is ambiguous");
    }
}
