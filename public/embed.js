// Resizes bioanchors embeds to fit their content. Put it once on a page that has
// <iframe src=".../?embed=chart&..."> elements:
//   <script src="https://<bioanchors host>/public/embed.js" async></script>
// Each embed posts {type: "bioanchors:height", height} to its parent whenever its size changes;
// this sets the height of the iframe that sent it, and only of frames whose page is this app:
// the frame's address must be on the origin this script was loaded from, and the message must
// come from that frame's own window (event.source) and origin. Any other frame on the page (an
// ad, a widget) can post the same message and is left alone. It answers our frames with
// {type: "bioanchors:fit"}, and they then take their natural height; without this script an
// embed fills the frame it is given.
(function () {
  'use strict';
  var MAX_HEIGHT = 5000; // CSS px: a sane ceiling, so a confused frame cannot grow forever.
  var script = document.currentScript;
  var appOrigin;
  try {
    appOrigin = new URL(script && script.src ? script.src : '', document.baseURI).origin;
  } catch (e) {
    return;
  }
  if (!appOrigin || appOrigin === 'null') return;

  // A frame sandboxed without allow-same-origin has an opaque origin: its messages say "null".
  function sandboxedOpaque(frame) {
    if (!frame.hasAttribute('sandbox')) return false;
    return !/(^|\s)allow-same-origin(\s|$)/.test(frame.getAttribute('sandbox') || '');
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'bioanchors:height') return;
    var height = Number(data.height);
    if (!isFinite(height) || height <= 0) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i += 1) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      // A frame without an address of its own (srcdoc, about:blank) is the host's content.
      if (!frame.getAttribute('src') || frame.hasAttribute('srcdoc')) return;
      var frameOrigin;
      try {
        frameOrigin = new URL(frame.src, document.baseURI).origin;
      } catch (e) {
        return;
      }
      if (frameOrigin !== appOrigin) return;
      var fromFrame = event.origin === frameOrigin || (event.origin === 'null' && sandboxedOpaque(frame));
      if (!fromFrame) return;
      frame.style.height = Math.ceil(Math.min(height, MAX_HEIGHT)) + 'px';
      // Tell the embed that this page sizes its frame: it then takes its natural height rather
      // than filling the frame it was given ("null": a sandboxed frame's origin cannot be named).
      event.source.postMessage({ type: 'bioanchors:fit' }, event.origin === 'null' ? '*' : event.origin);
      return;
    }
  });
})();
