// Resizes bioanchors embeds to fit their content. Put it once on a page that has
// <iframe src=".../?embed=chart&..."> elements:
//   <script src="https://<bioanchors host>/public/embed.js" async></script>
// Each embed posts {type: "bioanchors:height", height} to its parent whenever its size changes;
// this sets the height of the iframe that sent it (matched by event.source, and only when the
// message comes from that iframe's own origin).
(function () {
  'use strict';
  var MAX_HEIGHT = 5000; // CSS px: a sane ceiling, so a confused frame cannot grow forever.
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'bioanchors:height') return;
    var height = Number(data.height);
    if (!isFinite(height) || height <= 0) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i += 1) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      var origin;
      try {
        origin = new URL(frame.src, document.baseURI).origin;
      } catch (e) {
        return;
      }
      if (origin !== event.origin) return;
      frame.style.height = Math.ceil(Math.min(height, MAX_HEIGHT)) + 'px';
      return;
    }
  });
})();
