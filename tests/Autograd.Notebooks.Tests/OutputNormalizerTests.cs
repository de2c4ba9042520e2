using Autograd.Notebooks.Verification;

namespace Autograd.Notebooks.Tests;

/// <summary>What verification ignores, and what it must not.</summary>
public sealed class OutputNormalizerTests
{
    private static readonly OutputNormalizer Normalizer = new("/home/someone/src/autograd");

    [Theory]
    [InlineData("<div id=\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"></div>", "<div id=\"<id>\"></div>")]
    [InlineData("var renderPlotly_3f2504e04f8911d39a0c0305e82c3301 = function", "var renderPlotly_<id> = function")]
    [InlineData("took 12.3 ms, then 1.5 s and 2 seconds", "took <time>, then <time> and <time>")]
    [InlineData("elapsed 00:00:01.2500000", "elapsed <time>")]
    [InlineData("line one\r\nline two", "line one\nline two")]
    [InlineData("/home/someone/src/autograd/notebooks/data/x.csv", "<repo>/notebooks/data/x.csv")]
    [InlineData("C:\\Users\\me\\autograd\\notebooks", "C:\\Users\\me\\autograd\\notebooks")]
    public void Replaces_what_varies_between_runs(string text, string expected) =>
        Assert.Equal(expected, Normalizer.Normalize(text));

    [Theory]
    [InlineData("0.30000000000000004")]
    [InlineData("gradient -4, 12 samples, 3 steps/s")]
    [InlineData("<pre>1234567890123456789</pre>")]
    public void Keeps_numbers_that_must_be_compared(string text) =>
        Assert.Equal(text, Normalizer.Normalize(text));

    [Fact]
    public void Writes_paths_under_a_windows_repository_with_forward_slashes()
    {
        var normalizer = new OutputNormalizer(@"C:\work\autograd");

        Assert.Equal(
            "loaded <repo>/src/Autograd/bin/Debug/net10.0/Autograd.dll",
            normalizer.Normalize(@"loaded C:\work\autograd\src\Autograd\bin\Debug\net10.0\Autograd.dll"));
        Assert.Equal("\"<repo>/notebooks\"", normalizer.Normalize(@"""C:\\work\\autograd\\notebooks"""));
    }
}
