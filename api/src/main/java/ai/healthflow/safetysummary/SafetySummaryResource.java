package ai.healthflow.safetysummary;

import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.response.ApiResponse;
import ai.healthflow.platform.response.PageRequest;
import ai.healthflow.platform.response.QueryValues;
import ai.healthflow.report.ContentDisposition;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * The monthly safety summaries (national figures): the regulator's reports:read, held globally; a tenant's
 * tenant:reports:read is not enough (403).
 */
@Path("/api/v2/safety-summaries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
public final class SafetySummaryResource {
    private final SafetySummaryService summaries;

    public SafetySummaryResource(SafetySummaryService summaries) {
        this.summaries = summaries;
    }

    @GET
    @RolesAllowed("reports:read")
    @Operation(summary = "The safety summaries written, newest month first: month, groupBy, language, size, "
            + "generation time, download URL")
    public ApiResponse<List<SafetySummaryView>> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return ApiResponse.of(summaries.list(PageRequest.parse(page, size, null)));
    }

    @GET
    @Path("{month}/{language}")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    @RolesAllowed("reports:read")
    @Operation(summary = "One month's summary as PDF (language en or ar; groupBy ingredient, the default, or "
            + "medicine); 404 until the safety-summary job has written it")
    public Response download(@Auth Caller caller, @PathParam("month") String month,
                             @PathParam("language") String language, @QueryParam("groupBy") String groupBy,
                             @Context HttpServletRequest http) {
        SafetySummaryService.SummaryFile file = summaries.open(Actor.of(caller, http), month, language,
                QueryValues.text(groupBy));
        StreamingOutput body = out -> {
            try (FileChannel channel = file.channel()) {
                Channels.newInputStream(channel).transferTo(out);
            }
        };
        return Response.ok(body)
                .type("application/pdf")
                .header(HttpHeaders.CONTENT_LENGTH, file.size())
                .header("Content-Disposition", ContentDisposition.attachment(file.asciiFileName(), file.fileName()))
                .build();
    }
}
