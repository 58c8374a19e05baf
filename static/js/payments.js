// Payment Requests: the selected total follows the ticked rows; "select all" ticks or clears them;
// a payment option is offered only when it takes every selected row's association type (the
// server's policy says which types each option takes, in data-takes, and checks again on submit).
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector(".payable-form");
  if (!form) return;
  const boxes = () => Array.from(form.querySelectorAll("input[name=incentive_ids]"));
  const total = form.querySelector("[data-selected-total]");
  const all = form.querySelector("[data-select-all]");
  const cents = (text) => Math.round(parseFloat(text) * 100);
  const format = (value) => (value / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const update = () => {
    const chosen = boxes().filter((box) => box.checked);
    const sum = chosen.reduce((acc, box) => acc + cents(box.dataset.amount), 0);
    total.textContent = `${total.dataset.currency} ${format(sum)}`;
    if (all) all.checked = boxes().every((box) => box.checked);
    const kinds = new Set(chosen.map((box) => box.dataset.association));
    form.querySelectorAll("input[name=option]").forEach((radio) => {
      const takes = new Set(radio.dataset.takes.split(" ").filter(Boolean));
      const allowed = kinds.size > 0 && [...kinds].every((kind) => takes.has(kind));
      radio.disabled = !allowed;
      if (!allowed) radio.checked = false;
      const refusal = radio.parentElement.querySelector("[data-refusal]");
      if (refusal) refusal.hidden = allowed;
    });
  };
  form.addEventListener("change", (event) => {
    if (event.target === all) boxes().forEach((box) => { box.checked = all.checked; });
    update();
  });
});
