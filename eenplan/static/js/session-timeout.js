// The warning before the session ends (WCAG 2.2.1 Timing Adjustable), and nothing typed lost when it ends anyway.
//
// - Before the session ends (templates/accounts/_session_timeout.html says how many seconds it has left), a dialog
//   (role="alertdialog") takes the focus; "Stay logged in" renews the session (a POST to accounts:extend_session).
//   Tabs of the same site tell each other the session's end through localStorage (a time, no personal data), so
//   working in one tab keeps the warning away in another.
// - When the session ends, what is typed in the page's forms is kept in sessionStorage (this browser tab only,
//   never sent anywhere) and filled in again after logging in, on the same page. The same happens when a form is
//   sent after the session ended (the login page comes instead of the answer). It is removed when the form is sent
//   while logged in, when it has been filled in again, at logging out, and when the tab is closed.
// - Passwords, files and the CSRF token are never kept.
(function () {
  "use strict";

  var DRAFTS = "eenplan.drafts"; // sessionStorage: {form key: {fields: [...], expired: bool}}
  var PENDING = "eenplan.sent"; // sessionStorage: [form key] of forms just sent
  var SESSION_END = "eenplan.sessionEnd"; // localStorage: when the session ends (ms since 1970), shared by tabs
  var TYPED = ["text", "email", "tel", "number", "date", "time", "datetime-local", "month", "week", "search", "url"];

  function read(storage, key, fallback) {
    try {
      var value = storage.getItem(key);
      return value === null ? fallback : JSON.parse(value);
    } catch (error) {
      return fallback; // storage switched off, or not ours
    }
  }

  function write(storage, key, value) {
    try {
      if (value === null) {
        storage.removeItem(key);
      } else {
        storage.setItem(key, JSON.stringify(value));
      }
    } catch (error) {
      // storage full or switched off: the warning still works, only the draft is not kept
    }
  }

  function kept(element) {
    var type = (element.type || "").toLowerCase();
    return (
      element.name &&
      !element.disabled &&
      element.name !== "csrfmiddlewaretoken" &&
      ["password", "file", "submit", "button", "reset", "image"].indexOf(type) === -1 &&
      element.tagName !== "BUTTON" &&
      element.tagName !== "FIELDSET" &&
      element.tagName !== "OUTPUT"
    );
  }

  function isDraftForm(form) {
    if ((form.getAttribute("method") || "").toLowerCase() !== "post" || form.hasAttribute("data-session-extend")) {
      return false;
    }
    return Array.prototype.some.call(form.elements, function (element) {
      var type = (element.type || "").toLowerCase();
      return element.tagName === "TEXTAREA" || TYPED.indexOf(type) !== -1 || type === "radio" || type === "checkbox";
    });
  }

  function draftForms() {
    return Array.prototype.filter.call(document.forms, isDraftForm);
  }

  function formKey(form) {
    var index = Array.prototype.indexOf.call(document.forms, form);
    return location.pathname + "#" + (form.id || index);
  }

  function capture(form) {
    var fields = [];
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!kept(element)) {
        return;
      }
      var type = (element.type || "").toLowerCase();
      if (type === "radio" || type === "checkbox") {
        fields.push({ name: element.name, value: element.value, checked: element.checked });
      } else if (element.tagName === "SELECT" && element.multiple) {
        var chosen = Array.prototype.filter.call(element.options, function (option) {
          return option.selected;
        });
        fields.push({ name: element.name, values: chosen.map(function (option) { return option.value; }) });
      } else {
        fields.push({ name: element.name, value: element.value });
      }
    });
    return fields;
  }

  function restore(form, fields) {
    var queues = {};
    fields.forEach(function (field) {
      (queues[field.name] = queues[field.name] || []).push(field);
    });
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!kept(element) || !queues[element.name]) {
        return;
      }
      var type = (element.type || "").toLowerCase();
      if (type === "radio" || type === "checkbox") {
        element.checked = queues[element.name].some(function (field) {
          return field.value === element.value && field.checked;
        });
      } else {
        var field = queues[element.name].shift();
        if (!field) {
          return;
        }
        if (field.values) {
          Array.prototype.forEach.call(element.options, function (option) {
            option.selected = field.values.indexOf(option.value) !== -1;
          });
        } else {
          element.value = field.value;
        }
      }
      element.dispatchEvent(new Event("input", { bubbles: true }));
      element.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function keepDrafts(expired) {
    var drafts = read(sessionStorage, DRAFTS, {});
    draftForms().forEach(function (form) {
      drafts[formKey(form)] = { fields: capture(form), expired: expired };
    });
    write(sessionStorage, DRAFTS, drafts);
  }

  function forgetDrafts(keys) {
    var drafts = read(sessionStorage, DRAFTS, {});
    keys.forEach(function (key) {
      delete drafts[key];
    });
    write(sessionStorage, DRAFTS, Object.keys(drafts).length ? drafts : null);
  }

  function markExpired(keys) {
    var drafts = read(sessionStorage, DRAFTS, {});
    keys.forEach(function (key) {
      if (drafts[key]) {
        drafts[key].expired = true;
      }
    });
    write(sessionStorage, DRAFTS, Object.keys(drafts).length ? drafts : null);
  }

  function restoreDrafts(dialog) {
    var drafts = read(sessionStorage, DRAFTS, {});
    var restored = [];
    draftForms().forEach(function (form) {
      var key = formKey(form);
      if (drafts[key] && drafts[key].expired) {
        restore(form, drafts[key].fields);
        restored.push(key);
      }
    });
    if (!restored.length) {
      return;
    }
    forgetDrafts(restored); // it is in the page again; kept anew if the session ends again
    var notice = document.getElementById("sessie-hersteld");
    var main = document.getElementById("inhoud");
    if (notice && main) {
      main.insertBefore(notice.content.cloneNode(true), main.firstChild);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var dialog = document.getElementById("sessie-verloopt");
    var sent = read(sessionStorage, PENDING, []);
    write(sessionStorage, PENDING, null);
    if (!dialog) {
      // Not logged in (the login page): a form just sent did not arrive, so keep it for after the login.
      if (sent.length) {
        markExpired(sent);
      }
      return;
    }
    if (sent.length) {
      forgetDrafts(sent); // sent while logged in: the page that answered has it
    }
    restoreDrafts(dialog);

    var logoutUrl = dialog.getAttribute("data-logout-url");
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (form.getAttribute("action") === logoutUrl) {
        write(sessionStorage, DRAFTS, null);
        write(sessionStorage, PENDING, null);
        write(localStorage, SESSION_END, null);
      } else if (isDraftForm(form)) {
        var drafts = read(sessionStorage, DRAFTS, {});
        drafts[formKey(form)] = { fields: capture(form), expired: false };
        write(sessionStorage, DRAFTS, drafts);
        write(sessionStorage, PENDING, read(sessionStorage, PENDING, []).concat([formKey(form)]));
      }
    });

    var warningPart = dialog.querySelector("[data-session-state='warning']");
    var endedPart = dialog.querySelector("[data-session-state='ended']");
    var extendForm = dialog.querySelector("[data-session-extend]");
    var status = document.querySelector("[data-session-status]");
    var warningMs = Number(dialog.getAttribute("data-warning-seconds")) * 1000;
    var ownEnd = Date.now() + Number(dialog.getAttribute("data-seconds-left")) * 1000;
    var returnFocus = null;
    var state = "working"; // working → warning → (working | ended)

    function sessionEnd() {
      return Math.max(ownEnd, Number(read(localStorage, SESSION_END, 0)) || 0);
    }

    function announceEnd(end) {
      write(localStorage, SESSION_END, end);
    }

    function open(focusTarget) {
      if (!dialog.open) {
        returnFocus = document.activeElement;
        dialog.showModal();
      }
      focusTarget.focus();
    }

    function close() {
      if (dialog.open) {
        dialog.close();
      }
    }

    dialog.addEventListener("close", function () {
      if (returnFocus && typeof returnFocus.focus === "function") {
        returnFocus.focus();
      }
      returnFocus = null;
    });

    function showWarning() {
      state = "warning";
      var time = new Date(sessionEnd());
      dialog.querySelector("[data-session-end-time]").textContent = time.toLocaleTimeString(
        document.documentElement.lang || undefined,
        { hour: "2-digit", minute: "2-digit" }
      );
      warningPart.hidden = false;
      endedPart.hidden = true;
      dialog.setAttribute("aria-labelledby", "sessie-waarschuwing-titel");
      dialog.setAttribute("aria-describedby", "sessie-waarschuwing-tekst");
      open(extendForm.querySelector("button"));
    }

    function showEnded() {
      state = "ended";
      keepDrafts(true);
      warningPart.hidden = true;
      endedPart.hidden = false;
      dialog.setAttribute("aria-labelledby", "sessie-afgelopen-titel");
      dialog.setAttribute("aria-describedby", "sessie-afgelopen-tekst");
      open(endedPart.querySelector("a"));
    }

    extendForm.addEventListener("submit", function (event) {
      event.preventDefault();
      fetch(extendForm.action, {
        method: "POST",
        body: new FormData(extendForm),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
          if (!response.ok || !json) {
            throw new Error("not extended"); // the session had already ended: the login page answered
          }
          return response.json();
        })
        .then(function (answer) {
          ownEnd = Date.now() + answer.seconds * 1000;
          announceEnd(ownEnd);
          state = "working";
          close();
          var said = document.getElementById("sessie-verlengd");
          if (status && said) {
            status.textContent = said.content.textContent;
          }
        })
        .catch(function () {
          showEnded();
        });
    });

    announceEnd(sessionEnd());
    function check() {
      var left = sessionEnd() - Date.now();
      if (state === "ended") {
        return;
      }
      if (left <= 0) {
        showEnded();
      } else if (left <= warningMs && state === "working") {
        showWarning();
      } else if (left > warningMs && state === "warning") {
        state = "working"; // renewed in another tab
        close();
      }
    }
    window.addEventListener("storage", function (event) {
      if (event.key === SESSION_END) {
        check();
      }
    });
    window.setInterval(check, 1000);
    check();
  });
})();
