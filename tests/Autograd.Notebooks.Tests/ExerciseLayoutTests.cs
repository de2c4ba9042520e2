using System.Text.Json;

namespace Autograd.Notebooks.Tests;

/// <summary>
/// Every notebook of the series lets the learner predict, change and check: at least two exercises, each a markdown
/// cell that starts with <c>**Exercise</c>, then the code cell to change, then a check cell whose first line is
/// <c>// Check:</c> and which prints a verdict.
/// </summary>
public sealed class ExerciseLayoutTests
{
    [Theory(SkipTestWithoutData = true)]
    [MemberData(nameof(SeriesNotebookTests.Notebooks), MemberType = typeof(SeriesNotebookTests))]
    public void Has_at_least_two_exercises_each_with_a_check_cell_that_prints(string notebook)
    {
        var cells = Cells(Path.Combine(TestPaths.NotebooksFolder, notebook));
        var exercises = new List<string>();
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i].Kind != "markdown" || !cells[i].Source.StartsWith("**Exercise", StringComparison.Ordinal))
            {
                continue;
            }

            string title = cells[i].Source.Split('\n')[0];

            // The cells up to the next markdown cell: the one the learner changes, then the check.
            var code = cells.Skip(i + 1).TakeWhile(cell => cell.Kind == "code").ToList();
            Assert.True(code.Count >= 2, $"{notebook}: {title} is followed by {code.Count} code cells; it needs the cell to change and a check cell.");
            var check = code.FirstOrDefault(cell => cell.Source.StartsWith("// Check:", StringComparison.Ordinal));
            Assert.True(check is not null, $"{notebook}: {title} has no code cell starting with '// Check:'.");
            Assert.True(check.PrintsText, $"{notebook}: the check cell of {title} has no committed text output.");
            Assert.NotSame(code[0], check);
            exercises.Add(title);
        }

        Assert.True(exercises.Count >= 2, $"{notebook} has {exercises.Count} exercises; every notebook needs at least two.");
    }

    private static List<Cell> Cells(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cells").EnumerateArray().Select(cell => new Cell(
            cell.GetProperty("cell_type").GetString() ?? "",
            Text(cell.GetProperty("source")),
            cell.TryGetProperty("outputs", out var outputs) && outputs.EnumerateArray().Any(HasText))).ToList();
    }

    private static bool HasText(JsonElement output) =>
        output.TryGetProperty("text", out _) ||
        (output.TryGetProperty("data", out var data) && data.TryGetProperty("text/plain", out _));

    private static string Text(JsonElement source) => source.ValueKind == JsonValueKind.Array
        ? string.Concat(source.EnumerateArray().Select(line => line.GetString()))
        : source.GetString() ?? "";

    private sealed record Cell(string Kind, string Source, bool PrintsText);
}
