#!/usr/bin/env bash
# Writes the files of the two trust-root ConfigMaps (deploy/base: imagegate-trusted-root and imagegate-tuf-metadata)
# from a local copy of Sigstore's public-good TUF repository, and prints their digests:
#   OUT_DIR/trusted_root.json   the target the TUF metadata publishes
#   OUT_DIR/tuf/                N.root.json for every root after the one pinned in the binary, timestamp.json,
#                               V.snapshot.json and T.targets.json (the versions the timestamp and snapshot name),
#                               and kustomization.yaml, the configMapGenerator of imagegate-tuf-metadata listing them
# REPO_COPY_DIR is either the published repository (tuf-repo-cdn.sigstore.dev's layout: N.root.json, timestamp.json,
# V.snapshot.json, T.targets.json, targets/<sha256>.trusted_root.json) or a checkout of sigstore/root-signing
# (metadata/root_history/N.root.json, metadata/{timestamp,snapshot,targets}.json, targets/trusted_root.json).
# Stale *.json files in OUT_DIR/tuf are removed. Signatures are not checked here: imagegate checks them
# (docs/trust-root.md §2); this script checks that the files name each other and that trusted_root.json is the
# listed target, so a ConfigMap that cannot pass is never written.
#
#   scripts/trust-root-configmap.sh REPO_COPY_DIR OUT_DIR          e.g. ... ~/root-signing deploy/base
set -euo pipefail
if [ $# -ne 2 ]; then
  sed -n '2,15p' "$0" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
pinned="$root/src/ImageGate.Cli/Resources/tuf-root.v7.json"
python3 - "$1" "$2" "$pinned" <<'PY'
import hashlib, json, os, sys

repo, out, pinned_path = sys.argv[1], sys.argv[2], sys.argv[3]

def fail(message):
    print(f"trust-root-configmap: {message}", file=sys.stderr)
    sys.exit(1)

def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        fail(f"cannot read {path}: {e.strerror}")

def signed(data, path, role):
    try:
        body = json.loads(data)["signed"]
    except (ValueError, KeyError, TypeError):
        fail(f"{path} is not TUF metadata")
    if body.get("_type") != role:
        fail(f"{path} is {body.get('_type')!r} metadata, expected {role}")
    return body

if not os.path.isdir(repo):
    fail(f"{repo} is not a directory")
git_layout = os.path.isfile(os.path.join(repo, "metadata", "root.json"))
meta_dir = os.path.join(repo, "metadata") if git_layout else repo
root_dir = os.path.join(meta_dir, "root_history") if git_layout else repo
pinned = signed(read(pinned_path), pinned_path, "root")["version"]

files = {}
version = pinned
while os.path.isfile(os.path.join(root_dir, f"{version + 1}.root.json")):
    version += 1
    name = f"{version}.root.json"
    data = read(os.path.join(root_dir, name))
    if signed(data, name, "root").get("version") != version:
        fail(f"{name} does not hold root version {version}")
    files[name] = data
if version == pinned and not git_layout and not os.path.isfile(os.path.join(root_dir, f"{pinned}.root.json")):
    fail(f"{repo} holds no N.root.json: not a TUF repository copy")

timestamp = read(os.path.join(meta_dir, "timestamp.json"))
files["timestamp.json"] = timestamp
snapshot_version = signed(timestamp, "timestamp.json", "timestamp")["meta"]["snapshot.json"]["version"]
snapshot_name = f"{snapshot_version}.snapshot.json"
snapshot = read(os.path.join(meta_dir, "snapshot.json" if git_layout else snapshot_name))
if signed(snapshot, snapshot_name, "snapshot")["version"] != snapshot_version:
    fail(f"the snapshot is not version {snapshot_version}, which timestamp.json lists")
files[snapshot_name] = snapshot
targets_version = signed(snapshot, snapshot_name, "snapshot")["meta"]["targets.json"]["version"]
targets_name = f"{targets_version}.targets.json"
targets = read(os.path.join(meta_dir, "targets.json" if git_layout else targets_name))
listing = signed(targets, targets_name, "targets")
if listing["version"] != targets_version:
    fail(f"the targets file is not version {targets_version}, which {snapshot_name} lists")
files[targets_name] = targets
target = listing["targets"].get("trusted_root.json")
if target is None:
    fail(f"{targets_name} lists no trusted_root.json")
sha256 = target["hashes"]["sha256"]
trusted_root = read(os.path.join(repo, "targets", "trusted_root.json" if git_layout else f"{sha256}.trusted_root.json"))
if len(trusted_root) != target["length"] or hashlib.sha256(trusted_root).hexdigest() != sha256:
    fail(f"trusted_root.json is not the target {targets_name} lists ({target['length']} bytes, sha256 {sha256})")

tuf_dir = os.path.join(out, "tuf")
os.makedirs(tuf_dir, exist_ok=True)
for stale in os.listdir(tuf_dir):
    if stale.endswith(".json") and stale not in files:
        os.remove(os.path.join(tuf_dir, stale))
written = [(os.path.join(out, "trusted_root.json"), trusted_root)]
written += [(os.path.join(tuf_dir, name), data) for name, data in files.items()]
for path, data in written:
    with open(path, "wb") as f:
        f.write(data)
# kustomize lists a generator's files one by one, and the versioned names change with every refresh.
with open(os.path.join(tuf_dir, "kustomization.yaml"), "w", encoding="utf-8") as f:
    f.write("# Written by scripts/trust-root-configmap.sh: the TUF metadata imagegate checks trusted_root.json against\n"
            "# (IMAGEGATE_TUF_METADATA, docs/trust-root.md §2), one ConfigMap key per file. Regenerate, do not edit.\n"
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n\nconfigMapGenerator:\n"
            "  - name: imagegate-tuf-metadata\n    files:\n")
    f.writelines(f"      - {name}\n" for name in files)
    f.write("    options:\n      labels:\n        app.kubernetes.io/name: pmg-exporter\n"
            "        app.kubernetes.io/component: imagegate-tuf-metadata\n")
print(f"root v{pinned} (pinned) to v{version}, timestamp v{signed(timestamp, 'timestamp.json', 'timestamp')['version']}, "
      f"snapshot v{snapshot_version}, targets v{targets_version}")
for path, data in written:
    print(f"sha256:{hashlib.sha256(data).hexdigest()}  {os.path.relpath(path, out)}")
PY
