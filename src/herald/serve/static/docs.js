// Starts the vendored Swagger UI on Herald's OpenAPI description (a static file, because
// the Content-Security-Policy forbids inline script). No validator badge: it would call out.
"use strict";
(function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-spec"),
    dom_id: "#swagger-ui",
    validatorUrl: null,
    deepLinking: true,
  });
})();
