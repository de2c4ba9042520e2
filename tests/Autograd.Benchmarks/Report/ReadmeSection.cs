namespace Autograd.Benchmarks.Report;

/// <summary>The generated part of README.md: everything between two marker comments, replaced as a whole.</summary>
internal static class ReadmeSection
{
    public const string Begin = "<!-- performance-table:begin -->";
    public const string End = "<!-- performance-table:end -->";

    /// <summary>
    /// <paramref name="readme"/> with the text between the markers replaced by <paramref name="content"/>; the markers
    /// and everything outside them stay as they were.
    /// </summary>
    /// <exception cref="FormatException">The markers are missing, repeated, or out of order.</exception>
    public static string Replace(string readme, string content)
    {
        int begin = IndexOfOnly(readme, Begin);
        int end = IndexOfOnly(readme, End);
        if (end < begin)
        {
            throw new FormatException($"'{End}' comes before '{Begin}'.");
        }

        string newline = readme.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        string body = content.ReplaceLineEndings(newline).Trim();
        int start = begin + Begin.Length;
        return readme[..start] + newline + body + newline + readme[end..];
    }

    private static int IndexOfOnly(string readme, string marker)
    {
        int index = readme.IndexOf(marker, StringComparison.Ordinal);
        if (index < 0)
        {
            throw new FormatException($"The marker '{marker}' is missing.");
        }

        if (readme.IndexOf(marker, index + marker.Length, StringComparison.Ordinal) >= 0)
        {
            throw new FormatException($"The marker '{marker}' appears more than once.");
        }

        return index;
    }
}
