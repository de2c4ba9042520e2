using System.Text;

namespace Autograd.Interactive;

/// <summary>A short text note drawn as a small SVG, shown where a picture was expected.</summary>
internal static class NoteSvg
{
    private const int CharsPerLine = 90;
    private const int LineHeight = 18;

    internal static string Render(string note)
    {
        var lines = Wrap(note);
        int height = (LineHeight * lines.Count) + 16;
        var svg = new StringBuilder()
            .Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{(CharsPerLine * 7) + 24}\" height=\"{height}\">")
            .Append($"<rect x=\"0.5\" y=\"0.5\" width=\"{(CharsPerLine * 7) + 23}\" height=\"{height - 1}\" fill=\"#fff8e1\" stroke=\"#e0a800\"/>")
            .Append("<text font-family=\"sans-serif\" font-size=\"13\" fill=\"#333\">");
        for (int i = 0; i < lines.Count; i++)
        {
            svg.Append($"<tspan x=\"12\" y=\"{(LineHeight * (i + 1)) + 2}\">{SvgWriter.Escape(lines[i])}</tspan>");
        }

        return svg.Append("</text></svg>").ToString();
    }

    /// <summary>Breaks the note at spaces so no line is much longer than <see cref="CharsPerLine"/>.</summary>
    private static List<string> Wrap(string note)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in note.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > CharsPerLine)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(word);
        }

        lines.Add(line.ToString());
        return lines;
    }
}
