using System.Text;

namespace Autograd.Interactive;

/// <summary>
/// The HTML the notebook shows for a <see cref="Tensor"/>: its printout (<see cref="Tensor.ToString"/>) as a title
/// and, side by side, a table of its values and, when it requires grad, one of its gradients, with row and column
/// indices.
/// </summary>
/// <remarks>
/// Styles are attributes on each element (no stylesheet, no external resources), so the output looks the same in
/// every host and cannot restyle the rest of the page. Colours are inherited or translucent grey, which reads on
/// light and dark themes alike.
/// </remarks>
internal static class TensorHtml
{
    private const string Font = "font-family:Menlo,Consolas,'DejaVu Sans Mono',monospace;font-size:12px";
    private const string Rule = "1px solid rgba(128,128,128,.3)";
    private const string Index = "padding:1px 6px;text-align:right;font-weight:normal;opacity:.55;border:none";
    private const string Cell = $"padding:1px 8px;text-align:right;border:none;border-top:{Rule};white-space:nowrap";

    internal static string Render(Tensor tensor)
    {
        var printout = tensor.ToPrintout();
        var html = new StringBuilder()
            .Append($"<div class=\"autograd-tensor\" style=\"{Font}\">")
            .Append("<div style=\"margin:2px 0 6px\"><b>").Append(SvgWriter.Escape(printout.Title[0])).Append("</b>");
        foreach (var part in printout.Title.Skip(1))
        {
            html.Append("<span style=\"opacity:.7\"> · ").Append(SvgWriter.Escape(part)).Append("</span>");
        }

        html.Append("</div><div style=\"display:flex;flex-wrap:wrap;gap:8px 32px;align-items:flex-start\">");
        AppendTable(html, "data", printout.Data, printout.Rows, printout.Cols);
        if (printout.Grad is not null)
        {
            AppendTable(html, "grad", printout.Grad, printout.Rows, printout.Cols);
        }

        return html.Append("</div></div>").ToString();
    }

    private static void AppendTable(StringBuilder html, string caption, string[][] cells, int[] rows, int[] cols)
    {
        html.Append($"<table style=\"border-collapse:collapse;border:none;margin:0;{Font}\">")
            .Append($"<caption style=\"text-align:left;font-weight:bold;padding:0 0 2px 6px\">{caption}</caption>")
            .Append("<thead><tr>").Append($"<th style=\"{Index}\"></th>");
        foreach (int c in cols)
        {
            html.Append($"<th style=\"{Index}\">").Append(IndexText(c)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        for (int i = 0; i < rows.Length; i++)
        {
            html.Append($"<tr><th style=\"{Index}\">").Append(IndexText(rows[i])).Append("</th>");
            foreach (var cell in cells[i])
            {
                html.Append($"<td style=\"{Cell}\">").Append(cell).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    private static string IndexText(int index) =>
        index == Tensor.PrintedGap ? "…" : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
