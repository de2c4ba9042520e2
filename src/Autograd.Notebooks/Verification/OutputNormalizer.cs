using System.Text.RegularExpressions;

namespace Autograd.Notebooks.Verification;

/// <summary>
/// Rewrites what legitimately changes from run to run before outputs are compared, as nbval's sanitizers do:
/// <list type="bullet">
/// <item>line endings (<c>\r\n</c> becomes <c>\n</c>);</item>
/// <item>GUIDs and runs of 16 or more hex digits (Plotly's div ids and render functions): <c>&lt;id&gt;</c>;</item>
/// <item>durations (<c>12.3 ms</c>, <c>1.5 s</c>, <c>00:00:01.25</c>): <c>&lt;time&gt;</c>;</item>
/// <item>absolute paths of the repository, the home folder and the temporary folder: <c>&lt;repo&gt;</c>,
/// <c>&lt;home&gt;</c>, <c>&lt;temp&gt;</c>, with the rest of the path written with forward slashes.</item>
/// </list>
/// Anything else that varies belongs in a cell marked <c>// notebook: no-verify</c>.
/// </summary>
internal sealed partial class OutputNormalizer
{
    private readonly (string Path, string Placeholder)[] paths;

    /// <summary>A normalizer that also replaces the given repository root.</summary>
    public OutputNormalizer(string repoRoot)
    {
        var candidates = new[]
        {
            (repoRoot, "<repo>"),
            (Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "<home>"),
            (Path.GetTempPath(), "<temp>"),
        };

        // Longest first, so the repository inside the home folder becomes <repo>, not <home>/….
        paths = candidates
            .Where(candidate => candidate.Item1.Length > 1)
            .Select(candidate => (Path.TrimEndingDirectorySeparator(candidate.Item1), candidate.Item2))
            .OrderByDescending(candidate => candidate.Item1.Length)
            .ToArray();
    }

    /// <summary>The text with everything that varies between runs replaced by placeholders.</summary>
    public string Normalize(string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var (path, placeholder) in paths)
        {
            text = text.Replace(path, placeholder, comparison);
            // JSON and JavaScript strings in HTML outputs escape the backslashes of Windows paths.
            text = text.Replace(path.Replace("\\", "\\\\", StringComparison.Ordinal), placeholder, comparison);
        }

        text = PathTail().Replace(text, match => match.Value
            .Replace("\\\\", "/", StringComparison.Ordinal)
            .Replace('\\', '/'));
        text = Guid().Replace(text, "<id>");
        text = LongHex().Replace(text, "<id>");
        text = ClockTime().Replace(text, "<time>");
        text = Duration().Replace(text, "<time>");
        return text;
    }

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex Guid();

    // At least one letter: a long run of digits alone is a number (0.30000000000000004), which must be compared.
    [GeneratedRegex(@"(?<![0-9a-zA-Z])(?=[0-9]*[a-fA-F])[0-9a-fA-F]{16,}(?![0-9a-zA-Z])")]
    private static partial Regex LongHex();

    [GeneratedRegex(@"\b\d{1,2}:\d{2}:\d{2}(\.\d+)?\b")]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"(?<![\w.])\d+(\.\d+)?(e[+-]?\d+)?\s?(ns|µs|μs|us|ms|s|sec|secs|seconds?|min|mins|minutes?)(?![\w/])")]
    private static partial Regex Duration();

    // The rest of a path after a placeholder, up to whitespace or a quote or bracket.
    [GeneratedRegex(@"<(repo|home|temp)>[\\/][^\s""'<>()\[\]]*")]
    private static partial Regex PathTail();
}
