// Payment Requests: the selected total follows the ticked rows; "select all" ticks or clears them.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector(".payable-form");
  if (!form) return;
  const boxes = () => Array.from(form.querySelectorAll("input[name=incentive_ids]"));
  const total = form.querySelector("[data-selected-total]");
  const all = form.querySelector("[data-select-all]");
  const cents = (text) => Math.round(parseFloat(text) * 100);
  const format = (value) => (value / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const update = () => {
    const sum = boxes().filter((box) => box.checked).reduce((acc, box) => acc + cents(box.dataset.amount), 0);
    total.textContent = `${total.dataset.currency} ${format(sum)}`;
    if (all) all.checked = boxes().every((box) => box.checked);
  };
  form.addEventListener("change", (event) => {
    if (event.target === all) boxes().forEach((box) => { box.checked = all.checked; });
    update();
  });
});
