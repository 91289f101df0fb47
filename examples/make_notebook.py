"""Writes examples/explore.ipynb from the cells below; `make notebook` then executes it in place so its outputs are saved."""
import nbformat as nbf

cells = [
    nbf.v4.new_markdown_cell("""# Exploring the release

Loads every table of `dist/` from Arrow, JSON Lines and CSV with pandas, polars, pyarrow, DuckDB and Hugging Face `datasets`, shows the column types, and draws two pictures: how much each outlet wrote, and the casualty figures each outlet reported by date. Run it from the repository's `examples/` folder (or let `make test-notebook` run it)."""),
    nbf.v4.new_code_cell("""import json
from pathlib import Path

import duckdb
import matplotlib.pyplot as plt
import pandas as pd
import polars as pl
import pyarrow.feather as feather

DIST = Path("..") / "dist"
manifest = json.loads((DIST / "manifest.json").read_text())
tables = sorted({Path(f["path"]).stem for f in manifest["files"] if f["path"].endswith(".arrow")})
print(manifest["name"], manifest["version"], "released", manifest["released"])
print(tables)"""),
    nbf.v4.new_markdown_cell("## Arrow: the right types with no work\n\n`published` is a date, every count an integer, lists are lists."),
    nbf.v4.new_code_cell("""documents = pd.read_feather(DIST / "documents.arrow")
paragraphs = pd.read_feather(DIST / "paragraphs.arrow")
documents.dtypes"""),
    nbf.v4.new_code_cell("""documents[["doc_id", "title", "authors", "published", "outlet", "n_paragraphs", "n_words"]]"""),
    nbf.v4.new_markdown_cell("## polars, pyarrow and DuckDB"),
    nbf.v4.new_code_cell("""print(pl.read_ipc(DIST / "documents.arrow").schema)
print(feather.read_table(DIST / "paragraphs.arrow").schema)
duckdb.sql(f"SELECT outlet, count(*) AS articles, sum(n_words) AS words FROM read_json('{DIST / 'documents.jsonl'}') GROUP BY outlet ORDER BY outlet")"""),
    nbf.v4.new_markdown_cell("## CSV with the documented types\n\nThe Data Package gives each column's type: ids stay text, an empty cell is null, list and struct columns are JSON."),
    nbf.v4.new_code_cell("""datapackage = json.loads((DIST / "datapackage.json").read_text())

def read_csv(table):
    \"\"\"Reads a table's CSV with the types its Data Package resource declares.\"\"\"
    fields = next(r for r in datapackage["resources"] if r["name"] == table)["schema"]["fields"]
    kinds = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "string"}
    dtype = {f["name"]: kinds[f["type"]] for f in fields if f["type"] in kinds}
    converters = {f["name"]: json.loads for f in fields if f["type"] in ("array", "object")}
    dates = [f["name"] for f in fields if f["type"] == "date"]
    frame = pd.read_csv(DIST / f"{table}.csv", dtype=dtype, converters=converters, keep_default_na=False, na_values={f["name"]: [""] for f in fields})
    for f in fields:
        if f["type"] == "string":
            # a cell a spreadsheet would run as a formula carries a leading ' in the CSV
            frame[f["name"]] = frame[f["name"]].str.replace(r"^'(?=[=+\\-@\\t\\r])", "", regex=True)
        if f["type"] == "boolean":
            frame[f["name"]] = frame[f["name"]].map({"true": True, "false": False}).astype("boolean")
    for name in dates:
        frame[name] = pd.to_datetime(frame[name], format="%Y-%m-%d").dt.date
    return frame

read_csv("documents").dtypes"""),
    nbf.v4.new_markdown_cell("## Hugging Face `datasets`, from the card's configs"),
    nbf.v4.new_code_cell("""from datasets import load_dataset

quotes = load_dataset(str(DIST), "quotes", split="train")
quotes"""),
    nbf.v4.new_markdown_cell("## Paragraphs and words per outlet"),
    nbf.v4.new_code_cell("""per_outlet = documents.assign(outlet=documents.outlet.fillna("(not stated)")).groupby("outlet")[["n_paragraphs", "n_words"]].sum()
fig, axes = plt.subplots(1, 2, figsize=(10, 3))
per_outlet.n_paragraphs.plot.barh(ax=axes[0], title="paragraphs per outlet")
per_outlet.n_words.plot.barh(ax=axes[1], title="words per outlet")
fig.tight_layout()"""),
    nbf.v4.new_markdown_cell("## Casualty figures each outlet reported, by date\n\nFrom the `numbers` table: counts of people, the dead and lives, joined to each article's outlet and date. Figures above 1,000 (the crowd of 6,000 at the concert, national populations) are left out of the picture."),
    nbf.v4.new_code_cell("""numbers = pd.read_feather(DIST / "numbers.arrow")
counts = numbers[numbers.unit.isin(["people", "dead", "lives", "killed"]) & (numbers.value <= 1000)]
casualties = counts.merge(documents[["doc_id", "outlet", "published"]], on="doc_id")
casualties = casualties.assign(outlet=casualties.outlet.fillna("(not stated)"), published=pd.to_datetime(casualties.published))
fig, ax = plt.subplots(figsize=(9, 3.5))
for outlet, rows in casualties.groupby("outlet"):
    ax.scatter(rows.published, rows.value, label=outlet)
    for _, row in rows.iterrows():
        ax.annotate(row.text, (row.published, row.value), fontsize=7, xytext=(4, 2), textcoords="offset points")
ax.set_ylabel("figure reported")
ax.legend(fontsize=8)
fig.autofmt_xdate()
casualties[["outlet", "published", "text"]].sort_values(["published", "outlet"])"""),
]

notebook = nbf.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
nbf.write(notebook, "explore.ipynb")
