package ai.healthflow.apidocs;

import ai.healthflow.platform.auth.PublicEndpoint;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.util.Map;

/**
 * {@code /api/v2/docs}: Swagger UI (from the swagger-ui webjar) over the OpenAPI document. Only a fixed list of
 * files is served, so no path from the client reaches the class loader.
 */
@Path("/api/v2/docs")
public final class ApiDocsPage {
    private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/";
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css",
            "swagger-ui-bundle.js", "text/javascript",
            "swagger-ui-standalone-preset.js", "text/javascript",
            "favicon-32x32.png", "image/png");

    private final String swaggerUiVersion;

    public ApiDocsPage(String swaggerUiVersion) {
        this.swaggerUiVersion = swaggerUiVersion;
    }

    @GET
    @PublicEndpoint("documentation page; holds no data")
    @Operation(hidden = true)
    public Response page() {
        return classpathFile("/apidocs/index.html", "text/html; charset=utf-8");
    }

    @GET
    @Path("init.js")
    @PublicEndpoint("documentation page script")
    @Operation(hidden = true)
    public Response init() {
        return classpathFile("/apidocs/init.js", "text/javascript");
    }

    @GET
    @Path("assets/{file}")
    @PublicEndpoint("documentation page assets")
    @Operation(hidden = true)
    public Response asset(@PathParam("file") String file) {
        String type = ASSETS.get(file);
        if (type == null) {
            throw new NotFoundException();
        }
        return classpathFile(WEBJAR + swaggerUiVersion + "/" + file, type);
    }

    private static Response classpathFile(String path, String type) {
        InputStream in = ApiDocsPage.class.getResourceAsStream(path);
        if (in == null) {
            throw new NotFoundException();
        }
        return Response.ok(in, type).header("Cache-Control", "public, max-age=3600").build();
    }
}
