#!/usr/bin/env bash
# Offline checks of Dockerfile and deploy/ (no cluster, no registry, no docker engine needed):
#   - every YAML file under deploy/ parses, and the shipped trust root is JSON with the expected media type;
#   - if kubectl or kustomize is installed: the base and every example render, every container image is pinned
#     by digest, the imagegate init container verifies exactly the pmg-exporter image, and the hardening the
#     README promises is present in every rendered Deployment;
#   - the rendered manifests validate against the Kubernetes schemas (npm kubernetes-models, pinned in
#     deploy/schema; `npm ci --prefix deploy/schema` installs it, offline afterwards);
#   - every container meets Pod Security "restricted"; the imagegate container has none of the flags that
#     weaken verification (--allow-tag, --insecure-registry, --allow-http-registry, --insecure-ignore-tlog) and
#     reads its trust root from a mounted volume (without IMAGEGATE_TRUSTED_ROOT it would use the embedded root),
#     and its TUF metadata, when set, from one too;
#   - the TUF metadata in deploy/base/tuf publishes deploy/base/trusted_root.json (the targets file lists its
#     length and sha256; the signatures are imagegate's to check, docs/trust-root.md §2);
#   - the Dockerfile has the entrypoint, numeric non-root user and default command the manifests rely on, and
#     builds both platforms the image is published for (amd64 as linux-x64, arm64 as linux-arm64, cross-compiled
#     on the build platform).
# Placeholder digests (sha256:000...) are reported; with --strict (for a release overlay) they are errors.
#
#   deploy/check.sh [--strict] [KUSTOMIZATION_DIR...]     default: deploy/base and deploy/examples/*
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
strict=0
dirs=()
for arg in "$@"; do
  case "$arg" in
    --strict) strict=1 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) dirs+=("$(cd "$arg" && pwd)") ;;
  esac
done
if [ ${#dirs[@]} -eq 0 ]; then
  dirs=("$here/base")
  for d in "$here"/examples/*/; do
    [ -f "$d/kustomization.yaml" ] && dirs+=("${d%/}")
  done
fi

if ! python3 -c 'import yaml' 2>/dev/null; then
  echo "check: python3 with PyYAML is required (apt-get install python3-yaml, or pip install pyyaml)" >&2
  exit 2
fi

render=""
if command -v kustomize >/dev/null 2>&1; then
  render="kustomize build"
elif command -v kubectl >/dev/null 2>&1 && kubectl kustomize --help >/dev/null 2>&1; then
  render="kubectl kustomize"
fi

rendered=$(mktemp -d)
trap 'rm -rf "$rendered"' EXIT
if [ -n "$render" ]; then
  i=0
  for d in "${dirs[@]}"; do
    i=$((i + 1))
    out="$rendered/$i.yaml"
    if ! $render "$d" > "$out" 2> "$rendered/$i.err"; then
      echo "FAIL render ${d#"$root"/}: $(cat "$rendered/$i.err")" >&2
      exit 1
    fi
    printf '%s\n' "${d#"$root"/}" > "$rendered/$i.name"
  done
else
  echo "note: neither kustomize nor kubectl found; skipping the render checks (YAML and Dockerfile only)"
fi

if compgen -G "$rendered/*.yaml" >/dev/null; then
  if ! command -v node >/dev/null 2>&1 || [ ! -d "$here/schema/node_modules/kubernetes-models" ]; then
    echo "FAIL schema: node and deploy/schema/node_modules are required (apt-get install nodejs npm; npm ci --prefix deploy/schema)" >&2
    exit 1
  fi
  node "$here/schema/validate.mjs" "$rendered"/*.yaml || { echo "check: FAILED (schema)" >&2; exit 1; }
fi

python3 - "$root" "$rendered" "$strict" <<'PY'
import hashlib, json, os, re, sys, glob
import yaml

root, rendered, strict = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
errors, notes = [], []
PIN = re.compile(r"@sha256:[0-9a-f]{64}$")
PLACEHOLDER = "@sha256:" + "0" * 64

def rel(p): return os.path.relpath(p, root)

# 1. Every YAML file parses.
yaml_files = sorted(glob.glob(os.path.join(root, "deploy", "**", "*.y*ml"), recursive=True))
for f in yaml_files:
    try:
        with open(f, encoding="utf-8") as h:
            list(yaml.safe_load_all(h))
    except yaml.YAMLError as e:
        errors.append(f"{rel(f)}: not valid YAML: {e}")
print(f"yaml: {len(yaml_files)} files parsed")

# 2. The trust root is a Sigstore trusted_root.json; say which one it is.
tr = os.path.join(root, "deploy", "base", "trusted_root.json")
with open(tr, "rb") as h:
    data = h.read()
try:
    doc = json.loads(data)
    if not str(doc.get("mediaType", "")).startswith("application/vnd.dev.sigstore.trustedroot"):
        errors.append(f"{rel(tr)}: mediaType is {doc.get('mediaType')!r}, expected application/vnd.dev.sigstore.trustedroot...")
except ValueError as e:
    errors.append(f"{rel(tr)}: not JSON: {e}")
digest = hashlib.sha256(data).hexdigest()
embedded = os.path.join(root, "src", "ImageGate.Cli", "Resources", "production.trusted_root.json")
same = os.path.exists(embedded) and hashlib.sha256(open(embedded, "rb").read()).hexdigest() == digest
print(f"trust root: sha256:{digest}" + (" (same as the root embedded in the binary)" if same else " (differs from the embedded root: a rotation?)"))

# 2b. The TUF metadata ConfigMap publishes that trust root: the targets file the snapshot names lists it.
tuf = os.path.join(root, "deploy", "base", "tuf")
if os.path.isdir(tuf):
    try:
        def signed(name):
            with open(os.path.join(tuf, name), "rb") as h:
                return json.load(h)["signed"]
        snapshot_version = signed("timestamp.json")["meta"]["snapshot.json"]["version"]
        targets_version = signed(f"{snapshot_version}.snapshot.json")["meta"]["targets.json"]["version"]
        target = signed(f"{targets_version}.targets.json")["targets"].get("trusted_root.json") or {}
        if target.get("length") != len(data) or (target.get("hashes") or {}).get("sha256") != digest:
            errors.append(f"{rel(tuf)}/{targets_version}.targets.json lists trusted_root.json as {target.get('length')} bytes, sha256 "
                          f"{(target.get('hashes') or {}).get('sha256')}; {rel(tr)} is {len(data)} bytes, sha256 {digest}: imagegate would refuse it (regenerate both with scripts/trust-root-configmap.sh)")
        else:
            print(f"tuf: targets v{targets_version} (snapshot v{snapshot_version}) lists this trust root")
    except (OSError, ValueError, KeyError, TypeError) as e:
        errors.append(f"{rel(tuf)}: not a TUF metadata directory with timestamp.json, its snapshot and targets: {e}")

# 3. Rendered manifests.
def sc(c): return c.get("securityContext") or {}

# Pod Security Standards, "restricted" (kubernetes.io/docs/concepts/security/pod-security-standards), beyond the
# fields checked per container above: what a pod-security admission in "restricted" mode would refuse.
ALLOWED_VOLUMES = {"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"}
SAFE_SYSCTLS = {"kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
                "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
                "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
                "net.ipv4.tcp_keepalive_probes"}
SELINUX_TYPES = {None, "", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"}

def restricted(where, c, pod):
    s, psc = sc(c), pod.get("securityContext") or {}
    name = f"{where}: container {c['name']} (Pod Security restricted)"
    if s.get("privileged") is True:
        errors.append(f"{name}: privileged is not allowed")
    added = set((s.get("capabilities") or {}).get("add") or []) - {"NET_BIND_SERVICE"}
    if added:
        errors.append(f"{name}: capabilities.add may hold only NET_BIND_SERVICE, found {sorted(added)}")
    if (s.get("seccompProfile") or {}).get("type") == "Unconfined":
        errors.append(f"{name}: seccompProfile Unconfined is not allowed")
    if s.get("procMount") not in (None, "Default"):
        errors.append(f"{name}: procMount must be Default")
    for opts in (s.get("seLinuxOptions") or {}, psc.get("seLinuxOptions") or {}):
        if opts.get("type") not in SELINUX_TYPES or opts.get("user") or opts.get("role"):
            errors.append(f"{name}: seLinuxOptions {opts} is not allowed")
    for profile in (s.get("appArmorProfile") or {}, psc.get("appArmorProfile") or {}):
        if profile.get("type") == "Unconfined":
            errors.append(f"{name}: appArmorProfile Unconfined is not allowed")
    if ((s.get("windowsOptions") or {}).get("hostProcess")) is True:
        errors.append(f"{name}: windowsOptions.hostProcess is not allowed")
    for port in c.get("ports") or []:
        if port.get("hostPort"):
            errors.append(f"{name}: hostPort {port['hostPort']} is not allowed")

def restricted_pod(where, pod):
    for key in ("hostNetwork", "hostPID", "hostIPC"):
        if pod.get(key) is True:
            errors.append(f"{where}: {key} is not allowed (Pod Security restricted)")
    for v in pod.get("volumes") or []:
        kinds = set(v) - {"name"}
        if not kinds <= ALLOWED_VOLUMES:
            errors.append(f"{where}: volume {v.get('name')} of type {sorted(kinds - ALLOWED_VOLUMES)} is not allowed (Pod Security restricted)")
    for sysctl in (pod.get("securityContext") or {}).get("sysctls") or []:
        if sysctl.get("name") not in SAFE_SYSCTLS:
            errors.append(f"{where}: sysctl {sysctl.get('name')} is not allowed (Pod Security restricted)")

# Flags that weaken what the gate proves; fine at a terminal, never in a pod.
WEAKENING = ("--allow-tag", "--insecure-registry", "--allow-http-registry", "--insecure-ignore-tlog")

def gate_checks(where, gate):
    args = [str(a) for a in (gate.get("args") or []) + (gate.get("command") or [])]
    for flag in WEAKENING:
        if any(a == flag or a.startswith(flag + "=") for a in args):
            errors.append(f"{where}: the imagegate container passes {flag}, which weakens verification; it is for a terminal, not a pod")
    env = {e["name"]: e.get("value") for e in gate.get("env") or []}
    root = env.get("IMAGEGATE_TRUSTED_ROOT")
    if "--trusted-root" in args:
        root = args[args.index("--trusted-root") + 1] if args.index("--trusted-root") + 1 < len(args) else None
    if not root:
        errors.append(f"{where}: the imagegate container sets no IMAGEGATE_TRUSTED_ROOT (or --trusted-root): it would silently use the root embedded in the binary, not the mounted ConfigMap")
        return
    mounts = [m.get("mountPath", "").rstrip("/") for m in gate.get("volumeMounts") or []]
    if not any(m and (root == m or root.startswith(m + "/")) for m in mounts):
        errors.append(f"{where}: IMAGEGATE_TRUSTED_ROOT {root!r} is not under a volume mounted into the imagegate container ({', '.join(mounts) or 'none'})")
    tuf = env.get("IMAGEGATE_TUF_METADATA")
    if "--tuf-metadata" in args:
        tuf = args[args.index("--tuf-metadata") + 1] if args.index("--tuf-metadata") + 1 < len(args) else None
    if tuf is not None and not any(m and (tuf == m or tuf.startswith(m + "/")) for m in mounts):
        errors.append(f"{where}: IMAGEGATE_TUF_METADATA {tuf!r} is not under a volume mounted into the imagegate container ({', '.join(mounts) or 'none'})")

def harden(where, pod, strict):
    inits, apps = pod.get("initContainers") or [], pod.get("containers") or []
    for c in inits + apps:
        image = c.get("image", "")
        if not PIN.search(image):
            errors.append(f"{where}: container {c['name']} image {image!r} is not pinned by digest")
        elif image.endswith(PLACEHOLDER):
            (errors if strict else notes).append(f"{where}: container {c['name']} still has the placeholder digest ({image.split('@')[0]})")
        s = sc(c)
        for key, want in (("runAsNonRoot", True), ("readOnlyRootFilesystem", True), ("allowPrivilegeEscalation", False)):
            if s.get(key) is not want:
                errors.append(f"{where}: container {c['name']} securityContext.{key} must be {str(want).lower()}")
        if "ALL" not in ((s.get("capabilities") or {}).get("drop") or []):
            errors.append(f"{where}: container {c['name']} must drop ALL capabilities")
        if (s.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
            errors.append(f"{where}: container {c['name']} seccompProfile must be RuntimeDefault")
        if not isinstance(s.get("runAsUser"), int) or s["runAsUser"] == 0:
            errors.append(f"{where}: container {c['name']} needs a numeric, non-zero runAsUser")
        restricted(where, c, pod)
    psc = pod.get("securityContext") or {}
    if psc.get("runAsNonRoot") is not True or (psc.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
        errors.append(f"{where}: pod securityContext needs runAsNonRoot: true and seccompProfile RuntimeDefault")
    if pod.get("automountServiceAccountToken") is not False:
        errors.append(f"{where}: automountServiceAccountToken must be false")
    restricted_pod(where, pod)

for name_file in sorted(glob.glob(os.path.join(rendered, "*.name"))):
    name = open(name_file).read().strip()
    docs = [d for d in yaml.safe_load_all(open(name_file[:-5] + ".yaml")) if d]
    deployments = [d for d in docs if d.get("kind") == "Deployment"]
    if not deployments:
        errors.append(f"{name}: no Deployment rendered")
    # Every other workload an example ships (a mirror's cache, say) meets the same hardening and Pod Security.
    for other in [d for d in docs if d.get("kind") in ("StatefulSet", "DaemonSet", "ReplicaSet", "Job")]:
        harden(f"{name}: {other['kind']}/{other['metadata']['name']}", other["spec"]["template"]["spec"], strict)
    for dep in deployments:
        where = f"{name}: Deployment/{dep['metadata']['name']}"
        pod = dep["spec"]["template"]["spec"]
        inits, apps = pod.get("initContainers") or [], pod.get("containers") or []
        harden(where, pod, strict)
        gate = [c for c in inits if c["name"] == "imagegate"]
        app = [c for c in apps if c["name"] == "pmg-exporter"]
        if len(gate) != 1 or len(app) != 1:
            errors.append(f"{where}: expected one imagegate init container and one pmg-exporter container")
            continue
        gate, app = gate[0], app[0]
        gate_checks(where, gate)
        gate_env = {e["name"]: e.get("value") for e in gate.get("env") or []}
        # The image to verify: $(GATED_IMAGE), or the pmg-exporter container's own spec (docs/pod-check.md §2).
        from_pod = gate_env.get("IMAGEGATE_FROM_POD_SPEC")
        if from_pod is not None and from_pod != "pmg-exporter":
            errors.append(f"{where}: IMAGEGATE_FROM_POD_SPEC must name the pmg-exporter container, not {from_pod!r}")
        if gate.get("command") != ["/imagegate"] or (gate.get("args") or [None])[0] != "verify" or ((from_pod is None) == ("$(GATED_IMAGE)" not in (gate.get("args") or []))):
            errors.append(f"{where}: the imagegate init container must run /imagegate verify with $(GATED_IMAGE) or IMAGEGATE_FROM_POD_SPEC (one of them)")
        # The tag beside the digest is what the preset binds every signer to (deploy/README.md, "Pin the digest").
        if not re.search(r":[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}@sha256:", app.get("image", "").rsplit("/", 1)[-1]):
            errors.append(f"{where}: the pmg-exporter image {app.get('image')!r} names no release tag beside its digest (repo:vX.Y.Z@sha256:...), so any older signed release would pass")
        env = {e["name"]: e.get("value") for e in gate.get("env") or []}
        if from_pod is None and env.get("GATED_IMAGE") != app.get("image"):
            errors.append(f"{where}: GATED_IMAGE {env.get('GATED_IMAGE')!r} is not the pmg-exporter image {app.get('image')!r}")
        if not env.get("IMAGEGATE_MARKER", "").startswith("/run/imagegate/"):
            errors.append(f"{where}: IMAGEGATE_MARKER must be on the shared /run/imagegate volume")
        if sum(1 for k in ("IMAGEGATE_PRESET", "IMAGEGATE_POLICY") if env.get(k)) != 1:
            errors.append(f"{where}: exactly one of IMAGEGATE_PRESET / IMAGEGATE_POLICY must be set")
        app_env = {e["name"]: e.get("value") for e in app.get("env") or []}
        if app_env.get("PMG_EXPORTER_ADDRESS") != "0.0.0.0":
            errors.append(f"{where}: pmg-exporter needs PMG_EXPORTER_ADDRESS=0.0.0.0 (its default 127.0.0.1 is unreachable)")
        if sc(app).get("runAsUser") != 1000:
            errors.append(f"{where}: pmg-exporter must run as uid 1000 (its image names the user, so runAsNonRoot needs the number)")
        if "IMAGEGATE_DIGEST" in app_env and not re.fullmatch(r"sha256:[0-9a-f]{64}", app_env["IMAGEGATE_DIGEST"] or "") :
            errors.append(f"{where}: IMAGEGATE_DIGEST {app_env['IMAGEGATE_DIGEST']!r} was not filled in by the replacement")
        if "IMAGEGATE_DIGEST" in app_env and app.get("image", "").split("@")[-1] != app_env["IMAGEGATE_DIGEST"]:
            errors.append(f"{where}: IMAGEGATE_DIGEST differs from the pmg-exporter image's digest")
        print(f"render: {where} ok ({app.get('image')})")

# 4. Dockerfile: what the manifests rely on.
df_path = os.path.join(root, "Dockerfile")
df = open(df_path, encoding="utf-8").read()
for pattern, why in (
    (r'^ENTRYPOINT \["/imagegate"\]$', 'ENTRYPOINT ["/imagegate"]'),
    (r'^CMD \["--help"\]$', 'CMD ["--help"]'),
    (r'^USER [1-9][0-9]*(:[0-9]+)?$', "a numeric, non-root USER"),
    (r'scripts/publish-aot\.sh', "the build through scripts/publish-aot.sh"),
    (r'^LABEL org\.opencontainers\.image\.', "OCI labels"),
    # Both platforms: the build stage runs natively on the builder and cross-compiles to the target's RID, each
    # published where scripts/publish-aot.sh leaves it.
    (r'^FROM --platform=\$BUILDPLATFORM \S+ AS build$', "the build stage FROM --platform=$BUILDPLATFORM"),
    (r'^\s*amd64\) rid=linux-x64; bin=artifacts/publish/imagegate ;;', "TARGETARCH amd64 built as RID linux-x64"),
    (r'^\s*arm64\) rid=linux-arm64; bin=artifacts/publish/linux-arm64/imagegate ;;', "TARGETARCH arm64 built as RID linux-arm64"),
    (r'^\s*arm64\) cross="gcc-aarch64-linux-gnu libc6-dev-arm64-cross" ;;', "the arm64 cross toolchain in the build stage"),
    (r'RID="\$rid" bash scripts/publish-aot\.sh', "the publish with the target's RID"),
):
    if not re.search(pattern, df, re.M):
        errors.append(f"Dockerfile: expected {why}")
users = re.findall(r"^USER (\S+)$", df, re.M)
if users and users[-1].split(":")[0] in ("0", "root"):
    errors.append("Dockerfile: the last USER is root")
for line in re.findall(r"^ARG (?:SDK|RUNTIME)_IMAGE=(\S+)$", df, re.M):
    if "@sha256:" not in line:
        notes.append(f"Dockerfile: base image {line} is a tag; pin it by digest for a release build (--build-arg)")

for n in notes:
    print(f"note: {n}")
for e in errors:
    print(f"FAIL {e}", file=sys.stderr)
print("check: " + ("FAILED" if errors else "ok") + f" ({len(errors)} errors, {len(notes)} notes)")
sys.exit(1 if errors else 0)
PY
