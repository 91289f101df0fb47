#!/usr/bin/env bash
# make release: tag the committed release v<version> and write a reproducible archive of dist/.
# Refuses a dirty tree, a release that a second build does not reproduce byte for byte, a dist/ that is
# not what the pipeline builds, a CHANGELOG.md entry not dated as the release, and a version not past the last tag.
set -euo pipefail
cd "$(dirname "$0")/.."
PIPELINE=${PIPELINE:-npm run --silent pipeline --}

fail() { echo "release: $*" >&2; exit 1; }

[ -z "$(git status --porcelain)" ] || fail "the working tree has uncommitted changes; commit or stash them first"
name=$(node -p 'require("./dataset.json").name')
version=$(node -p 'require("./dataset.json").version')
tag="v$version"

last=$(git tag --list 'v[0-9]*' --sort=-v:refname | head -n 1)
if [ -n "$last" ]; then
  newest=$(printf '%s\n%s\n' "${last#v}" "$version" | sort -V | tail -n 1)
  [ "$newest" = "$version" ] && [ "${last#v}" != "$version" ] || fail "version $version is not past the last tag $last; bump it in dataset.json (and CHANGELOG.md)"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$PIPELINE build --review --raw raw --out "$work/first" >/dev/null 2>&1 || fail "the build failed; run make dataset to see why"
$PIPELINE build --review --raw raw --out "$work/second" >/dev/null 2>&1 || fail "the second build failed"
diff -r "$work/first" "$work/second" >/dev/null || fail "two builds differ; the build is not deterministic"
diff -r "$work/first" dist >/dev/null || fail "dist/ is not what the pipeline builds; run make dataset and commit dist/"
$PIPELINE verify --raw raw --out dist >/dev/null 2>&1 || fail "dist/ does not match its manifest"
# The changelog's date for this version is the one the citation and the card give: the manifest's.
released=$(node -p 'require("./dist/manifest.json").released')
grep -qxF "## $version — $released" CHANGELOG.md || fail "CHANGELOG.md has no entry '## $version — $released' (the release date in dist/manifest.json); write or redate it"

# Reproducible archive: sorted names, the commit's time, no owners, gzip without a timestamp.
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
mkdir -p release
archive="release/$name-$version.tar.gz"
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner --mode='u+rwX,go+rX,go-w' \
  --transform "s,^\.,$name-$version," -C dist -cf - . | gzip -n -9 > "$archive"
sha=$(sha256sum "$archive" | cut -d' ' -f1)

git tag -a "$tag" -m "$name $version" -m "Archive $archive sha256 $sha"
echo "tagged $tag; archive $archive (sha256 $sha)"
