using System.Globalization;
using System.Runtime.CompilerServices;
using Autograd.NN;
using Plotly.NET;

namespace Autograd.Interactive;

/// <summary>
/// How a console program that runs a notebook's code (a notebook's app, <see cref="Notebook.SetupApp"/>) shows
/// values: as the text the notebook shows for them, on standard output, with pictures written as SVG files.
/// </summary>
/// <remarks>
/// <para>
/// The app prints what a reader sees in the notebook: for a value the notebook shows as HTML (a scalar, a tensor, a
/// model, a number), the text of that HTML (<see cref="HtmlText"/>); for a picture (a graph, a heatmap, a digit grid),
/// its text form and then a line naming its file, <c>(picture: 02.svg)</c>; for a chart, its static drawing (the one
/// the notebook output holds for hosts without scripts) in a file, and that line. Files are numbered in the order the
/// pictures are shown.
/// </para>
/// <para>
/// Nothing here touches the kernel's assemblies, which an app does not have.
/// </para>
/// </remarks>
internal static class AppDisplay
{
    private static readonly object Gate = new();
    private static string? folder;
    private static int pictures;

    /// <summary>Whether <see cref="Notebook.SetupApp"/> ran in this process.</summary>
    internal static bool IsOn => folder is not null;

    /// <summary>Writes pictures into <paramref name="picturesFolder"/> from now on, numbering them from 1.</summary>
    internal static void Start(string picturesFolder)
    {
        lock (Gate)
        {
            folder = Path.GetFullPath(picturesFolder);
            pictures = 0;
            Directory.CreateDirectory(folder);
            foreach (var old in Directory.GetFiles(folder, "*.svg"))
            {
                File.Delete(old);
            }
        }
    }

    /// <summary>Prints <paramref name="value"/> as the notebook shows it; a picture goes to its own file.</summary>
    internal static void Show(object? value)
    {
        var (text, svg) = Render(value);
        if (text is not null)
        {
            Console.WriteLine(text);
        }

        if (svg is not null)
        {
            Console.WriteLine(PictureLine(Write(NextPicture(), svg)));
        }
    }

    /// <summary>
    /// Shows a value that is redrawn while a loop runs (a loss curve): shown once now, its file rewritten on each
    /// redraw, and a last time when the program ends.
    /// </summary>
    internal static LiveDisplay ShowLive(Func<object> render, TimeSpan interval)
    {
        var (text, svg) = Render(render());
        if (text is not null)
        {
            Console.WriteLine(text);
        }

        if (svg is null)
        {
            return new LiveDisplay(render, null, interval);
        }

        var file = Write(NextPicture(), svg);
        Console.WriteLine(PictureLine(file));
        var live = new LiveDisplay(render, (value, _) => Write(file, Render(value).Svg ?? ""), interval);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => live.Flush();
        return live;
    }

    /// <summary>The line that names a picture's file: <c>(picture: 02.svg)</c>.</summary>
    internal static string PictureLine(string file) => $"(picture: {Path.GetFileName(file)})";

    /// <summary>The text printed for <paramref name="value"/>, and the SVG written for it, if it is a picture.</summary>
    internal static (string? Text, string? Svg) Render(object? value) => value switch
    {
        null => ("<null>", null),
        string text => (text, null),
        double number => (NumberText.Format(number), null),
        float number => (NumberText.Format(number), null),
        Scalar scalar => (HtmlText.Of(ScalarHtml.Table(scalar)), null),
        Tensor tensor => (HtmlText.Of(TensorHtml.Render(tensor)), null),
        Module module => (HtmlText.Of(ModuleHtml.Render(module)), null),
        SvgImage image => (image.Text, image.Svg),
        Progress progress => (progress.ToString(), null),
        _ when IsChart(value) => (null, ChartDrawing(value)),
        _ => (value.ToString(), null),
    };

    // Plotly.NET types appear only in these two methods, so a program that shows no chart never loads Plotly.NET.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsChart(object value) => value is GenericChart;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string ChartDrawing(object chart) => HtmlText.ChartDrawing(ChartHtml.Render((GenericChart)chart)) ?? "";

    private static string NextPicture()
    {
        lock (Gate)
        {
            var where = folder ?? throw new InvalidOperationException("Notebook.SetupApp has not run.");
            pictures++;
            return Path.Combine(where, pictures.ToString("00", CultureInfo.InvariantCulture) + ".svg");
        }
    }

    private static string Write(string file, string svg)
    {
        File.WriteAllText(file, svg);
        return file;
    }
}
