// Starts Swagger UI on the /docs page.
//
// It is a file of its own, served by the service beside Swagger UI's bundle, so that the page has no inline
// script and its Content-Security-Policy can allow scripts from the service alone. The page names the OpenAPI
// document in a data attribute, so the path it is served under is decided in one place, on the server.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    // No badge from the public validator: it is an image from elsewhere, which the policy refuses anyway.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  });
})();
