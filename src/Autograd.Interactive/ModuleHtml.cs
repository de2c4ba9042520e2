using System.Text;
using Autograd.NN;

namespace Autograd.Interactive;

/// <summary>
/// The HTML the notebook shows for a <see cref="Module"/>: the library's table of its layers (the plain-text form is
/// <c>Sequential.ToString()</c>), with its title above and the total below.
/// </summary>
internal static class ModuleHtml
{
    private const string Font = "font-family:Menlo,Consolas,'DejaVu Sans Mono',monospace;font-size:12px";
    private const string Head = "padding:1px 8px;text-align:left;border:none;opacity:.7";
    private const string Cell = "padding:1px 8px;text-align:left;border:none;border-top:1px solid rgba(128,128,128,.3);white-space:nowrap";
    private const string Number = "padding:1px 8px;text-align:right;border:none;border-top:1px solid rgba(128,128,128,.3);white-space:nowrap";

    internal static string Render(Module module)
    {
        var html = new StringBuilder()
            .Append($"<div class=\"autograd-module\" style=\"{Font}\">")
            .Append("<div style=\"margin:2px 0 6px\"><b>").Append(SvgWriter.Escape(ModuleTable.Title(module))).Append("</b></div>")
            .Append($"<table style=\"border-collapse:collapse;border:none;margin:0;{Font}\"><thead><tr>");
        foreach (var (heading, i) in ModuleTable.Headings.Select((h, i) => (h, i)))
        {
            html.Append($"<th style=\"{Head}{(i is 0 or 3 ? ";text-align:right" : "")}\">").Append(heading).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in ModuleTable.Rows(module))
        {
            html.Append($"<tr><td style=\"{Number};opacity:.55\">").Append(SvgWriter.Escape(row.Name)).Append("</td>")
                .Append($"<td style=\"{Cell}\">").Append(SvgWriter.Escape(row.Layer)).Append("</td>")
                .Append($"<td style=\"{Cell}\">").Append(SvgWriter.Escape(row.Shapes)).Append("</td>")
                .Append($"<td style=\"{Number}\">").Append(NumberText.Count(row.Count)).Append("</td></tr>");
        }

        return html.Append($"<tr><td style=\"{Cell}\"></td><td style=\"{Cell}\"><b>total</b></td><td style=\"{Cell}\"></td>")
            .Append($"<td style=\"{Number}\"><b>").Append(NumberText.Count(module.ParameterCount)).Append("</b></td></tr>")
            .Append("</tbody></table></div>")
            .ToString();
    }
}
