// Kept out of index.html so the page works under Content-Security-Policy: default-src 'self'.
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "/api/v2/openapi.json",
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "StandaloneLayout",
    persistAuthorization: false
  });
};
