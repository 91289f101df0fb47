// The index's table of articles: sorts, filters and pages in the browser, from the rows embedded in the page.
;(() => {
  var body = document.getElementById('rows')
  var rows = JSON.parse(document.getElementById('data').textContent),
    shown = rows,
    key = 'title',
    dir = 1,
    at = 0,
    size = Number(body.dataset.pageSize)
  var esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c])
  function draw() {
    var page = shown.slice(at, at + size)
    body.innerHTML = page
      .map(
        (r) =>
          '<tr><td><a href="articles/' +
          encodeURIComponent(r.id) +
          '.html">' +
          esc(r.title) +
          '</a></td><td>' +
          esc(r.outlet) +
          '</td><td>' +
          esc(r.date) +
          '</td><td>' +
          esc(r.authors) +
          '</td><td>' +
          r.paragraphs +
          '</td><td>' +
          r.words +
          '</td><td>' +
          r.removals +
          '</td><td>' +
          esc(r.layout) +
          '</td></tr>',
      )
      .join('')
    document.getElementById('shown').textContent = `${shown.length} of ${rows.length} articles`
    document.getElementById('page').textContent =
      `rows ${shown.length === 0 ? 0 : at + 1}–${Math.min(at + size, shown.length)}`
    document.getElementById('prev').disabled = at === 0
    document.getElementById('next').disabled = at + size >= shown.length
  }
  function sort() {
    shown = shown.slice().sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0) * dir)
  }
  document.getElementById('filter').addEventListener('input', (e) => {
    var q = e.target.value.toLowerCase()
    shown = rows.filter(
      (r) => [r.title, r.outlet, r.date, r.authors, r.layout].join(' ').toLowerCase().indexOf(q) !== -1,
    )
    sort()
    at = 0
    draw()
  })
  document.querySelectorAll('button[data-sort]').forEach((b) => {
    b.addEventListener('click', () => {
      dir = key === b.dataset.sort ? -dir : 1
      key = b.dataset.sort
      sort()
      at = 0
      draw()
    })
  })
  document.getElementById('prev').addEventListener('click', () => {
    at = Math.max(0, at - size)
    draw()
  })
  document.getElementById('next').addEventListener('click', () => {
    at = at + size
    draw()
  })
  sort()
  draw()
})()
