// The reset link carries its token in the fragment (never sent to a server, so never in a log):
// move it into the form, and out of the address bar and the history.
(function () {
  var match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match) {
    document.getElementById('token').value = match[1];
    history.replaceState(null, '', window.location.pathname);
  }
})();
