/* Query page: YASGUI on the local /sparql endpoint, canned queries as named examples,
   shareable links (?example=name or yasgui's own ?query=...), local autocompletion only
   (no request ever leaves this server). */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("kuhy-config").textContent);
  var Yasqe = Yasgui.Yasqe;
  var termsPromise = null;

  function terms() {
    if (!termsPromise) {
      termsPromise = fetch(config.terms).then(function (r) { return r.json(); })
        .catch(function () { return { classes: [], properties: [] }; });
    }
    return termsPromise;
  }

  // Local replacements for the remote (LOV) class/property completers.
  Yasqe.forkAutocompleter("class", {
    name: "kuhyClass", bulk: true, autoShow: false, persistenceId: null,
    get: function () { return terms().then(function (t) { return t.classes; }); },
  });
  Yasqe.forkAutocompleter("property", {
    name: "kuhyProperty", bulk: true, autoShow: false, persistenceId: null,
    get: function () { return terms().then(function (t) { return t.properties; }); },
  });

  var defaultQuery = "PREFIX kuhy: <" +
    "https://w3id.org/kuhy/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\n" +
    "SELECT ?project ?title WHERE {\n  ?project a kuhy:Project ; kuhy:title ?title .\n} LIMIT 20\n";

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    persistenceId: null,
    copyEndpointOnNewTab: false,
    autofocus: false,
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: config.endpoint }]; } },
    yasqe: {
      value: defaultQuery,
      prefixCcApi: config.prefixes,
      autocompleters: ["prefixes", "variables", "kuhyClass", "kuhyProperty"],
    },
  });

  function byName(name) {
    for (var i = 0; i < config.examples.length; i++) {
      if (config.examples[i].name === name) { return config.examples[i]; }
    }
    return null;
  }

  function load(name, run) {
    var example = byName(name);
    if (!example) { return; }
    var tab = yasgui.getTab();
    tab.setQuery(example.sparql);
    var url = new URL(window.location.href);
    url.searchParams.delete("query");
    url.searchParams.set("example", name);
    window.history.replaceState(null, "", url.toString());
    document.querySelectorAll("#examples a.example").forEach(function (a) {
      a.classList.toggle("current", a.dataset.name === name);
    });
    if (run) { tab.query(); }
  }

  document.querySelectorAll("#examples a.example").forEach(function (a) {
    a.addEventListener("click", function (event) {
      event.preventDefault();
      load(a.dataset.name, true);
    });
  });

  if (config.selected) { load(config.selected, true); }
  window.kuhyYasgui = yasgui;
})();
