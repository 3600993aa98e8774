// Brings the highlighted claim sentence into view (the #claim-N fragment does it too;
// this also centres it and moves keyboard focus there).
(function () {
  'use strict';
  var mark = document.querySelector('mark.claim');
  if (mark) {
    mark.scrollIntoView({block: 'center'});
    mark.focus({preventScroll: true});
  }
})();
