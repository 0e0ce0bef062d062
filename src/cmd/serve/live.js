// insyn serve: reloads the page after each rebuild, and shows build errors
// in a banner while the last good build stays on screen. Served only by the
// preview (/__insyn/live.js); a published site never contains it.
(function () {
  "use strict";
  var script = document.currentScript;
  var match = script && /[?&]build=(\d+)/.exec(script.src);
  var pageBuild = match ? Number(match[1]) : null;
  var version = "";
  var banner = null;

  function errorBox() {
    var inPage = document.getElementById("insyn-error-text");
    if (inPage) {
      return inPage;
    }
    if (!banner) {
      banner = document.createElement("div");
      banner.setAttribute("role", "alert");
      banner.id = "insyn-error-banner";
      var s = banner.style;
      s.position = "fixed";
      s.left = "0";
      s.right = "0";
      s.bottom = "0";
      s.zIndex = "2147483647";
      s.maxHeight = "50vh";
      s.overflow = "auto";
      s.margin = "0";
      s.padding = "0.75rem 1rem";
      s.background = "#fff4f4";
      s.color = "#1a1a1a";
      s.borderTop = "4px solid #b00020";
      s.boxShadow = "0 -2px 8px rgba(0,0,0,0.25)";
      s.font = "14px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
      var title = document.createElement("strong");
      title.textContent = "insyn serve: the last change has errors. The page shows the last good build.";
      title.style.display = "block";
      title.style.marginBottom = "0.5rem";
      title.style.fontFamily = "system-ui, sans-serif";
      var text = document.createElement("pre");
      text.style.margin = "0";
      text.style.whiteSpace = "pre-wrap";
      banner.appendChild(title);
      banner.appendChild(text);
    }
    if (!banner.parentNode) {
      document.body.appendChild(banner);
    }
    return banner.lastChild;
  }

  function show(error) {
    if (error) {
      errorBox().textContent = error;
    } else if (banner && banner.parentNode) {
      banner.parentNode.removeChild(banner);
    }
  }

  function poll(delay) {
    setTimeout(function () {
      fetch("/__insyn/status?since=" + version, { cache: "no-store" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("status " + response.status);
          }
          return response.json();
        })
        .then(function (status) {
          if (pageBuild === null) {
            pageBuild = status.build;
          }
          if (status.build !== pageBuild) {
            location.reload();
            return;
          }
          version = String(status.version);
          show(status.error);
          poll(0);
        })
        .catch(function () {
          // The preview stopped or restarts: try again in a second.
          poll(1000);
        });
    }, delay);
  }

  poll(0);
})();
