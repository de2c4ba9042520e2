using System.Text;
using System.Text.RegularExpressions;
using Autograd.Interactive;
using Autograd.Notebooks.Documents;

namespace Autograd.Notebooks.Apps;

/// <summary>
/// What a notebook's app must print, read from the notebook's committed outputs, and the pictures it must write.
/// </summary>
/// <remarks>
/// The app prints, in the order of the outputs:
/// <list type="bullet">
/// <item>standard output as it is (standard error is not compared);</item>
/// <item>for a picture (an <c>image/svg+xml</c> output), its <c>text/plain</c> form, then <c>(picture: NN.svg)</c>,
/// and the file holds the same SVG;</item>
/// <item>for a chart (HTML holding a static drawing), <c>(picture: NN.svg)</c>, and the file holds that drawing;</item>
/// <item>for other HTML (a scalar, a tensor, a model, a number), the HTML's text (<see cref="HtmlText"/>);</item>
/// <item>for plain text, the text.</item>
/// </list>
/// Each ends with a line break. A cell marked <c>// notebook: no-verify</c> may print anything, and its pictures are not
/// compared, but they are counted, so later pictures keep their numbers.
/// </remarks>
internal sealed class AppTranscript
{
    private AppTranscript(IReadOnlyList<(int Cell, string? Text)> parts, IReadOnlyList<(string File, int Cell, string? Svg)> pictures)
    {
        Parts = parts;
        Pictures = pictures;
    }

    /// <summary>What each code cell prints, in order; null for a cell whose output is not compared.</summary>
    public IReadOnlyList<(int Cell, string? Text)> Parts { get; }

    /// <summary>The pictures, in order: file name, cell, and the SVG it must hold (null when not compared).</summary>
    public IReadOnlyList<(string File, int Cell, string? Svg)> Pictures { get; }

    /// <summary>The transcript of <paramref name="notebook"/>'s committed outputs.</summary>
    public static AppTranscript Of(NotebookDocument notebook)
    {
        var parts = new List<(int Cell, string? Text)>();
        var pictures = new List<(string File, int Cell, string? Svg)>();
        foreach (var cell in notebook.Cells.Where(cell => cell.IsCode))
        {
            var text = new StringBuilder();
            foreach (var output in cell.Outputs)
            {
                switch (output)
                {
                    case StreamOutput { Name: "stdout" } stream:
                        text.Append(stream.Text);
                        break;
                    case DisplayOutput display:
                        var (shown, svg) = Shown(display.Data);
                        if (shown is not null)
                        {
                            text.Append(shown).Append('\n');
                        }

                        if (svg is not null)
                        {
                            var file = $"{pictures.Count + 1:00}.svg";
                            pictures.Add((file, cell.Number, cell.SkipsVerification ? null : svg));
                            text.Append("(picture: ").Append(file).Append(")\n");
                        }

                        break;
                }
            }

            parts.Add((cell.Number, cell.SkipsVerification ? null : text.ToString()));
        }

        return new AppTranscript(parts, pictures);
    }

    /// <summary>
    /// Whether <paramref name="printed"/> (the app's standard output after its first line, which names the pictures
    /// folder) is this transcript, once both are normalised by <paramref name="normalize"/>.
    /// </summary>
    public bool Matches(string printed, Func<string, string> normalize)
    {
        var pattern = new StringBuilder("^");
        foreach (var (_, text) in Parts)
        {
            pattern.Append(text is null ? "(?s:.*?)" : Regex.Escape(normalize(text)));
        }

        return Regex.IsMatch(normalize(printed), pattern.Append("\\z").ToString(), RegexOptions.None, TimeSpan.FromSeconds(10));
    }

    /// <summary>The whole transcript as one text, a cell not compared shown as a line that says so.</summary>
    public string ToText() =>
        string.Concat(Parts.Select(part => part.Text ?? $"<any output: cell {part.Cell} is not verified>\n"));

    private static (string? Text, string? Svg) Shown(IReadOnlyDictionary<string, string> data)
    {
        data.TryGetValue("text/plain", out var plain);
        if (data.TryGetValue("image/svg+xml", out var svg))
        {
            return (plain, svg);
        }

        if (data.TryGetValue("text/html", out var html))
        {
            return HtmlText.ChartDrawing(html) is { } drawing ? (null, drawing) : (HtmlText.Of(html), null);
        }

        return (plain, null);
    }
}
