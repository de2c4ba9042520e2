using System.Globalization;
using System.Text;

namespace Autograd;

/// <summary>
/// Writes a laid-out <see cref="PictureGraph"/> as a standalone SVG document. Styles are attributes on each element,
/// with no stylesheet, fonts or ids, so the picture looks the same inline in a notebook, on GitHub and offline, and
/// several pictures on one page cannot interfere.
/// </summary>
internal static class SvgWriter
{
    private const string Font = "Menlo, Consolas, 'DejaVu Sans Mono', monospace";
    private const string Ink = "#222222";
    private const string EdgeColour = "#555555";
    private const string BoxFill = "#eef4fb";
    private const string BoxStroke = "#4a6fa5";
    private const string OpFill = "#fff4dc";
    private const string OpStroke = "#c08a1e";

    // Frozen nodes, and the arrows out of them, are grey and dashed: no gradient flows that way.
    private const string FrozenFill = "#f4f4f4";
    private const string FrozenStroke = "#9a9a9a";
    private const string FrozenInk = "#777777";
    private const string Dashes = "5 3";

    private const double ArrowLength = 7;
    private const double LegendHeight = 22;

    internal static string Write(PictureGraph graph)
    {
        var edges = GraphLayout.Arrange(graph, out double width, out double height);
        bool anyFrozen = graph.Nodes.Any(node => !node.RequiresGrad);
        if (anyFrozen)
        {
            height += LegendHeight;
        }

        var svg = new StringBuilder();
        // The viewBox and max-width let a wide graph shrink to fit a narrow column rather than overflow it.
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(width)}\" height=\"{N(height)}\" ")
            .Append($"viewBox=\"0 0 {N(width)} {N(height)}\" style=\"max-width: 100%; height: auto\" ")
            .Append($"font-family=\"{Font}\" font-size=\"{N(GraphLayout.FontSize)}\">\n");
        svg.Append($"<title>{Title(graph)}</title>\n");
        svg.Append($"<rect width=\"{N(width)}\" height=\"{N(height)}\" fill=\"#ffffff\"/>\n");

        // Arrows first, so boxes and operation nodes are drawn over their ends.
        foreach (var edge in edges)
        {
            WriteEdge(svg, edge);
        }

        foreach (var node in graph.Nodes)
        {
            if (node.Op is not null)
            {
                WriteOp(svg, node);
            }

            WriteBox(svg, node, isResult: node == graph.Root);
        }

        if (anyFrozen)
        {
            WriteLegend(svg, height - LegendHeight);
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Title(PictureGraph graph)
    {
        int operations = graph.Nodes.Count(node => node.Op is not null);
        return Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"Computation graph of {graph.Root.Name}: {Count(graph.Nodes.Count, "value")}, {Count(operations, "operation")}"));
    }

    /// <summary>
    /// A curve from the input's box to the operation node, leaving and arriving horizontally; the uses of one value by
    /// one operation (b = a + a) bow apart by their <see cref="PictureEdge.Bend"/>, so they read as separate arrows.
    /// </summary>
    private static void WriteEdge(StringBuilder svg, PictureEdge edge)
    {
        double x1 = edge.From.Right;
        double y1 = edge.StartY;
        double x2 = edge.EndX - ArrowLength;
        double y2 = edge.EndY;
        double middle = (x1 + x2) / 2;
        if (edge.Bend != 0)
        {
            double third = (x2 - x1) / 3;
            svg.Append($"<path class=\"edge\" d=\"M{N(x1)},{N(y1)} C{N(x1 + third)},{N(y1 + edge.Bend)} {N(x2 - third)},{N(y2 + edge.Bend)} {N(x2)},{N(y2)}\" ");
        }
        else
        {
            svg.Append($"<path class=\"edge\" d=\"M{N(x1)},{N(y1)} C{N(middle)},{N(y1)} {N(middle)},{N(y2)} {N(x2)},{N(y2)}\" ");
        }

        string colour = edge.From.RequiresGrad ? EdgeColour : FrozenStroke;
        string dashes = edge.From.RequiresGrad ? "" : $" stroke-dasharray=\"{Dashes}\"";
        svg.Append($"fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.2\"{dashes}/>\n");
        WriteArrowHead(svg, edge.EndX, y2, colour);
    }

    /// <summary>The operation node, and the short arrow from it to its result's box.</summary>
    private static void WriteOp(StringBuilder svg, PictureNode node)
    {
        var (fill, stroke, ink, dashes) = Colours(node, OpFill, OpStroke);
        double right = node.OpX + node.OpRadius;
        svg.Append($"<g class=\"op\">\n")
            .Append($"<ellipse cx=\"{N(node.OpX)}\" cy=\"{N(node.Y)}\" rx=\"{N(node.OpRadius)}\" ry=\"{N(GraphLayout.OpRadiusY)}\" ")
            .Append($"fill=\"{fill}\" stroke=\"{stroke}\"{dashes}/>\n")
            .Append($"<text x=\"{N(node.OpX)}\" y=\"{N(node.Y + 4)}\" text-anchor=\"middle\" fill=\"{ink}\">{Escape(node.Op!)}</text>\n")
            .Append($"<path d=\"M{N(right)},{N(node.Y)} H{N(node.Left - ArrowLength)}\" stroke=\"{stroke}\" stroke-width=\"1.2\"{dashes}/>\n");
        WriteArrowHead(svg, node.Left, node.Y, stroke);
        svg.Append("</g>\n");
    }

    /// <summary>
    /// A rounded box: the label in bold and a rule, if the node has a label, then the node's lines (value and gradient
    /// for a scalar).
    /// </summary>
    private static void WriteBox(StringBuilder svg, PictureNode node, bool isResult)
    {
        var (fill, stroke, ink, dashes) = Colours(node, BoxFill, BoxStroke);
        string strokeWidth = isResult ? "2" : "1";
        svg.Append($"<g class=\"value\">\n")
            .Append($"<rect x=\"{N(node.Left)}\" y=\"{N(node.Top)}\" width=\"{N(node.Width)}\" height=\"{N(node.Height)}\" rx=\"5\" ")
            .Append($"fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{strokeWidth}\"{dashes}/>\n");

        // A text line's baseline sits 4 pixels above the bottom of its 16-pixel row.
        double baseline = node.Top + GraphLayout.BoxPaddingY - 4;
        if (node.Label is not null)
        {
            baseline += GraphLayout.LineHeight;
            svg.Append($"<text x=\"{N(node.X)}\" y=\"{N(baseline)}\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"{ink}\">")
                .Append($"{Escape(node.Label)}</text>\n");
        }

        if (node.Label is not null && node.Lines.Count > 0)
        {
            double rule = node.Top + GraphLayout.BoxPaddingY + GraphLayout.LineHeight + (GraphLayout.RuleSpace / 2);
            svg.Append($"<path d=\"M{N(node.Left)},{N(rule)} H{N(node.Right)}\" stroke=\"{stroke}\" stroke-width=\"0.6\"/>\n");
            baseline += GraphLayout.RuleSpace;
        }

        foreach (var line in node.Lines)
        {
            baseline += GraphLayout.LineHeight;

            // Lines keep their spaces, so the columns of a matrix's values stay aligned.
            svg.Append($"<text x=\"{N(node.Left + GraphLayout.BoxPaddingX)}\" y=\"{N(baseline)}\" xml:space=\"preserve\" fill=\"{ink}\">")
                .Append($"{Escape(line)}</text>\n");
        }

        svg.Append("</g>\n");
    }

    private static void WriteArrowHead(StringBuilder svg, double tipX, double tipY, string colour)
    {
        double back = tipX - ArrowLength;
        svg.Append($"<path d=\"M{N(tipX)},{N(tipY)} L{N(back)},{N(tipY - 3.5)} L{N(back)},{N(tipY + 3.5)} Z\" fill=\"{colour}\"/>\n");
    }

    private static void WriteLegend(StringBuilder svg, double top)
    {
        double x = GraphLayout.Margin;
        svg.Append($"<g class=\"legend\">\n")
            .Append($"<rect x=\"{N(x)}\" y=\"{N(top + 3)}\" width=\"22\" height=\"12\" rx=\"3\" ")
            .Append($"fill=\"{FrozenFill}\" stroke=\"{FrozenStroke}\" stroke-dasharray=\"{Dashes}\"/>\n")
            .Append($"<text x=\"{N(x + 30)}\" y=\"{N(top + 13)}\" fill=\"{FrozenInk}\">")
            .Append("RequiresGrad = false: no gradient flows into it</text>\n")
            .Append("</g>\n");
    }

    private static (string Fill, string Stroke, string Ink, string Dashes) Colours(PictureNode node, string fill, string stroke) =>
        node.RequiresGrad
            ? (fill, stroke, Ink, "")
            : (FrozenFill, FrozenStroke, FrozenInk, $" stroke-dasharray=\"{Dashes}\"");

    /// <summary>A coordinate, rounded to 0.1 pixel, written the same way in every culture.</summary>
    private static string N(double x) => (Math.Round(x, 1) + 0.0).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>
    /// Text made safe inside an XML element or attribute. Characters XML cannot hold at all (most control
    /// characters, half a surrogate pair) become U+FFFD, so any label still gives a well-formed document.
    /// </summary>
    internal static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);

        // EnumerateRunes already turns half a surrogate pair into U+FFFD.
        foreach (var rune in text.EnumerateRunes())
        {
            escaped.Append(rune.Value switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&apos;",
                '\t' or '\n' or '\r' => " ",
                < 0x20 or 0xFFFE or 0xFFFF => "\uFFFD",
                _ => rune.ToString(),
            });
        }

        return escaped.ToString();
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
