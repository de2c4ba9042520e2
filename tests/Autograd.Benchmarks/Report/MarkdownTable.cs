namespace Autograd.Benchmarks.Report;

/// <summary>The performance table as GitHub markdown.</summary>
internal static class MarkdownTable
{
    private static readonly string[] Header = ["what", "measured (median)", "target", "libtorch (same runs)", "speed-up", "met?"];

    public static string Format(IEnumerable<TargetRow> rows)
    {
        var lines = new List<string>
        {
            Line(Header),
            "|---|---|---|---|---|---|",
        };
        lines.AddRange(rows.Select(row => Line([row.What, row.Measured, row.Target, row.Libtorch, row.Ratio, row.Verdict])));
        return string.Join('\n', lines);
    }

    private static string Line(IEnumerable<string> cells) => $"| {string.Join(" | ", cells.Select(Escape))} |";

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
