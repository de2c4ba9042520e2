using System.Text;

namespace Autograd.Tests;

/// <summary>
/// The library's promise that every value and gradient is bit-identical whatever vector width the runtime
/// accelerates and whatever the thread count: the battery (tests/Autograd.Determinism) prints a hash of every value
/// and gradient of each check, and every configuration of the runtime must print exactly what the default prints.
/// </summary>
public class DeterminismBatteryTests(DeterminismBattery battery) : IClassFixture<DeterminismBattery>
{
    /// <summary>What the battery prints instead of a hash when repetitions of a check in one process disagree.</summary>
    private const string Unrepeatable = "unrepeatable";

    public static TheoryData<string> Configurations =>
        new(DeterminismBattery.Configurations.Select(c => c.Name).Where(name => name != DeterminismBattery.Default));

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task Every_configuration_prints_the_default_results(string configuration)
    {
        var expected = await Completed(DeterminismBattery.Default);
        var actual = await Completed(configuration);

        var setting = actual.Configuration;
        Assert.True(
            setting.Expect is null || actual.Description.Contains(setting.Expect, StringComparison.Ordinal),
            $"{setting.Name} did not take effect: the battery describes its runtime as '{actual.Description}', without '{setting.Expect}'.");

        for (int i = 0; i < Math.Min(expected.Checks.Count, actual.Checks.Count); i++)
        {
            Assert.True(
                expected.Checks[i].Name == actual.Checks[i].Name,
                $"{setting.Name}: check {i + 1} is {actual.Checks[i].Name}, but in the default run it is {expected.Checks[i].Name}.");
        }

        Assert.True(
            expected.Checks.Count == actual.Checks.Count,
            $"{setting.Name}: {actual.Checks.Count} checks, but the default run has {expected.Checks.Count}.");

        // A check that did not repeat within the default run has no single result to compare with; the test below
        // reports it.
        var differing = Enumerable.Range(0, expected.Checks.Count)
            .Where(i => expected.Checks[i].Result != Unrepeatable && expected.Checks[i].Result != actual.Checks[i].Result)
            .ToList();
        if (differing.Count > 0)
        {
            var (name, result) = expected.Checks[differing[0]];
            var message = new StringBuilder()
                .AppendLine($"Under {setting.Name}, {differing.Count} of {expected.Checks.Count} checks differ from the default run.")
                .AppendLine($"First: {name}: default {result}, {setting.Name} {actual.Checks[differing[0]].Result}.")
                .AppendLine($"Default:        {expected.Description}")
                .AppendLine($"{setting.Name}: {actual.Description}")
                .AppendLine("All that differ:")
                .AppendJoin('\n', differing.Select(i => "  " + expected.Checks[i].Name));
            Assert.Fail(message.ToString());
        }
    }

    /// <summary>
    /// The configurations above are all this machine; the committed results were made on another, so a machine whose
    /// results drift (another CPU, another OS) fails here even where every configuration agrees with its own default.
    /// </summary>
    [Fact]
    public async Task The_default_run_prints_the_committed_results()
    {
        var run = await Completed(DeterminismBattery.Default);
        string goldenPath = Path.Combine(AppContext.BaseDirectory, "Golden", "determinism-battery.txt");
        var golden = File.ReadAllLines(goldenPath);
        var expected = golden.Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
        var actual = run.Checks.Select(c => $"{c.Name} {c.Result}").ToList();
        if (actual.SequenceEqual(expected, StringComparer.Ordinal))
        {
            return;
        }

        string written = Path.Combine(Path.GetTempPath(), "determinism-battery.txt");
        File.WriteAllLines(written, golden.TakeWhile(line => line.StartsWith('#')).Concat(actual));
        int first = Enumerable.Range(0, Math.Min(actual.Count, expected.Count)).FirstOrDefault(i => actual[i] != expected[i], -1);
        string where = first >= 0
            ? $"first difference at check {first + 1}: committed '{expected[first]}', this machine '{actual[first]}'"
            : $"{actual.Count} checks here, {expected.Count} committed";
        Assert.Fail(
            $"This machine's results differ from the committed ones ({where}; {run.Description}). If the change of " +
            $"results is deliberate, copy {written} to tests/Autograd.Tests/Golden/determinism-battery.txt.");
    }

    [Fact]
    public async Task Each_scalar_function_gives_the_bits_of_its_tensor_counterpart()
    {
        var run = await Completed(DeterminismBattery.Default);
        var results = run.Checks.ToDictionary(c => c.Name, c => c.Result, StringComparer.Ordinal);
        var pairs = run.Checks
            .Where(c => c.Name.StartsWith("scalar.", StringComparison.Ordinal))
            .Select(c => (Name: c.Name["scalar.".Length..], Scalar: c.Result))
            .Where(p => results.ContainsKey("tensor." + p.Name))
            .Select(p => (p.Name, p.Scalar, Tensor: results["tensor." + p.Name]))
            .ToList();

        Assert.True(pairs.Count >= 20, $"only {pairs.Count} scalar/tensor pairs in the battery");
        var differing = pairs.Where(p => p.Scalar != p.Tensor).ToList();
        Assert.True(
            differing.Count == 0,
            $"{differing.Count} of {pairs.Count} scalar functions differ from their tensor counterparts on the same inputs:\n" +
            string.Join('\n', differing.Select(p => $"  {p.Name}: scalar {p.Scalar}, tensor {p.Tensor}")));
    }

    [Fact]
    public async Task Each_check_repeats_exactly_within_one_process()
    {
        // The battery repeats most checks eight times, shifting where their arrays start relative to a 64-byte boundary.
        var run = await Completed(DeterminismBattery.Default);
        var unrepeatable = run.Checks.Where(c => c.Result == Unrepeatable).Select(c => c.Name).ToList();
        Assert.True(
            unrepeatable.Count == 0,
            $"{unrepeatable.Count} checks gave different bits when repeated in the same process, where only the " +
            "placement of their arrays in memory (and, with tiered compilation, the JIT tier running the code) changed:\n" +
            string.Join('\n', unrepeatable.Select(name => "  " + name)));
    }

    private async Task<BatteryRun> Completed(string configuration)
    {
        var run = await battery.Run(configuration);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{configuration}: {run.Elapsed.TotalSeconds:F1} s, {run.Checks.Count} checks; {run.Description}");
        Assert.True(run.Problem is null, run.Problem);
        return run;
    }
}
