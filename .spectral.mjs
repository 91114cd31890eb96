// Spectral's OWASP API security ruleset, from node_modules (no fetch from a CDN). Findings that
// remain are listed with their reasons in test/contract/owasp-accepted.ts.
import owasp from '@stoplight/spectral-owasp-ruleset';

export default { extends: [owasp] };
