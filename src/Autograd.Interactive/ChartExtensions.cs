using Plotly.NET;

namespace Autograd.Interactive;

/// <summary>Chart styling that Plotly.NET's C# API lacks.</summary>
/// <remarks>
/// In the dotnet-interactive kernel a C# cell cannot call Plotly.NET's F# functions (such as <c>Chart.withTitle</c>)
/// itself: the kernel compiles cells against its own, older FSharp.Core. These wrappers make the call from here.
/// </remarks>
public static class ChartExtensions
{
    /// <summary>Sets the chart's title.</summary>
    /// <param name="chart">The chart to title.</param>
    /// <param name="title">The title shown above the chart.</param>
    public static GenericChart WithTitle(this GenericChart chart, string title)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(title);
        return Plotly.NET.Chart.withTitle(title, null).Invoke(chart);
    }
}
