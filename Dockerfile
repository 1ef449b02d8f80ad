# syntax=docker/dockerfile:1
#
# imagegate: Native AOT build -> minimal, non-root runtime image.
#
#   docker build -t imagegate:dev .                                  # the runtime image (default target)
#   docker build --target binary --output type=local,dest=out .      # just the binary, in ./out/imagegate
#
# linux/amd64 and linux/arm64, from one build platform:
#   docker buildx build --platform linux/amd64,linux/arm64 -t imagegate:dev .
# The build stage runs on the builder's own platform ($BUILDPLATFORM, no emulation) and cross-compiles when the
# target differs: scripts/publish-aot.sh with RID linux-x64 (TARGETARCH amd64) or linux-arm64 (arm64), linking with
# clang, lld and Ubuntu's cross libc and libgcc for the target (the same route the script takes on Debian, tested
# there under qemu-user: tests/ImageGate.Cli.Tests/Platform/Arm64QemuTests.cs). Any other TARGETARCH fails early.
#
# Base images are given by tag so that this file builds anywhere; a release build pins them by digest, e.g.
#   --build-arg SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0-noble@sha256:<hex>
#   --build-arg RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled@sha256:<hex>
# Both must stay on the same Ubuntu release (noble): the AOT binary links against the build stage's glibc and
# needs a glibc at least that new at run time.

ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0-noble
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled

# ---------------------------------------------------------------------------------------------------------------
FROM --platform=$BUILDPLATFORM ${SDK_IMAGE} AS build
ARG TARGETARCH
ARG BUILDARCH
# Native AOT links with clang and needs zlib's headers (the official Native AOT prerequisites on Debian/Ubuntu).
# A cross build adds lld (the csproj's -z pack-relative-relocs on any target), the target's cross gcc (its crt
# files, libgcc and binutils, whose objcopy strips the binary) and cross libc (only a Recommends of the gcc, so
# named). All are build-architecture packages: no multiarch sources are needed; zlib is the runtime pack's libz.a.
RUN case "${TARGETARCH:-amd64}" in \
      amd64) cross="gcc-x86-64-linux-gnu libc6-dev-amd64-cross" ;; \
      arm64) cross="gcc-aarch64-linux-gnu libc6-dev-arm64-cross" ;; \
      *) echo "imagegate: no RID for TARGETARCH=$TARGETARCH; build --platform linux/amd64 or linux/arm64" >&2; exit 1 ;; \
    esac \
    && if [ "${TARGETARCH:-amd64}" = "${BUILDARCH:-amd64}" ]; then cross=""; else cross="lld $cross"; fi \
    && apt-get update \
    && apt-get install -y --no-install-recommends clang zlib1g-dev $cross \
    && rm -rf /var/lib/apt/lists/*
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1
WORKDIR /src
# Only what the publish reads: the SDK pin, the analyzer settings (warnings are errors), the sources and the
# script. Not the whole context: artifacts/ may hold a host build, and .git and tests/ are not needed.
COPY global.json .editorconfig ./
COPY src/ src/
COPY scripts/publish-aot.sh scripts/
# publish-aot.sh fails on any IL2xxx/IL3xxx (trim/AOT) warning and leaves artifacts/publish/imagegate (linux-x64)
# or artifacts/publish/linux-arm64/imagegate; /out/imagegate is that binary, one path for the stages below.
# The package cache is locked: buildx builds both platforms at once, and NuGet's own extraction locks live in each
# container's /tmp, so two restores into one shared cache could interleave.
RUN --mount=type=cache,target=/root/.nuget/packages,sharing=locked \
    case "${TARGETARCH:-amd64}" in \
      amd64) rid=linux-x64; bin=artifacts/publish/imagegate ;; \
      arm64) rid=linux-arm64; bin=artifacts/publish/linux-arm64/imagegate ;; \
    esac \
    && RID="$rid" bash scripts/publish-aot.sh \
    && install -D -m 0555 "$bin" /out/imagegate

# ---------------------------------------------------------------------------------------------------------------
# `--target binary --output type=local,dest=DIR`: the bare binary, for people who want the CLI on a host.
FROM scratch AS binary
COPY --from=build /out/imagegate /imagegate

# ---------------------------------------------------------------------------------------------------------------
# The runtime image. runtime-deps chiseled is Ubuntu noble reduced to what a self-contained .NET app loads:
# glibc, libgcc, libstdc++, zlib, OpenSSL 3 (System.Security.Cryptography loads libssl at run time) and
# ca-certificates (TLS to the registry). No shell, no package manager.
FROM ${RUNTIME_IMAGE} AS runtime
ARG RUNTIME_IMAGE
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG SOURCE_URL=
ARG CREATED=
LABEL org.opencontainers.image.title="imagegate" \
      org.opencontainers.image.description="Offline Sigstore verification of a container image's signature, SBOM and SLSA provenance; Kubernetes init-container gate." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.base.name="${RUNTIME_IMAGE}"
# Owned by root and not writable by the runtime user: even without a read-only root filesystem the process
# cannot replace its own binary. Nothing else is written at run time (the marker and SBOM go to mounted
# volumes), so the image runs unchanged with readOnlyRootFilesystem: true.
COPY --from=build --chown=0:0 --chmod=0555 /out/imagegate /imagegate
# Numeric, so Kubernetes runAsNonRoot can check it without reading /etc/passwd (the distroless "nonroot" id).
USER 65532:65532
ENTRYPOINT ["/imagegate"]
# With no arguments imagegate exits 2 ("Required command was not provided"); print the usage instead.
CMD ["--help"]
