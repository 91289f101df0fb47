// An article page's switches: each hides or shows one kind of annotation in the result column.
document.querySelectorAll('input[data-kind]').forEach((box) => {
  box.addEventListener('change', () => {
    document.getElementById('result').classList.toggle(`hide-${box.dataset.kind}`, !box.checked)
  })
})
