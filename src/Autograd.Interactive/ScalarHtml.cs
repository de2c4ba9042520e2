using System.Text;

namespace Autograd.Interactive;

/// <summary>The HTML the notebook shows for a <see cref="Scalar"/>.</summary>
internal static class ScalarHtml
{
    /// <summary>A one-row table: value, grad, op (or "leaf") and label.</summary>
    internal static string Table(Scalar scalar)
    {
        var grad = NumberText.Format(scalar.Grad) + (scalar.RequiresGrad ? "" : " (no grad)");
        return new StringBuilder()
            .Append("<table class=\"autograd-scalar\"><thead><tr>")
            .Append("<th>value</th><th>grad</th><th>op</th><th>label</th>")
            .Append("</tr></thead><tbody><tr>")
            .Append("<td>").Append(NumberText.Format(scalar.Value)).Append("</td>")
            .Append("<td>").Append(grad).Append("</td>")
            .Append("<td>").Append(SvgWriter.Escape(scalar.Op ?? "leaf")).Append("</td>")
            .Append("<td>").Append(SvgWriter.Escape(scalar.Label ?? "")).Append("</td>")
            .Append("</tr></tbody></table>")
            .ToString();
    }
}
