using System.Runtime.CompilerServices;

namespace Autograd.Interactive;

/// <summary>
/// The entry point of the notebook integration: one call in the first cell of every notebook.
/// </summary>
/// <remarks>
/// The first cell of a notebook in <c>notebooks/</c> loads the library and this integration by path, then calls
/// <see cref="Setup"/>:
/// <code>
/// #r "../src/Autograd/bin/Debug/net10.0/Autograd.dll"
/// #r "../src/Autograd.Interactive/bin/Debug/net10.0/Autograd.Interactive.dll"
/// using Autograd;
/// using Autograd.Interactive;
/// Notebook.Setup();
/// </code>
/// Charts work from the next cell on: the kernel reads a cell's <c>#r</c> lines and compiles the whole cell before
/// running any of it, so a cell that uses Plotly.NET must come after the cell that ran <see cref="Setup"/>.
/// </remarks>
public static class Notebook
{
    /// <summary>
    /// Prepares the kernel: makes the library's dependency and Plotly.NET loadable (Plotly.NET next to the kernel's
    /// own, older FSharp.Core), and registers how numbers, <see cref="Scalar"/>s, graph pictures, charts and progress
    /// displays are shown. Safe to run again.
    /// </summary>
    public static void Setup()
    {
        DependencyLoader.Install();
        DisplayFormatters.Register();

        // Plotly.NET types appear only in the method below, which is compiled once the loader is in place.
        RegisterChartFormatter();
    }

    /// <summary>
    /// A picture of the graph that produced <paramref name="node"/>, shown as SVG, with a one-line description as its
    /// text. A graph too large to draw legibly shows the library's note saying so instead.
    /// </summary>
    /// <param name="node">A result (or any node) of a computation graph.</param>
    public static SvgImage Graph(Node node) => GraphImage.Render(node);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterChartFormatter() => ChartFormatter.Register();
}
