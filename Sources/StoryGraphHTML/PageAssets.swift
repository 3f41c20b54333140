/// The report page's own style sheet and script. They are constants: no
/// record text ever goes into them (data lives only in escaped HTML text and
/// attributes), so the Content-Security-Policy can allow exactly these two
/// by hash and nothing else. A test recomputes the hashes.
enum PageAssets {
    static let style = """
    body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:0 auto;max-width:1180px;padding:24px 28px 60px;color:#1a202c;background:#fff}
    h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:36px 0 8px;border-bottom:1px solid #e2e8f0;padding-bottom:4px}
    .lede,.note{color:#4a5568}.note{font-size:13px}
    .figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px;margin:16px 0}
    .figure{border:1px solid #e2e8f0;border-radius:8px;padding:10px 12px;background:#f7fafc}
    .figure strong{display:block;font-size:22px}.figure span{color:#4a5568;font-size:13px}
    .figure.bad strong{color:#c53030}
    .overview{display:block;border:1px solid #e2e8f0;border-radius:8px;padding:8px;background:#fff}
    .overview img{display:block;max-width:100%;max-height:640px;margin:0 auto}
    table{border-collapse:collapse;width:100%;font-size:13px}
    th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #edf2f7;vertical-align:top}
    th{position:sticky;top:0;background:#edf2f7;white-space:nowrap}
    html.js th{cursor:pointer}html.js th::after{content:" \\2195";color:#a0aec0}
    th[aria-sort=ascending]::after{content:" \\2191"!important;color:#2d3748!important}
    th[aria-sort=descending]::after{content:" \\2193"!important;color:#2d3748!important}
    td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
    td.url{word-break:break-all;max-width:280px}.dates{white-space:nowrap}
    tr:hover td{background:#f7fafc}
    .kind{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
    .error{color:#c53030}.warning{color:#b7791f}.notice{color:#4a5568}
    a{color:#2b6cb0}
    """

    /// Sorts any `table.sortable` by the clicked column: numbers by
    /// `data-sort`, text by `data-sort` or the cell's text; click again to reverse.
    static let script = """
    document.documentElement.classList.add("js");
    document.querySelectorAll("table.sortable th").forEach(function (th, column) {
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortBy(th, column); });
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(th, column); }
      });
    });
    function sortBy(th, column) {
      var table = th.closest("table"), body = table.tBodies[0];
      var numeric = th.classList.contains("n");
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var rows = Array.prototype.map.call(body.rows, function (row) {
        var cell = row.cells[column], value = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
        return { row: row, key: numeric ? parseFloat(value) : value.toLowerCase() };
      });
      rows.sort(function (a, b) { var order = a.key < b.key ? -1 : a.key > b.key ? 1 : 0; return ascending ? order : -order; });
      rows.forEach(function (entry) { body.appendChild(entry.row); });
    }
    """

    /// base64 SHA-256 of `style` and `script`, as CSP `'sha256-…'` sources want them.
    static let styleHash = "GXJyDZl/5DeacE54weyKzDqzDP4B/UXG+nV7fxlbhOI="
    static let scriptHash = "HF7zLkYdSizqSDjBEuwYwxQoItF4JvO7qKlCyxQLYao="

    /// Nothing loads but this page's own style and script and images from its own folder.
    static var contentSecurityPolicy: String {
        "default-src 'none'; img-src 'self'; style-src 'sha256-\(styleHash)'; script-src 'sha256-\(scriptHash)'; base-uri 'none'; form-action 'none'"
    }
}
