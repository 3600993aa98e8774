// Draws each variable's timeline from the Vega-Lite spec the server embedded as JSON.
// The spec is data (type="application/json"), parsed, never evaluated; Vega runs with
// its expression interpreter so the page needs no 'unsafe-eval' in its CSP.
(function () {
  'use strict';
  var interpreter = window.vegaInterpreter && window.vegaInterpreter.expressionInterpreter;
  var charts = document.querySelectorAll('.chart[data-spec]');
  Array.prototype.forEach.call(charts, function (el) {
    var specEl = document.getElementById(el.getAttribute('data-spec'));
    if (!specEl || typeof window.vegaEmbed !== 'function') {
      el.setAttribute('data-rendered', 'error');
      el.textContent = 'The chart library did not load.';
      return;
    }
    var spec = JSON.parse(specEl.textContent);
    window.vegaEmbed(el, spec, {
      renderer: 'svg', actions: false, defaultStyle: false,
      // vega-tooltip would inject an inline <style>, which the CSP refuses; the
      // same rules live in claimtrail.css.
      tooltip: {disableDefaultStyle: true},
      ast: true, expr: interpreter,
      loader: {target: '_self'}
    }).then(function () {
      el.setAttribute('data-rendered', 'true');
    }).catch(function (err) {
      el.setAttribute('data-rendered', 'error');
      el.textContent = 'The chart could not be drawn: ' + err;
    });
  });
})();
