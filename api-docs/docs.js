// Starts Swagger UI on the document next to this page. Everything it loads comes from this
// host: no validator badge (validatorUrl null), no fonts or scripts from elsewhere.
/* global SwaggerUIBundle */
window.ui = SwaggerUIBundle({
  url: 'openapi.json',
  dom_id: '#swagger-ui',
  validatorUrl: null,
  // Deep links put a link inside each operation's toggle button (nested controls, which screen
  // readers cannot reach); the filter box finds operations instead.
  deepLinking: false,
  docExpansion: 'none',
  defaultModelsExpandDepth: 0,
  displayOperationId: true,
  filter: true,
  // Swagger UI's colouring of examples falls below 4.5:1 contrast; plain text reads well.
  syntaxHighlight: false,
  tryItOutEnabled: false,
  persistAuthorization: false,
});

// Swagger UI leaves some form controls without a name a screen reader can announce (the server
// list, server variables, parameter choices). Name each from what it is for, as they appear.
function accessibleName(control) {
  if (control.id === 'servers') return 'Server';
  if (control.dataset.variable) return `Server variable ${control.dataset.variable}`;
  const parameter = control.closest('tr[data-param-name]');
  if (parameter) return `Value of ${parameter.dataset.paramName} (${parameter.dataset.paramIn})`;
  if (control.placeholder) return control.placeholder;
  return control.closest('.filter-container') ? 'Filter by tag' : 'Choice';
}

function nameUnnamedControls(root) {
  for (const control of root.querySelectorAll('select, input, textarea')) {
    // Swagger UI's own <label> around the server list is not tied to it, so it does not count.
    if (control.type === 'hidden' || control.getAttribute('aria-label')) continue;
    control.setAttribute('aria-label', accessibleName(control));
  }
}

new MutationObserver(() => nameUnnamedControls(document)).observe(document.getElementById('swagger-ui'), {
  childList: true,
  subtree: true,
});
