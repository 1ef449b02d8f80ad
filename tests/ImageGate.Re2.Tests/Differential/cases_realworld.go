package main

// Patterns people give cosign (--certificate-identity-regexp, --certificate-oidc-issuer-regexp) and CUE policies.
func realWorldCases() []testCase {
	const release = "https://github.com/natrontech/pmg-exporter/.github/workflows/release.yml@refs/tags/"
	const generator = "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/"
	return []testCase{
		c("^https://github.com/natrontech/pmg-exporter/.github/workflows/release.yml@refs/tags/v[0-9]+.[0-9]+.[0-9]+(-rc.[0-9]+)?$",
			release+"v0.2.2", release+"v0.2.2-rc.1", release+"v0.2", release+"v0.2.2\n", "https://github.com/natrontech/pmg-exporter/.github/workflows/release.yml@refs/heads/main",
			"https://github.com/natrontech/pmg-exporter-evil/.github/workflows/release.yml@refs/tags/v0.2.2", release+"v0x2x2"),
		c("^"+generator+"v[0-9]+.[0-9]+.[0-9]+$", generator+"v1.10.0", generator+"v1.10.0-rc.0", generator+"v2"),
		c(`^git\+https://github.com/natrontech/pmg-exporter@refs/tags/v[0-9]+.[0-9]+.[0-9]+(-rc.[0-9]+)?$`,
			"git+https://github.com/natrontech/pmg-exporter@refs/tags/v0.2.2", "git https://github.com/natrontech/pmg-exporter@refs/tags/v0.2.2"),
		c("natrontech", "https://github.com/natrontech/x", "https://github.com/other/x"),
		c("^https://token.actions.githubusercontent.com$", "https://token.actions.githubusercontent.com", "https://token.actions.githubusercontent.com/", "https://token_actions.githubusercontent.com"),
		c(`^https://token\.actions\.githubusercontent\.com$`, "https://token.actions.githubusercontent.com", "https://tokenXactions.githubusercontent.com"),
		c(".*", "", "anything"),
		c("^.*@example\\.com$", "alice@example.com", "alice@example.com.evil", "alice@exampleXcom"),
		c("^https://github.com/[^/]+/[^/]+/.github/workflows/[^@]+@refs/(heads|tags)/.+$",
			"https://github.com/a/b/.github/workflows/c.yml@refs/tags/v1", "https://github.com/a/b/c/.github/workflows/c.yml@refs/tags/v1", "https://github.com/a/b/.github/workflows/c.yml@refs/pull/1"),
		c("^sha256:[a-f0-9]{64}$", "sha256:"+hex64, "sha256:"+hex64[:63], "sha256:"+hex64+"0", "SHA256:"+hex64),
		c("^v(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$", "v0.2.2", "v01.2.3", "v1.2"),
		c("^(CycloneDX|SPDX)$", "CycloneDX", "cyclonedx", "SPDX-2.3"),
		c("^https://cyclonedx.org/bom(/v1.[4-6])?$", "https://cyclonedx.org/bom", "https://cyclonedx.org/bom/v1.5", "https://cyclonedx.org/bom/v1.7"),
	}
}

const hex64 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
