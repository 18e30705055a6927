/* Query page: YASGUI on the local /sparql endpoint, canned queries as named examples,
   shareable links (?example=name or yasgui's own ?query=...), local autocompletion only
   (no request ever leaves this server). */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("kuhy-config").textContent);
  // YASGUI builds request URLs with new URL(endpoint): it must be absolute.
  var endpoint = new URL(config.endpoint, window.location.href).href;
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

  // The usual prefixes, declared in every new query.
  var defaultQuery = config.usual.map(function (name) {
    return "PREFIX " + name + ": <" + config.prefixes_map[name] + ">";
  }).join("\n") + "\n\nSELECT ?project ?title WHERE {\n  ?project a kuhy:Project ; kuhy:title ?title .\n} LIMIT 20\n";

  // Literals without datatype or language tag, IRIs as links to this server's pages.
  Yasgui.Yasr.plugins.table.defaults.openIriInNewWindow = false;

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    persistenceId: null,
    copyEndpointOnNewTab: false,
    autofocus: false,
    requestConfig: { endpoint: endpoint, method: "POST" },
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
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

  function localise(root) {
    root.querySelectorAll("a[href^='" + config.base + "']").forEach(function (a) {
      a.setAttribute("href", config.root + "/" + a.getAttribute("href").slice(config.base.length));
      a.removeAttribute("target");
      a.removeAttribute("rel");
    });
  }

  // The editor's own English texts in the page language (config.editor, from the server):
  // attributes and texts outside the query and the result rows.
  var editorPatterns = config.editor.patterns.map(function (pair) {
    return [new RegExp(pair[0]), pair[1]];
  });

  function editorText(english) {
    return Object.prototype.hasOwnProperty.call(config.editor.texts, english)
      ? config.editor.texts[english] : null;
  }

  function translated(text) {
    var trimmed = text.trim();
    if (editorText(trimmed) !== null) { return text.replace(trimmed, editorText(trimmed)); }
    for (var i = 0; i < editorPatterns.length; i++) {
      var found = editorPatterns[i][0].exec(trimmed);
      if (found) {
        return editorPatterns[i][1].replace(/\{(\d)\}/g, function (_m, n) {
          return editorText(found[n]) || found[n];
        });
      }
    }
    return null;
  }

  var SKIPPED = "TBODY, .CodeMirror, .dt-column-title";

  function translate(root) {
    if (!editorPatterns.length) { return; }
    root.querySelectorAll("[title], [aria-label], [placeholder]").forEach(function (el) {
      ["title", "aria-label", "placeholder"].forEach(function (name) {
        var value = el.getAttribute(name);
        var text = value && translated(value);
        if (text) { el.setAttribute(name, text); }
      });
    });
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        if (node.nodeType === 1) {
          return node.matches(SKIPPED) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
        }
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var text = node.nodeValue.trim() && translated(node.nodeValue);
      if (text) { node.nodeValue = text; }
    }
  }

  function compactTable(tab) {
    var table = tab.getYasr().plugins.table;
    if (table && table.persistentConfig.compact === undefined) {
      table.persistentConfig.compact = true;
    }
  }

  function say(key, values) {
    return config.strings[key].replace(/\{(\w+)\}/g, function (_m, name) { return values[name]; });
  }

  // The parser's "error at L:C: …" in the page; an undeclared prefix is named, with the
  // PREFIX line to add when the prefix is a usual one.
  function explain(tab) {
    var box = document.getElementById("query-explanation");
    var results = tab.getYasr().results;
    box.textContent = "";
    box.hidden = true;
    if (!results || !results.hasError()) { return; }
    var text = (results.getOriginalResponseAsString && results.getOriginalResponseAsString()) ||
      (results.getError() || {}).text || "";
    var where = /at (\d+):(\d+)/.exec(text);
    var heading = document.createElement("strong");
    heading.textContent = where ? say("error_at", { line: where[1], column: where[2] }) : say("error", {});
    var detail = document.createElement("pre");
    detail.textContent = text.split("\n")[0];
    box.append(heading, detail);
    var missing = where && /Prefix not found/.test(text) ? missingPrefix(tab.getQuery(), where) : null;
    if (missing) {
      var hint = document.createElement("p");
      hint.className = "missing-prefix";
      hint.textContent = say("missing_prefix", { prefix: missing + ":" });
      box.append(hint);
      if (config.prefixes_map[missing]) {
        var add = document.createElement("button");
        add.type = "button";
        add.textContent = "PREFIX " + missing + ": <" + config.prefixes_map[missing] + ">";
        add.addEventListener("click", function () {
          var declared = {};
          declared[missing] = config.prefixes_map[missing];
          tab.getYasqe().addPrefixes(declared);
          tab.query();
        });
        box.append(add);
      }
    }
    box.hidden = false;
  }

  function missingPrefix(query, where) {
    var line = query.split("\n")[Number(where[1]) - 1] || "";
    var before = line.slice(0, Number(where[2]) - 1);
    var name = /([A-Za-z][\w.-]*)?:[\w.-]*$/.exec(before);
    return name ? (name[1] || "") : null;
  }

  // Chart views of the result (bar, line, map), drawn by the server as SVG beside their
  // figures; the pane's own view and measure links load in place.
  var pane = document.getElementById("result-view-pane");

  function showViews(request) {
    fetch(request.url, request.init).then(function (response) { return response.text(); })
      .then(function (html) { pane.innerHTML = html; })
      .catch(function () { pane.textContent = ""; });
  }

  function viewsOf(tab) {
    var results = tab.getYasr().results;
    var select = tab.getYasqe().getQueryType() === "SELECT";
    if (!results || results.hasError() || !select) { pane.textContent = ""; return; }
    var body = new URLSearchParams({ query: tab.getQuery(), part: "1" });
    showViews({ url: config.view, init: { method: "POST", body: body } });
  }

  pane.addEventListener("click", function (event) {
    var link = event.target.closest("a.view, a.measure");
    if (!link) { return; }
    event.preventDefault();
    showViews({ url: link.href, init: {} });
  });

  yasgui.on("queryBefore", function (_instance, tab) {
    compactTable(tab);
    pane.textContent = "";
  });
  // The tab tells before it hands the response to the result pane: explain it after.
  yasgui.on("queryResponse", function (_instance, tab) {
    window.setTimeout(function () { explain(tab); viewsOf(tab); }, 0);
  });
  compactTable(yasgui.getTab());
  new MutationObserver(function () {
    var root = document.getElementById("yasgui");
    localise(root);
    translate(root);
  }).observe(document.getElementById("yasgui"), {
    childList: true, subtree: true, attributes: true,
    attributeFilter: ["title", "aria-label", "placeholder"],
  });
  translate(document.getElementById("yasgui"));

  if (config.selected) { load(config.selected, true); }
  window.kuhyYasgui = yasgui;
})();
