#!/usr/bin/env bash
# The pod rehearsal: deploy/base played as a real pod with Debian's podman, nothing pulled from the internet.
#   1. an imagegate image FROM scratch: the AOT binary plus the libraries it loads (glibc, libssl/libcrypto) and
#      the CA bundle; a stand-in main image (busybox) signed as the pmg-shaped release by a virtual Sigstore;
#   2. both, and the same main image unsigned, pushed to a TLS + htpasswd docker-registry on loopback;
#   3. deploy/base rendered with `kubectl kustomize` through an overlay that only points it at that registry
#      (images, the virtual trust root, the registry's credentials and CA);
#   4. `podman kube play`: the signed release starts the main container through the gate (it prints the marker
#      the gate wrote); the unsigned one never starts it.
# podman 4.3.1's gaps here are worked around below, on the rendered copy, never in deploy/: runc instead of crun
# (crun refuses this host's cgroups), no default ulimits (setrlimit is not permitted), host networking for the
# loopback registry (so no container ports), secret volumes and secretKeyRef replaced by ConfigMaps and literals
# (4.3.1 crashes on secret volumes), $(VAR) expanded in args, restartPolicy Never (4.3.1 applies the
# Deployment's Always to the init container, restarts it as it exits, then fails to remove it). Prints PASS/FAIL
# lines; exit 0 only when both cases behave.
#   usage: scripts/e2e-pod.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/artifacts/publish/imagegate"
# Always (about two minutes): a binary left from an earlier checkout would rehearse old code.
"$root/scripts/publish-aot.sh" >/dev/null
for tool in podman runc kubectl docker-registry htpasswd openssl busybox python3; do
  command -v "$tool" >/dev/null || { echo "e2e-pod: $tool is required (scripts/install-test-deps.sh installs it)" >&2; exit 2; }
done
work=$(mktemp -d /tmp/imagegate-e2e-pod.XXXXXX)
registry_pid=""
export CONTAINERS_CONF="$work/containers.conf"
printf '[containers]\ndefault_ulimits = []\n' > "$CONTAINERS_CONF"
podman=(podman --runtime runc)
cleanup() {
  for f in "$work"/play-*.yaml; do [ -f "$f" ] && "${podman[@]}" kube down "$f" >/dev/null 2>&1 || true; done
  if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; fi
  # The images this run built and pulled (each run's registry port differs, so they would pile up).
  "${podman[@]}" images --format '{{.ID}} {{.Repository}}' 2>/dev/null \
    | awk -v r="${registry:-none}/" -v l="localhost/imagegate-e2e" 'index($2, r) == 1 || $2 == l {print $1}' \
    | xargs -r "${podman[@]}" rmi -f >/dev/null 2>&1 || true
  [ -n "${E2E_KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
step() { echo "e2e-pod: $*"; }

# 1. Registry: TLS with a fresh self-signed certificate for 127.0.0.1, Basic auth from htpasswd (bcrypt).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
registry="127.0.0.1:$port"
user=e2e; password=$(openssl rand -hex 12)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=imagegate-e2e \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/ca.pem" 2>/dev/null
htpasswd -Bbn "$user" "$password" > "$work/htpasswd"
cat > "$work/registry.yml" <<YAML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/data}}
http: {addr: $registry, secret: e2e-$port, tls: {certificate: $work/ca.pem, key: $work/key.pem}}
auth: {htpasswd: {realm: imagegate-e2e, path: $work/htpasswd}}
YAML
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 50); do
  python3 - "$port" <<'PY' 2>/dev/null && break
import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()
PY
  sleep 0.1
done
step "registry $registry (TLS, htpasswd)"

# 2. Images. The main image's command shows it ran after the gate: it prints the marker the gate wrote.
mkdir -p "$work/main/bin"
cp /usr/bin/busybox "$work/main/bin/busybox"
tar -C "$work/main" --owner=0 --group=0 --numeric-owner -cf - bin | gzip -n > "$work/main.tar.gz"
dotnet build "$root/tests/ImageGate.Fixtures" -c Release -v quiet -nologo >/dev/null
digests=$(dotnet "$root/artifacts/bin/ImageGate.Fixtures/release/imagegate-fixtures.dll" pod "$work/release" "$work/main.tar.gz" \
  'echo "pmg-exporter stand-in started"; /bin/busybox cat /run/imagegate/verified.json; echo; exec /bin/busybox sleep 3600' \
  "https://$registry/" "$user" "$password" "$work/ca.pem")
main_digest=$(awk '$1 == "signed" {print $2}' <<<"$digests")
step "pmg-shaped release signed as natrontech/pmg-exporter@$main_digest, and unsigned as unsigned/pmg-exporter"

mkdir -p "$work/gate/rootfs/lib64" "$work/gate/rootfs/lib/x86_64-linux-gnu" "$work/gate/rootfs/etc/ssl/certs"
cp "$bin" "$work/gate/rootfs/imagegate"
# What the binary links (ldd) and what .NET's crypto loads at run time (OpenSSL 3).
for lib in $(ldd "$bin" | awk '/=>/ {print $3}') $(ldconfig -p | awk '/libssl.so.3 |libcrypto.so.3 / && /x86-64/ {print $NF}'); do
  cp -L "$lib" "$work/gate/rootfs/lib/x86_64-linux-gnu/"
done
cp -L /lib64/ld-linux-x86-64.so.2 "$work/gate/rootfs/lib64/"
cp -L /etc/ssl/certs/ca-certificates.crt "$work/gate/rootfs/etc/ssl/certs/"
printf 'FROM scratch\nCOPY rootfs/ /\nUSER 65532:65532\nENTRYPOINT ["/imagegate"]\nCMD ["--help"]\n' > "$work/gate/Containerfile"
"${podman[@]}" build -q --pull=never -t localhost/imagegate-e2e:pod "$work/gate" >/dev/null
"${podman[@]}" push -q --tls-verify=false --creds "$user:$password" --digestfile "$work/gate.digest" \
  localhost/imagegate-e2e:pod "$registry/imagegate:pod"
step "imagegate image $registry/imagegate@$(cat "$work/gate.digest") (FROM scratch, $(du -sh "$work/gate/rootfs" | cut -f1))"

# 3. Render deploy/base through an overlay that changes only where things come from.
render() { # $1 case name, $2 repository of the main image
  local dir="$work/overlay-$1"
  mkdir -p "$dir"
  cp "$work/release/trusted_root.json" "$work/ca.pem" "$dir/"
  printf '{"auths":{"%s":{"auth":"%s"}}}' "$registry" "$(printf '%s:%s' "$user" "$password" | base64 -w0)" > "$dir/config.json"
  cat > "$dir/kustomization.yaml" <<YAML
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - $(python3 -c 'import os, sys; print(os.path.relpath(sys.argv[1], sys.argv[2]))' "$root/deploy/base" "$dir")
images:
  - name: ghcr.io/natrontech/pmg-exporter
    newName: $registry/$2
    newTag: v0.2.2
    digest: $main_digest
  - name: registry.example.com/imagegate/imagegate
    newName: $registry/imagegate
    digest: $(cat "$work/gate.digest")
generatorOptions:
  disableNameSuffixHash: true
configMapGenerator:
  - name: imagegate-trusted-root
    behavior: replace
    files: [trusted_root.json]
  - name: imagegate-registry-ca
    files: [ca.pem]
secretGenerator:
  - name: pmg-exporter-registry
    type: kubernetes.io/dockerconfigjson
    files: [.dockerconfigjson=config.json]
  - name: pmg-exporter-credentials
    literals: [PMG_HOST=pmg.example.invalid, PMG_USER=exporter@pmg, PMG_PASSWORD=unused]
patches:
  - patch: |-
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: pmg-exporter}
      spec:
        template:
          spec:
            initContainers:
              - name: imagegate
                env:
                  - {name: IMAGEGATE_REGISTRY_CA, value: /etc/imagegate/registry-ca/ca.pem}
                  # The rehearsal's trust root is the virtual Sigstore's, which Sigstore's TUF metadata does not list.
                  - {name: IMAGEGATE_TUF_METADATA, \$patch: delete}
                volumeMounts:
                  - {name: registry-ca, mountPath: /etc/imagegate/registry-ca, readOnly: true}
            volumes:
              - name: registry-ca
                configMap: {name: imagegate-registry-ca}
YAML
  kubectl kustomize "$dir" > "$work/rendered-$1.yaml"
  # podman 4.3.1's gaps, on the rendered copy only.
  python3 - "$work/rendered-$1.yaml" "$work/play-$1.yaml" <<'PY'
import base64, sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
secrets = {d["metadata"]["name"]: {k: base64.b64decode(v).decode() for k, v in (d.get("data") or {}).items()}
           for d in docs if d["kind"] == "Secret"}
out = []
for d in docs:
    if d["kind"] == "Secret":
        out.append({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": d["metadata"]["name"]}, "data": secrets[d["metadata"]["name"]]})
        continue
    if d["kind"] == "Deployment":
        template = d["spec"]["template"]
        pod = template["spec"]
        pod["restartPolicy"] = "Never"
        for v in pod.get("volumes", []):
            if "secret" in v:
                s = v.pop("secret")
                v["configMap"] = {"name": s["secretName"], "items": s.get("items"), "defaultMode": s.get("defaultMode")}
        for c in pod.get("initContainers", []) + pod["containers"]:
            c.pop("ports", None)
            env = {e["name"]: e.get("value") for e in c.get("env", [])}
            c["args"] = [a.replace("$(GATED_IMAGE)", env.get("GATED_IMAGE") or "$(GATED_IMAGE)") for a in c.get("args", [])]
            for e in c.get("env", []):
                ref = (e.get("valueFrom") or {}).get("secretKeyRef")
                if ref:
                    e.pop("valueFrom")
                    e["value"] = secrets[ref["name"]][ref["key"]]
    out.append(d)
yaml.safe_dump_all(out, open(sys.argv[2], "w"))
PY
}

# 4. Play each case and watch what starts.
play() { # $1 case; prints the kube play result code
  set +e
  timeout 300 "${podman[@]}" kube play --network host --tls-verify=false --creds "$user:$password" "$work/play-$1.yaml" > "$work/play-$1.log" 2>&1
  local code=$?
  set -e
  echo "$code"
}
failures=0
render signed natrontech/pmg-exporter
code=$(play signed)
started=""
for _ in $(seq 100); do
  started=$("${podman[@]}" logs pmg-exporter-pod-0-pmg-exporter 2>/dev/null || true)
  grep -q "pmg-exporter stand-in started" <<<"$started" && break
  sleep 0.2
done
if [ "$code" -eq 0 ] && grep -q "pmg-exporter stand-in started" <<<"$started" && grep -q "\"$main_digest\"" <<<"$started"; then
  echo "PASS signed: the gate verified $main_digest and the main container started, reading its marker"
else
  echo "FAIL signed: kube play exited $code; main container said: ${started:-nothing}" >&2
  tail -20 "$work/play-signed.log" >&2
  failures=$((failures + 1))
fi
"${podman[@]}" kube down "$work/play-signed.yaml" >/dev/null 2>&1 || true

render unsigned unsigned/pmg-exporter
code=$(play unsigned)
sleep 2
main_state=$("${podman[@]}" container inspect pmg-exporter-pod-0-pmg-exporter --format '{{.State.Status}} {{.State.StartedAt}}' 2>/dev/null || echo "absent")
main_logs=$("${podman[@]}" logs pmg-exporter-pod-0-pmg-exporter 2>/dev/null || true)
gate_logs=$("${podman[@]}" logs pmg-exporter-pod-0-imagegate 2>&1 || true)
if [ "$code" -ne 0 ] && [ -z "$main_logs" ] && ! grep -q "^running" <<<"$main_state" && grep -q "error: policy.requirement-missing" <<<"$gate_logs"; then
  echo "PASS unsigned: the gate refused (policy.requirement-missing) and the main container never started ($main_state)"
else
  echo "FAIL unsigned: kube play exited $code; main: $main_state ${main_logs:+said $main_logs}; gate: $(tail -2 <<<"$gate_logs")" >&2
  failures=$((failures + 1))
fi
echo "e2e-pod: $([ "$failures" -eq 0 ] && echo ok || echo "FAILED ($failures)")"
exit $(( failures > 0 ))
