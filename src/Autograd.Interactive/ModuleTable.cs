using System.Text;
using Autograd.NN;

namespace Autograd.Interactive;

/// <summary>
/// How the notebook shows a <see cref="Module"/>: a table of its layers (index, layer, parameter shapes, parameter
/// count) and the total, as HTML and as aligned text. A <see cref="Sequential"/> inside another is opened up, its
/// layers numbered as PyTorch names them when saving (<c>1.0</c>, <c>1.1</c>); any other module is one row.
/// </summary>
internal static class ModuleTable
{
    private const string Font = "font-family:Menlo,Consolas,'DejaVu Sans Mono',monospace;font-size:12px";
    private const string Head = "padding:1px 8px;text-align:left;border:none;opacity:.7";
    private const string Cell = "padding:1px 8px;text-align:left;border:none;border-top:1px solid rgba(128,128,128,.3);white-space:nowrap";
    private const string Number = "padding:1px 8px;text-align:right;border:none;border-top:1px solid rgba(128,128,128,.3);white-space:nowrap";
    private static readonly string[] Headings = ["#", "Layer", "Parameter shapes", "Parameters"];

    internal static string Html(Module module)
    {
        var html = new StringBuilder()
            .Append($"<div class=\"autograd-module\" style=\"{Font}\">")
            .Append("<div style=\"margin:2px 0 6px\"><b>").Append(Markup.Escape(Title(module))).Append("</b></div>")
            .Append($"<table style=\"border-collapse:collapse;border:none;margin:0;{Font}\"><thead><tr>");
        foreach (var (heading, i) in Headings.Select((h, i) => (h, i)))
        {
            html.Append($"<th style=\"{Head}{(i is 0 or 3 ? ";text-align:right" : "")}\">").Append(heading).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in Rows(module))
        {
            html.Append($"<tr><td style=\"{Number};opacity:.55\">").Append(row.Index).Append("</td>")
                .Append($"<td style=\"{Cell}\">").Append(Markup.Escape(row.Layer)).Append("</td>")
                .Append($"<td style=\"{Cell}\">").Append(Markup.Escape(row.Shapes)).Append("</td>")
                .Append($"<td style=\"{Number}\">").Append(SvgMarkup.Count(row.Count)).Append("</td></tr>");
        }

        return html.Append($"<tr><td style=\"{Cell}\"></td><td style=\"{Cell}\"><b>total</b></td><td style=\"{Cell}\"></td>")
            .Append($"<td style=\"{Number}\"><b>").Append(SvgMarkup.Count(module.ParameterCount)).Append("</b></td></tr>")
            .Append("</tbody></table></div>")
            .ToString();
    }

    internal static string Text(Module module)
    {
        var rows = new List<string[]> { Headings };
        rows.AddRange(Rows(module).Select(r => new[] { r.Index, r.Layer, r.Shapes, SvgMarkup.Count(r.Count) }));
        rows.Add(["", "total", "", SvgMarkup.Count(module.ParameterCount)]);
        var widths = Enumerable.Range(0, 4).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder(Title(module));
        foreach (var row in rows)
        {
            text.Append('\n')
                .Append(row[0].PadLeft(widths[0])).Append("  ")
                .Append(row[1].PadRight(widths[1])).Append("  ")
                .Append(row[2].PadRight(widths[2])).Append("  ")
                .Append(row[3].PadLeft(widths[3]));
        }

        return text.ToString();
    }

    /// <summary><c>Sequential: 4 layers, 17 parameters</c>, or for a single module <c>Linear: 9 parameters</c>.</summary>
    private static string Title(Module module)
    {
        var parameters = $"{SvgMarkup.Count(module.ParameterCount)} parameter{(module.ParameterCount == 1 ? "" : "s")}";
        return module is Sequential sequential
            ? $"Sequential: {sequential.Count} layer{(sequential.Count == 1 ? "" : "s")}, {parameters}"
            : $"{module.GetType().Name}: {parameters}";
    }

    private static List<(string Index, string Layer, string Shapes, long Count)> Rows(Module module)
    {
        var rows = new List<(string, string, string, long)>();
        if (module is Sequential sequential)
        {
            AddLayers(rows, sequential, "");
        }
        else
        {
            rows.Add(Row("0", module));
        }

        return rows;
    }

    private static void AddLayers(List<(string, string, string, long)> rows, Sequential sequential, string prefix)
    {
        for (int i = 0; i < sequential.Count; i++)
        {
            var index = $"{prefix}{i}";
            if (sequential[i] is Sequential inner)
            {
                AddLayers(rows, inner, $"{index}.");
            }
            else
            {
                rows.Add(Row(index, sequential[i]));
            }
        }
    }

    private static (string, string, string, long) Row(string index, Module layer)
    {
        var shapes = string.Join(", ", layer.Parameters().Select(p => p.Label is null ? $"{p.Rows}×{p.Cols}" : $"{p.Label} {p.Rows}×{p.Cols}"));
        return (index, Name(layer), shapes.Length == 0 ? "—" : shapes, layer.ParameterCount);
    }

    /// <summary>A layer's name with what it maps: <c>Linear(2 → 3)</c> takes rows of 2 features to rows of 3.</summary>
    private static string Name(Module layer) => layer switch
    {
        Linear linear => $"Linear({linear.InFeatures} → {linear.OutFeatures})",
        _ => layer.ToString().ReplaceLineEndings(" "),
    };
}
