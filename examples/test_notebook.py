"""Runs explore.ipynb from top to bottom, then checks the release loads with the right types in every reader.

Run by `make test-notebook` (and CI) in a virtual environment built from the wheels on disk.
"""
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import nbformat
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.feather as feather
import yaml
from datasets import load_dataset
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
DIST = HERE.parent / "dist"
manifest = json.loads((DIST / "manifest.json").read_text())
datapackage = json.loads((DIST / "datapackage.json").read_text())
TABLES = [r["name"] for r in datapackage["resources"] if r.get("type") == "table"]
failures = []
passed = 0


def check(name, condition, detail=""):
    global passed
    if condition:
        passed += 1
    else:
        failures.append(f"{name}: {detail}")


def fields(table):
    return next(r for r in datapackage["resources"] if r["name"] == table)["schema"]["fields"]


def read_csv(table):
    """The CSV read with the types the Data Package declares (the recipe the notebook shows)."""
    fs = fields(table)
    kinds = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "string"}
    frame = pd.read_csv(
        DIST / f"{table}.csv",
        dtype={f["name"]: kinds[f["type"]] for f in fs if f["type"] in kinds},
        converters={f["name"]: json.loads for f in fs if f["type"] in ("array", "object")},
        keep_default_na=False,
        na_values={f["name"]: [""] for f in fs},
    )
    for f in fs:
        if f["type"] == "string":
            # Cells a spreadsheet would run as formulas carry a leading ' in the CSV (see the README).
            frame[f["name"]] = frame[f["name"]].str.replace(r"^'(?=[=+\-@\t\r])", "", regex=True)
        if f["type"] == "boolean":
            frame[f["name"]] = frame[f["name"]].map({"true": True, "false": False})
        if f["type"] == "date":
            frame[f["name"]] = pd.to_datetime(frame[f["name"]], format="%Y-%m-%d").dt.date
    return frame


def plain(frame):
    """A frame as plain Python values, so frames from different readers compare equal."""
    def value(v):
        if isinstance(v, float) and v != v:
            return None
        if v is pd.NA or v is None:
            return None
        if hasattr(v, "tolist"):
            v = v.tolist()
        if isinstance(v, list):
            return [value(x) for x in v]
        if isinstance(v, dict):
            return {k: value(x) for k, x in v.items()}
        if hasattr(v, "isoformat"):
            return v.isoformat()[:10]
        return v
    return [[value(v) for v in row] for row in frame.astype(object).itertuples(index=False)]


# 1. The notebook runs from top to bottom.
notebook = nbformat.read(HERE / "explore.ipynb", as_version=4)
NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(HERE)}}).execute()
check("notebook", all(o.get("output_type") != "error" for c in notebook.cells for o in c.get("outputs", [])), "a cell raised")

# 2. Arrow: dates as dates, counts as integers, lists as lists, nulls as nulls.
documents = feather.read_table(DIST / "documents.arrow")
check("published is a date", pa.types.is_date32(documents.schema.field("published").type), str(documents.schema.field("published").type))
for table in TABLES:
    arrow = feather.read_table(DIST / f"{table}.arrow")
    for f in fields(table):
        t = arrow.schema.field(f["name"]).type
        if f["type"] == "integer":
            check(f"{table}.{f['name']} is an integer", pa.types.is_integer(t), str(t))
        if f["type"] == "array":
            check(f"{table}.{f['name']} is a list", pa.types.is_list(t), str(t))
    manifest_rows = {f["path"]: f["rows"] for f in manifest["files"]}
    # 3. Row counts equal the manifest's, in every format.
    check(f"{table}.arrow rows", arrow.num_rows == manifest_rows[f"{table}.arrow"], f"{arrow.num_rows} vs {manifest_rows[f'{table}.arrow']}")
    jsonl = pd.read_json(DIST / f"{table}.jsonl", lines=True, dtype=False, convert_dates=False, precise_float=True) if manifest_rows[f"{table}.jsonl"] else pd.DataFrame()
    csv = read_csv(table)
    check(f"{table}.jsonl rows", len(jsonl) == manifest_rows[f"{table}.jsonl"], str(len(jsonl)))
    check(f"{table}.csv rows", len(csv) == manifest_rows[f"{table}.csv"], str(len(csv)))
    if len(csv) == 0:
        continue
    # 4. CSV ids stay strings; no "nan"/"None" strings anywhere.
    for f in fields(table):
        if f["name"].endswith("_id") and f["type"] == "string":
            check(f"{table}.{f['name']} stays text in CSV", str(csv[f["name"]].dtype) == "string", str(csv[f["name"]].dtype))
    for frame_name, frame in (("csv", csv), ("jsonl", jsonl)):
        strings = frame.select_dtypes(include=["object", "string"])
        bad = strings.isin(["nan", "NaN", "None", "null"]).to_numpy().sum()
        check(f"{table}.{frame_name} has no null-like strings", bad == 0, f"{bad} cells")
    # 5. Lists are lists in JSONL and Arrow.
    arrow_frame = arrow.to_pandas()
    for f in fields(table):
        if f["type"] == "array":
            check(f"{table}.{f['name']} is a list in JSONL", all(isinstance(v, list) for v in jsonl[f["name"]]), "")
            check(f"{table}.{f['name']} is a list in Arrow", all(hasattr(v, "tolist") for v in arrow_frame[f["name"]]), "")
    # 6. The three formats give equal frames.
    a, j, c = plain(arrow_frame), plain(jsonl[arrow_frame.columns]), plain(csv[arrow_frame.columns])
    check(f"{table}: Arrow equals JSONL", a == j, "")
    check(f"{table}: Arrow equals CSV", a == c, "")
    # 7. polars reads the Arrow file with the same row count.
    check(f"{table}: polars", pl.read_ipc(DIST / f"{table}.arrow").height == arrow.num_rows, "")

# 8. datasets.load_dataset reads each table from the card's configs.
card = (DIST / "README.md").read_text()
configs = yaml.safe_load(card.split("---\n")[1])["configs"]
manifest_rows = {f["path"]: f["rows"] for f in manifest["files"]}
for config in configs:
    name = config["config_name"]
    ds = load_dataset(str(DIST), name, split="train")
    check(f"datasets reads {name}", ds.num_rows == manifest_rows[f"{name}.jsonl"], f"{ds.num_rows}")

# 9. The partial outputs of a sharded build read as one multi-file dataset in DuckDB, polars and pyarrow.
import subprocess
import tempfile

import duckdb
import pyarrow.dataset as pads

with tempfile.TemporaryDirectory() as tmp:
    parts = [Path(tmp) / f"part-{i}" for i in (1, 2, 3)]
    for i, part in enumerate(parts, start=1):
        subprocess.run(["npm", "run", "--silent", "pipeline", "--", "build", "--raw", "raw", "--out", str(part), "--shard", f"{i}/3", "--no-cache"],
                       cwd=HERE.parent, check=True, capture_output=True)
    expected = manifest_rows["paragraphs.jsonl"]
    n = duckdb.sql(f"SELECT count(*) FROM read_json_auto('{tmp}/part-*/paragraphs.jsonl')").fetchone()[0]
    check("DuckDB reads the parts' JSONL as one table", n == expected, f"{n} != {expected}")
    n = pl.scan_ipc(f"{tmp}/part-*/paragraphs.arrow").select(pl.len()).collect().item()
    check("polars scans the parts' Arrow files as one table", n == expected, f"{n} != {expected}")
    n = pads.dataset([str(p / "paragraphs.arrow") for p in parts], format="arrow").count_rows()
    check("pyarrow reads the parts' Arrow files as one dataset", n == expected, f"{n} != {expected}")

for failure in failures:
    print(f"FAIL {failure}")
print(f"notebook: {passed} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
