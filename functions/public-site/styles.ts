/**
 * The whole stylesheet, inlined in every page: one small response per page and nothing that
 * blocks the first paint. Mobile first; wider screens only widen the column. Colours keep at least
 * 4.5:1 contrast; focus is always visible; print drops navigation and the search form.
 */
export const SITE_CSS = `
:root{--ink:#1f2933;--muted:#4b5563;--line:#d1d5db;--brand:#0b4f6c;--brand-dark:#083a50;--bg:#f7f7f5;--focus:#b4400b}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1.0625rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
a{color:var(--brand)}
a:hover{color:var(--brand-dark)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem}
.skip:focus{left:.5rem;z-index:1}
.wrap{max-width:46rem;margin:0 auto;padding:0 1rem}
header.site{background:var(--brand);color:#fff}
header.site .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.25rem 1rem;padding-top:.75rem;padding-bottom:.75rem}
header.site a{color:#fff}
.brand{font-weight:700;text-decoration:none;font-size:1.1rem}
nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
nav a{display:inline-block;padding:.4rem 0;min-height:44px;line-height:2}
nav a[aria-current=page]{font-weight:700}
main{padding:1rem 0 2rem}
h1{font-size:1.75rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:1.75rem 0 .5rem}
h3{font-size:1.1rem;margin:0 0 .25rem}
.lead{font-size:1.15rem;color:var(--muted)}
form.search{background:var(--bg);border:1px solid var(--line);border-radius:.5rem;padding:1rem;display:grid;gap:.75rem}
label{display:block;font-weight:600;margin-bottom:.2rem}
input,select,button{font:inherit;width:100%;min-height:44px;padding:.5rem;border:1px solid #6b7280;border-radius:.35rem;background:#fff;color:var(--ink)}
button{background:var(--brand);color:#fff;border-color:var(--brand);font-weight:700;cursor:pointer}
button:hover{background:var(--brand-dark)}
.hint{color:var(--muted);font-size:.95rem;margin:.1rem 0 0}
ul.results,ul.plain{list-style:none;padding:0;margin:0}
ul.results>li{border-bottom:1px solid var(--line);padding:1rem 0}
.meta{color:var(--muted);margin:.1rem 0}
dl.facts{display:grid;grid-template-columns:1fr;gap:.1rem 1rem;margin:.5rem 0}
dl.facts dt{font-weight:600;margin-top:.5rem}
dl.facts dd{margin:0}
.tag{display:inline-block;background:#e6f0f4;color:var(--brand-dark);border-radius:1rem;padding:0 .6rem;font-size:.9rem}
ul.chips{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}
ul.chips a{display:inline-block;border:1px solid var(--brand);border-radius:1.5rem;padding:.45rem .9rem;text-decoration:none;min-height:44px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
.notice code{word-break:break-all}
.notice{background:var(--bg);border-left:4px solid var(--brand);padding:.75rem 1rem}
.pager{display:flex;justify-content:space-between;gap:1rem;margin-top:1rem}
.notice.problem{border-left-color:#b91c1c;background:#fdf2f2}
.notice.done{border-left-color:#15803d;background:#f0fdf4}
form.update{display:grid;gap:1rem;margin-top:1rem}
fieldset.choices{border:1px solid var(--line);border-radius:.5rem;padding:.5rem 1rem;margin:0}
fieldset.choices legend{font-weight:600;padding:0 .25rem}
fieldset.choices label{display:flex;align-items:center;gap:.6rem;font-weight:400;min-height:44px;margin:0}
fieldset.choices input{width:1.3rem;height:1.3rem;min-height:0;margin:0}
textarea{font:inherit;width:100%;padding:.5rem;border:1px solid #6b7280;border-radius:.35rem;color:var(--ink)}
.notes{white-space:pre-wrap}
footer.site{border-top:1px solid var(--line);color:var(--muted);font-size:.95rem;padding:1rem 0 2rem}
@media (min-width:40rem){
 form.search{grid-template-columns:1fr 1fr}
 form.search .words,form.search .go{grid-column:1/-1}
 dl.facts{grid-template-columns:12rem 1fr}
 dl.facts dt{margin-top:0}
 h1{font-size:2.1rem}
}
@media print{
 header.site nav,form.search,.skip,.pager,footer.site nav{display:none}
 header.site{background:none;color:#000}
 header.site a,a{color:#000}
 main a[href^="http"]::after,main a[href^="mailto:"]::after,main a[href^="tel:"]::after{content:" (" attr(href) ")";font-size:.9em}
 ul.results>li{break-inside:avoid}
}
`
  .replace(/\n\s*/g, '')
  .trim();
