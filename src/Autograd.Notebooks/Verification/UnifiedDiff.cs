using DiffPlex;
using DiffPlex.Renderer;

namespace Autograd.Notebooks.Verification;

/// <summary>A unified diff of two texts, line by line, with three lines of context.</summary>
internal static class UnifiedDiff
{
    public static string Create(string before, string after, string beforeName, string afterName) =>
        new UnidiffRenderer(Differ.Instance, contextLines: 3)
            .Generate(before, after, beforeName, afterName, ignoreWhitespace: false, ignoreCase: false);
}
