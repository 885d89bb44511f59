// After a failed submit the error summary takes the focus (WCAG 3.3.1): a screen reader reads what went wrong,
// a keyboard user starts from its links, which lead to each field (for a group of options: its first option).
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("formulierfouten");
  if (summary) {
    summary.focus();
  }
});
