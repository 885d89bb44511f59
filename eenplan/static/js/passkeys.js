// SPDX-License-Identifier: EUPL-1.2
// SPDX-FileCopyrightText: 2026 EenPlan contributors
// Passkeys (docs/accounts.md), beside django-otp-webauthn's own script, which talks to the browser and the server.
// This one only follows its events: after a passkey is added it opens the security page (which says so); after a
// failed or cancelled attempt it puts EenPlan's plain Dutch explanation in the status line the library filled.
(function () {
  "use strict";

  function explain(statusId) {
    return function () {
      var box = document.querySelector("[data-passkey-failed]");
      var status = document.getElementById(statusId);
      if (!box || !status) {
        return;
      }
      status.textContent = box.getAttribute("data-passkey-failed");
      status.classList.add("visible");
    };
  }

  document.addEventListener("otp_webauthn.register_complete", function () {
    var box = document.querySelector("[data-passkey-done-url]");
    if (box) {
      window.location.assign(box.getAttribute("data-passkey-done-url"));
    }
  });
  document.addEventListener("otp_webauthn.register_failed", explain("passkey-register-status-message"));
  document.addEventListener("otp_webauthn.verification_failed", explain("passkey-verification-status-message"));
})();
