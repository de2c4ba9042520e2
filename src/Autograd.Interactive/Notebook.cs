using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive;

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
    private static bool isKernel;

    /// <summary>
    /// Prepares the kernel: makes the library's dependency and Plotly.NET loadable (Plotly.NET next to the kernel's
    /// own, older FSharp.Core), and registers how numbers, <see cref="Scalar"/>s, graph pictures, charts and progress
    /// displays are shown. Safe to run again.
    /// </summary>
    public static void Setup()
    {
        if (AppDisplay.IsOn)
        {
            // A notebook's app runs without a kernel: there is nothing to register.
            return;
        }

        DependencyLoader.Install();
        isKernel = true;
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

    /// <summary>
    /// Prepares a console program that runs a notebook's code, such as the file-based app generated beside each
    /// notebook (<c>dotnet run notebooks/01-scalar-graph.cs</c>), to show what the notebook shows: without a kernel,
    /// values shown with <see cref="Display"/> print as the text the notebook shows for them, and pictures (graphs,
    /// heatmaps, charts) are written as numbered SVG files into <paramref name="picturesFolder"/>, each named by a line
    /// such as <c>(picture: 02.svg)</c>. <see cref="Setup"/> does nothing afterwards.
    /// </summary>
    /// <remarks>
    /// A notebook's kernel runs in the notebook's folder, so that its cells' relative paths (<c>data/…</c>) resolve
    /// there. So the program moves to the folder of the app's file (a file-based app's
    /// <c>EntryPointFileDirectoryPath</c>), when it has one, before anything else: a relative
    /// <paramref name="picturesFolder"/> is relative to it too. The first line printed names the pictures folder,
    /// relative to the folder the program started in. SVG files already in the folder are deleted.
    /// </remarks>
    /// <param name="picturesFolder">Where pictures are written; created if missing.</param>
    public static void SetupApp(string picturesFolder)
    {
        ArgumentNullException.ThrowIfNull(picturesFolder);
        var started = Environment.CurrentDirectory;
        if (AppContext.GetData("EntryPointFileDirectoryPath") is string appFolder && Directory.Exists(appFolder))
        {
            Environment.CurrentDirectory = appFolder;
        }

        AppDisplay.Start(picturesFolder);
        Console.WriteLine($"pictures: {Path.GetRelativePath(started, Path.GetFullPath(picturesFolder))}");
    }

    /// <summary>
    /// Shows <paramref name="value"/> as a notebook shows a cell's last expression: in a notebook, as an output of the
    /// running cell; in a program prepared by <see cref="SetupApp"/>, as text on standard output (a picture also as an
    /// SVG file); anywhere else, as its text on standard output.
    /// </summary>
    /// <param name="value">The value to show.</param>
    public static void Display(object? value)
    {
        if (AppDisplay.IsOn)
        {
            AppDisplay.Show(value);
        }
        else if (isKernel)
        {
            DisplayInKernel(value);
        }
        else
        {
            Console.WriteLine(AppDisplay.Render(value).Text);
        }
    }

    // The kernel's types appear only here, so a program without the kernel's assemblies never loads them.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DisplayInKernel(object? value)
    {
        if (KernelInvocationContext.Current is { } cell)
        {
            cell.Display(value);
        }
        else
        {
            Console.WriteLine(AppDisplay.Render(value).Text);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterChartFormatter() => ChartFormatter.Register();
}
