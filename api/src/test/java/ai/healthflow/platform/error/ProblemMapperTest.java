package ai.healthflow.platform.error;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemMapperTest {
    final ProblemMapper mapper = new ProblemMapper();

    @Test
    void unexpectedFailureIs500WithoutItsMessage() {
        Response response = mapper.toResponse(new IllegalStateException("relation \"users\" password=secret"));

        Problem problem = (Problem) response.getEntity();
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
        assertThat(problem.detail()).doesNotContain("users", "secret").contains("request id");
    }

    @Test
    void sqlErrorTextNeverReachesTheClient() {
        Problem problem = mapper.toProblem(new RuntimeException(new SQLException("syntax error at or near DROP", "42601")));

        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.detail()).doesNotContain("syntax", "DROP");
    }

    @Test
    void lostDatabaseConnectionIs503() {
        Problem problem = mapper.toProblem(new RuntimeException(new SQLTransientConnectionException("refused")));
        Problem byState = mapper.toProblem(new RuntimeException(new SQLException("terminating", "57P01")));

        assertThat(problem.status()).isEqualTo(503);
        assertThat(byState.status()).isEqualTo(503);
    }

    @Test
    void malformedJsonInsideAListIs400NotA500() {
        var reading = new com.fasterxml.jackson.databind.ObjectMapper();
        Exception wrapped = org.assertj.core.api.Assertions.catchException(() -> reading.readValue("{\"items\":[",
                new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, java.util.List<String>>>() { }));

        Problem problem = mapper.toProblem(wrapped);

        assertThat(wrapped).isInstanceOf(com.fasterxml.jackson.databind.JsonMappingException.class);
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.title()).isEqualTo("Malformed JSON");
    }

    @Test
    void domainExceptionKeepsItsStatusTitleAndFieldErrors() {
        var failure = new ApiException(409, "dispense-conflict", "Already dispensed", "Item 1 is fully dispensed.",
                java.util.List.of(new FieldError("items[0].quantity", "exceeds remaining"))) {
        };

        Problem problem = mapper.toProblem(failure);

        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.type()).isEqualTo("https://healthflow.ai/problems/dispense-conflict");
        assertThat(problem.title()).isEqualTo("Already dispensed");
        assertThat(problem.errors()).containsExactly(new FieldError("items[0].quantity", "exceeds remaining"));
    }

    @Test
    void bodyTooLargeDeepInTheCauseChainIs413() {
        Problem problem = mapper.toProblem(new RuntimeException(new java.io.IOException(new RequestBodyTooLarge(10))));

        assertThat(problem.status()).isEqualTo(413);
    }

    @Test
    void jerseyNotFoundIsTheStandard404() {
        assertThat(mapper.toProblem(new NotFoundException("internal hint")).detail()).doesNotContain("internal hint");
    }
}
