// Follows a running test's log on its job page: asks the log endpoint for the bytes after those
// the page has (X-Log-Offset), appends them as text, and stops once the job has ended.
(function () {
  'use strict';
  var pre = document.getElementById('log');
  var state = document.getElementById('job-state');
  if (!pre || pre.dataset.growing !== 'true') {
    return;
  }
  var offset = Number(pre.dataset.offset) || 0;
  function poll() {
    fetch(pre.dataset.logUrl + '?offset=' + offset, {cache: 'no-store'}).then(function (r) {
      if (!r.ok) {
        throw new Error('HTTP ' + r.status);
      }
      return r.text().then(function (text) {
        var now = r.headers.get('X-Job-State') || '';
        if (r.headers.get('X-Log-Restart') === 'true') {
          pre.textContent = '';
        }
        if (text) {
          var follow = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
          pre.appendChild(document.createTextNode(text));
          if (follow) {
            pre.scrollTop = pre.scrollHeight;
          }
        }
        offset = Number(r.headers.get('X-Log-Offset')) || offset;
        if (state && now) {
          state.textContent = now;
          state.className = 'result ' + now;
        }
        if (now === 'running' || now === 'pending') {
          setTimeout(poll, 1000);
        } else {
          pre.dataset.growing = 'false';
        }
      });
    }).catch(function () {
      setTimeout(poll, 5000); // the server restarting, say: keep following, less often
    });
  }
  setTimeout(poll, 1000);
})();
