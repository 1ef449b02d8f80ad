using System.Buffers.Binary;
using System.Diagnostics;
using ImageGate.Cli.Tests.Support;

namespace ImageGate.Cli.Tests.Platform;

/// <summary>
/// The linux-arm64 Native AOT binary, cross-compiled by <c>RID=linux-arm64 scripts/publish-aot.sh</c> and run
/// under Debian's qemu-user (qemu-aarch64-static, called directly: binfmt_misc is often not registered in a
/// container). The arm64 glibc and OpenSSL come from Debian's multiarch packages (scripts/install-test-deps.sh),
/// whose /lib/ld-linux-aarch64.so.1 is the interpreter the binary names, so qemu needs no -L prefix.
/// The same pmg-shaped scenarios as the x64 build: the release verifies, a broken one is refused with its reason.
/// </summary>
[Collection(nameof(AotPublishCollection))]
public sealed class Arm64QemuTests(Arm64QemuTests.Arm64Binary binary) : IClassFixture<Arm64QemuTests.Arm64Binary>
{
    private const ushort ElfMachineAarch64 = 183;

    private static readonly LayoutSource Layout = new();

    [Fact]
    public void The_published_binary_is_a_64_bit_little_endian_aarch64_elf()
    {
        // The ELF identification and e_machine, read directly: a fallback to the host's compiler would still
        // produce an "imagegate" at the path, only an x86-64 one.
        Span<byte> header = stackalloc byte[20];
        using (var file = File.OpenRead(binary.Path))
        {
            file.ReadExactly(header);
        }
        Assert.True(header[..4].SequenceEqual("\u007fELF"u8), "not an ELF file");
        Assert.Equal(2, header[4]); // ELFCLASS64
        Assert.Equal(1, header[5]); // ELFDATA2LSB
        Assert.Equal(ElfMachineAarch64, BinaryPrimitives.ReadUInt16LittleEndian(header[18..]));
    }

    [Fact]
    public Task Under_qemu_the_release_verifies_writes_the_marker_and_opens_the_gate() =>
        Scenarios.HappyReleaseAsync(Layout, "arm64-happy", binary.RunAsync);

    [Theory]
    // One requirement absent (policy) and one stored layer tampered (storage): the verdict path and the read
    // path, each ending in its own reason; the full catalogue runs on the x64 build.
    [InlineData("signature-missing")]
    [InlineData("sbom-bundle-layer-tampered")]
    public async Task Under_qemu_a_broken_release_is_refused_with_its_reason_on_the_last_line(string name)
    {
        var stderr = await Scenarios.BrokenReleaseAsync(Layout, name, binary.RunAsync);
        var last = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.StartsWith($"error: {BrokenCases.Get(name).Reason}: ", last, StringComparison.Ordinal);
    }

    /// <summary>
    /// One publish for the class (a cold cross-compile takes minutes; an up-to-date one, where dotnet publish finds
    /// nothing to redo, seconds). Always through the script, never a binary left from an earlier checkout.
    /// </summary>
    public sealed class Arm64Binary : IAsyncLifetime
    {
        private const string Qemu = "qemu-aarch64-static";

        public string Path { get; } = System.IO.Path.Combine(RepositoryRoot.Path, "artifacts", "publish", "linux-arm64", "imagegate");

        /// <summary>How long the publish took: the report's figure, printed in the test output.</summary>
        public TimeSpan PublishTime { get; private set; }

        public async ValueTask InitializeAsync()
        {
            var clock = Stopwatch.StartNew();
            var (exit, stdout, stderr) = await Bash.RunAsync([System.IO.Path.Combine(RepositoryRoot.Path, "scripts", "publish-aot.sh")],
                TimeSpan.FromMinutes(15), new Dictionary<string, string> { ["RID"] = "linux-arm64" });
            PublishTime = clock.Elapsed;
            Assert.True(exit == 0, $"RID=linux-arm64 scripts/publish-aot.sh exited {exit}\n{stdout}\n{stderr}");
            Assert.True(File.Exists(Path), "no binary at " + Path);
            TestContext.Current.SendDiagnosticMessage($"arm64 publish {PublishTime.TotalSeconds:F0} s, {new FileInfo(Path).Length / 1024} KiB");
        }

        /// <summary><c>qemu-aarch64-static imagegate ARGS</c>; exec'd by bash so the exit code is the binary's own.</summary>
        public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] args)
        {
            var clock = Stopwatch.StartNew();
            var result = await Bash.RunAsync(["-c", "exec " + Qemu + " \"$@\"", Qemu, Path, .. args], TimeSpan.FromMinutes(3));
            TestContext.Current.SendDiagnosticMessage($"qemu {args[0]}: exit {result.ExitCode} in {clock.Elapsed.TotalSeconds:F1} s");
            return result;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
