using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace Autograd.Interactive;

/// <summary>Shows Plotly.NET charts as HTML, whatever the host's default output type.</summary>
/// <remarks>
/// Kept apart from <see cref="DisplayFormatters"/> because naming a Plotly.NET type makes the runtime load Plotly.NET,
/// which must wait until <see cref="DependencyLoader"/> is in place.
/// </remarks>
internal static class ChartFormatter
{
    internal static void Register()
    {
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartHtml.Render(chart)), DisplayFormatters.Html);
        Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), DisplayFormatters.Html);
    }
}
